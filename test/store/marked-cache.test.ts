import assert from 'node:assert/strict';
import { MarkedCache, statusSelectionKey } from '../../store/marked-cache';

describe('MarkedCache: the stores\' status and history caches', () => {
  it('hits only while the mark has not moved', () => {
    const c = new MarkedCache<number, string>(4);
    c.set('k', 7, 'rows at 7');
    assert.equal(c.get('k', 7), 'rows at 7');
    assert.equal(c.get('k', 8), undefined, 'a new row moved the mark');
    assert.equal(c.get('other', 7), undefined);
  });

  it('keeps at most its limit, oldest out; storing a key again neither evicts another nor stays oldest', () => {
    const c = new MarkedCache<string, number>(2);
    c.set('a', 'v1', 1);
    c.set('b', 'v1', 2);
    c.set('a', 'v2', 3); // replaces a: b stays
    assert.equal(c.get('b', 'v1'), 2);
    c.set('c', 'v1', 4); // b is now the oldest
    assert.equal(c.get('b', 'v1'), undefined);
    assert.equal(c.get('a', 'v2'), 3);
    assert.equal(c.get('c', 'v1'), 4);
  });

  it('statusSelectionKey: the same query array gives the same key, another as-of another key', () => {
    const kpis = [{ kpiId: '3a', window: { from: '2021-01-01', to: '2021-12-31' }, usable: 'value', baselines: [] }] as never;
    assert.equal(statusSelectionKey('c', kpis, { measuredOnOrBefore: '2021-10-15' }), statusSelectionKey('c', kpis, { measuredOnOrBefore: '2021-10-15' }));
    assert.notEqual(statusSelectionKey('c', kpis, { measuredOnOrBefore: '2021-10-15' }), statusSelectionKey('c', kpis, { measuredOnOrBefore: '2021-10-15', idAtMost: 5 }));
  });
});
