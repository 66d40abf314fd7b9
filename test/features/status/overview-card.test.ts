import assert from 'node:assert/strict';
import { overviewCard } from '../../../features/status/overview-card';
import { buildOverviewView } from '../../../features/status/overview-view';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { contractFixture } from '../../fixtures/contract-fixture';
import { measurementFixture as m } from '../../fixtures/measurement-fixture';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';

const TODAY = '2021-10-15';

describe('overview card', () => {
  const rows = [
    m({ kpiId: '4a', value: 50 }),
    m({ kpiId: '1a', value: 30 }),
    m({ kpiId: '9a', value: 3 }),
    m({ kpiId: '9c', done: true, measuredOn: '2021-09-01' }),
  ];

  it('has one row per goal 1–10, each parent followed by its sub-goals indented', () => {
    const v = buildOverviewView(contractFixture, rows, TODAY);
    assert.deepEqual(v.rows.map((r) => `${r.indent ? '  ' : ''}${r.label}`), [
      'Mål 1', 'Mål 2', 'Mål 3', 'Mål 4', 'Mål 5', 'Mål 6', 'Mål 7', 'Mål 8', 'Mål 9', '  9a', '  9b', '  9c', '  9d', 'Mål 10',
    ]);
  });

  it('gives each row the goal status and its colour', () => {
    const v = buildOverviewView(contractFixture, rows, TODAY);
    const byId = Object.fromEntries(v.rows.map((r) => [r.goalId, r.status]));
    assert.deepEqual(byId['4'], { status: 'opfyldt', label: 'Opfyldt', color: 'good' });
    assert.deepEqual(byId['1'], { status: 'i risiko', label: 'I risiko', color: 'warning' });
    assert.equal(byId['9a']?.status, 'opfyldt');
    assert.equal(byId['9c']?.status, 'opfyldt');
    assert.equal(byId['9']?.status, 'opfyldt', '9 aggregates 9a and 9c');
    assert.equal(byId['2']?.status, 'ingen data');
  });

  it('summarises the top-level goals worst first and states the date', () => {
    const v = buildOverviewView(contractFixture, rows, TODAY);
    assert.equal(v.asOf, 'pr. 15. oktober 2021');
    assert.equal(v.summary, '1 i risiko · 4 ingen data · 3 afventer måling · 2 opfyldt');
  });

  it('is a valid, compact card with the header and coloured status words', () => {
    const card = overviewCard(buildOverviewView(contractFixture, rows, TODAY));
    assertSendableCard(card);
    const json = JSON.stringify(card);
    assert.ok(json.includes('"text":"Resultatkontrakt 2021 (testdata)"'));
    assert.ok(json.includes('"text":"Status pr. 15. oktober 2021"'));
    assert.ok(json.includes('{"type":"TextBlock","text":"Opfyldt","wrap":true,"color":"good","weight":"Bolder","horizontalAlignment":"Right"}'));
    assert.ok(!json.includes('demodata'));
    assert.ok(json.length < 15_000, `compact: ${json.length} bytes`);
  });

  it('marks demo data', () => {
    const card = overviewCard(buildOverviewView(contractFixture, [m({ kpiId: '3b', segment: 'vækst', value: 80, demo: true })], TODAY));
    assertSendableCard(card);
    assert.ok(JSON.stringify(card).includes('Oversigten bygger på demodata'));
  });

  it('is valid without any measurements, and for the real contract file', () => {
    assertSendableCard(overviewCard(buildOverviewView(contractFixture, [], TODAY)));
    const contract = loadContract(defaultContractPath());
    const v = buildOverviewView(contract, [], TODAY);
    assert.equal(v.rows.filter((r) => !r.indent).length, 10);
    assertSendableCard(overviewCard(v));
  });
});
