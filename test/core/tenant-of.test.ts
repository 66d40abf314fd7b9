import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { tenantOf } from '../../core/tenant-of';
import { turnInfoFromActivity } from '../../teams/turn-info-from-activity';

describe('tenantOf', () => {
  it('reads conversation.tenantId first', () => {
    assert.equal(tenantOf({ conversation: { tenantId: 't1' }, channelData: { tenant: { id: 't2' } } }), 't1');
  });
  it('falls back to channelData.tenant.id', () => {
    assert.equal(tenantOf({ conversation: {}, channelData: { tenant: { id: 't2' } } }), 't2');
  });
  it('treats an empty string as no tenant, in either place', () => {
    assert.equal(tenantOf({ conversation: { tenantId: '' }, channelData: { tenant: { id: 't2' } } }), 't2');
    assert.equal(tenantOf({ conversation: { tenantId: '' }, channelData: { tenant: { id: '' } } }), undefined);
  });
  it('ignores non-strings and absence', () => {
    assert.equal(tenantOf({ conversation: { tenantId: 42 }, channelData: { tenant: { id: null } } }), undefined);
    assert.equal(tenantOf({}), undefined);
  });
  it('gives the turn info the same answer as the tenant gate', () => {
    const activity = { conversation: { id: 'c1', tenantId: '' }, channelData: { tenant: { id: '' } } } as Partial<Activity>;
    assert.equal(turnInfoFromActivity(activity).tenantId, undefined);
    const fallback = { conversation: { id: 'c1', tenantId: '' }, channelData: { tenant: { id: 't2' } } } as Partial<Activity>;
    assert.equal(turnInfoFromActivity(fallback).tenantId, 't2');
  });
});
