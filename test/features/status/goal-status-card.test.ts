import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Measurement } from '../../../core/measurement';
import type { Status } from '../../../core/status-types';
import { goalStatusCard } from '../../../features/status/goal-status-card';
import { buildGoalStatusView, type GoalStatusView } from '../../../features/status/goal-status-view';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath, projectRoot } from '../../../goals/default-contract';
import { contractFixture } from '../../fixtures/contract-fixture';
import { measurementFixture as m } from '../../fixtures/measurement-fixture';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';

/**
 * Golden file: test/fixtures/cards/goal-status-4.json. After an intended layout change, regenerate
 * it with `UPDATE_GOLDEN=1 npx mocha test/features/status/goal-status-card.test.ts`, read the diff, commit.
 */
const GOLDEN = path.join(projectRoot(), 'test', 'fixtures', 'cards', 'goal-status-4.json');

const TODAY = '2021-10-15';

function view(goalId: string, rows: Measurement[], today = TODAY): GoalStatusView {
  const v = buildGoalStatusView(contractFixture, goalId, rows, today);
  assert.ok(v, `mål ${goalId} findes i testkontrakten`);
  return v;
}

/** Every TextBlock text and fact, in order: what a reader sees. */
function texts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The first TextBlock whose text starts with `prefix`. */
function block(card: unknown, prefix: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (x: unknown): void => {
    if (found) return;
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text.startsWith(prefix)) found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  assert.ok(found, `TextBlock der starter med "${prefix}"`);
  return found;
}

const goal4Rows = [m({ id: 1, kpiId: '4a', value: 44, period: '2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (brugerevaluering)' })];

describe('goal status card', () => {
  it('matches the golden JSON for goal 4 (as staff see it)', () => {
    const card = goalStatusCard(view('4', goal4Rows), { updateKinds: ['number'] });
    assertSendableCard(card);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(card, null, 2)}\n`);
    assert.ok(existsSync(GOLDEN), `${GOLDEN} mangler; lav den med UPDATE_GOLDEN=1 og gennemse den`);
    assert.deepEqual(card, JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('shows heading, scope, status, KPI facts, method and reporting for goal 4', () => {
    const t = texts(goalStatusCard(view('4', goal4Rows)));
    assert.ok(t.includes('Mål 4 – Erhvervshusenes knudepunktsfunktion'));
    assert.ok(t.includes('Nationalt mål · Status pr. 15. oktober 2021'));
    assert.ok(t.includes('Samlet status: På vej'));
    assert.ok(t.includes('Mål: mindst 45 %'));
    assert.ok(t.includes('Seneste måling: 44 % – 2021, målt 30. september 2021'));
    assert.ok(t.includes('Kilde: Erhvervsstyrelsen (brugerevaluering)'));
    assert.ok(t.includes('Metode'));
    assert.ok(t.includes('Afrapportering'));
    assert.ok(!t.some((x) => x.startsWith('Status:')), 'one KPI: its status is the goal line, not repeated');
    assert.ok(t.includes('Erhvervsstyrelsen → KL og Erhvervshusene · årligt: Andel henviste virksomheder, der har benyttet henvisningen.'));
  });

  it('for staff: Opdater and Historik as Action.Execute with Action.Submit fallbacks carrying verb, goalId, form kind and origin', () => {
    const card = goalStatusCard(view('4', goal4Rows), { updateKinds: ['number'] });
    assert.deepEqual(card.actions, [
      {
        type: 'Action.Execute', title: 'Opdater', verb: 'openUpdateForm', data: { goalId: '4', kind: 'number', back: 'status' },
        fallback: { type: 'Action.Submit', title: 'Opdater', data: { verb: 'openUpdateForm', goalId: '4', kind: 'number', back: 'status' } },
      },
      {
        type: 'Action.Execute', title: 'Historik', verb: 'showHistory', data: { goalId: '4' },
        fallback: { type: 'Action.Submit', title: 'Historik', data: { verb: 'showHistory', goalId: '4' } },
      },
      {
        type: 'Action.Execute', title: 'Oversigt', verb: 'showOverview', data: {},
        fallback: { type: 'Action.Submit', title: 'Oversigt', data: { verb: 'showOverview' } },
      },
    ]);
  });

  it('for a reader: only Historik (no button that would only refuse)', () => {
    const card = goalStatusCard(view('4', goal4Rows));
    assertSendableCard(card);
    assert.deepEqual(card.actions?.map((a) => a.title), ['Historik', 'Oversigt']);
  });

  it('a goal with numbers and milestones offers one form per kind', () => {
    const card = goalStatusCard(view('9', []), { updateKinds: ['number', 'milestone'] });
    assertSendableCard(card);
    assert.deepEqual(card.actions?.map((a) => [a.title, (a.data as Record<string, string>).kind]), [['Indberet tal', 'number'], ['Indberet milepæl', 'milestone'], ['Historik', undefined]]);
  });

  const states: Array<[Status, Measurement[], string, string]> = [
    ['opfyldt', [m({ kpiId: '4a', value: 50 })], TODAY, 'good'],
    ['på vej', [m({ kpiId: '4a', value: 44 })], TODAY, 'accent'],
    ['i risiko', [m({ kpiId: '4a', value: 30 })], TODAY, 'warning'],
    ['ikke opfyldt', [m({ kpiId: '4a', value: 44 })], '2022-01-02', 'attention'],
    ['afventer måling', [], TODAY, 'default'],
    ['ingen data', [], '2022-01-02', 'default'],
  ];
  for (const [status, rows, today, color] of states) {
    it(`is a valid card with status "${status}" in colour ${color}`, () => {
      const v = view('4', rows, today);
      assert.equal(v.status.status, status);
      const card = goalStatusCard(v);
      assertSendableCard(card);
      assert.equal(block(card, 'Samlet status:').color, color);
      assert.ok(texts(card).includes(v.reason), 'the reason line is shown');
    });
  }

  it('without measurements says "ingen måling endnu" and shows no source', () => {
    const t = texts(goalStatusCard(view('4', [])));
    assert.ok(t.includes('Seneste måling: ingen måling endnu'));
    assert.ok(!t.some((x) => x.startsWith('Kilde:')));
    assert.ok(t.includes('Afventer måling for 2021 (ventes: I 2021)'));
  });

  it('marks demo data on the card and on the KPI', () => {
    const card = goalStatusCard(view('4', [m({ kpiId: '4a', value: 50, demo: true })]));
    assertSendableCard(card);
    assert.equal(block(card, 'Kortet indeholder demodata').color, 'attention');
    assert.ok(texts(card).includes('Demodata – ikke en rigtig måling'));
    assert.ok(!texts(goalStatusCard(view('4', goal4Rows))).some((x) => x.toLowerCase().includes('demodata')));
  });

  it('shows baselines, segments with their own status, and a missing segment', () => {
    const rows = [m({ kpiId: '3b', segment: 'drift', value: 72, measuredOn: '2021-06-30' })];
    const card = goalStatusCard(view('3', rows));
    assertSendableCard(card);
    const t = texts(card);
    assert.ok(t.includes('Gælder for: driftssegmentet og vækstsegmentet'));
    assert.ok(t.includes('Drift: 72 opfyldt; vækst: ingen måling'));
    assert.equal(block(card, 'Drift: Opfyldt').color, 'good');
    assert.ok(t.includes('Vækst: Afventer måling'));
    assert.ok(t.includes('Kilde: Erhvervsstyrelsen (brugerevaluering) (30. juni 2021)'));

    const empty = view('3', []);
    assert.deepEqual(empty.kpis[0]?.segments, [], 'nothing measured: no per-segment blocks repeating the KPI line');
    assertSendableCard(goalStatusCard(empty));

    const t1 = texts(goalStatusCard(view('1', [])));
    assert.ok(t1.includes('Baseline: 32 % i september 2020 (Sydjylland)'));
    assert.ok(t1.includes('Baseline: 33 % i september 2020 (landsplan)'));
    assert.ok(t1.includes('1a, 1b: Erhvervsstyrelsen udsender i tredje kvartal 2021 en spørgeskemaundersøgelse.'), 'shared method shown once');
  });

  it('shows milestones, pp_change and effect against control', () => {
    const rows = [m({ kpiId: '6a', done: false, measuredOn: '2021-03-01', period: 'marts 2021' }), m({ kpiId: '6c', value: 75 })];
    const card = goalStatusCard(view('6', rows));
    assertSendableCard(card);
    const t = texts(card);
    assert.ok(t.includes('Mål: gennemført i 2021'));
    assert.ok(t.includes('Seneste måling: ikke gennemført – marts 2021, målt 1. marts 2021'));
    assert.ok(t.includes('Milepæl ikke nået endnu; 77 dage tilbage af perioden (2021)'), t.join('\n'));
    assert.equal(block(card, 'Status: På vej').color, 'accent', 'several KPIs: each shows its own status');
    // 6c is about 2023: a 2021 row is shown, but beside the target, not as its result (R1).
    assert.ok(t.includes('Uden for perioden: 75 % (+7 procentpoint) – 2021-09, målt 30. september 2021 – uden for målets periode, tæller ikke'), t.join('\n'));
    const card7 = goalStatusCard(view('7', [m({ kpiId: '7d', value: 1.5 })]));
    assertSendableCard(card7);
    assert.ok(texts(card7).includes('Mål: over kontrolgruppen'));
  });

  it('parent goal 9 lists its sub-goals and their KPIs', () => {
    const rows = [m({ kpiId: '9a', value: 3 }), m({ kpiId: '9c', done: false, measuredOn: '2021-03-01' })];
    const v = view('9', rows, '2021-12-15');
    assert.deepEqual(v.subGoals.map((s) => [s.heading.slice(0, 7), s.status.status]), [
      ['Mål 9a ', 'opfyldt'], ['Mål 9b ', 'ingen data'], ['Mål 9c ', 'i risiko'], ['Mål 9d ', 'ingen data'],
    ]);
    assert.deepEqual(v.kpis.map((k) => k.id), ['9a', '9c']);
    assert.equal(v.status.status, 'delvist opfyldt', 'one sub-goal met, one at risk: said as such, not the worst (R11)');
    assert.equal(v.reason, '1 af 2 delmål opfyldt; 9c i risiko');
    assert.equal(v.reporting.length, 1, 'the shared reporting line is shown once');
    const card = goalStatusCard(v);
    assertSendableCard(card);
    assert.ok(texts(card).includes('Delmål'));
  });

  it('a sub-goal names its parent', () => {
    assert.equal(view('9c', []).scopeLabel, 'Lokalt delmål af mål 9 – Regional strategi – de 5 ledestjerner');
  });

  it('a goal without KPIs says so', () => {
    const card = goalStatusCard(view('2', []));
    assertSendableCard(card);
    const t = texts(card);
    assert.ok(t.includes('Kontrakten sætter ingen målepunkter med målværdi for dette mål.'));
    assert.ok(!t.includes('Målepunkter'));
    assert.ok(!t.includes('Metode'));
  });

  it('escapes user text in notes and sources, and no "${" survives', () => {
    const hostile = m({ kpiId: '4a', value: 50, source: '[Klik her](https://evil.example) ${$root.goalId}', note: '- **vigtigt** ${heading}\n1. _x_' });
    const card = goalStatusCard(view('4', [hostile]));
    assertSendableCard(card);
    const t = texts(card);
    assert.ok(t.includes('Kilde: \\[Klik her\\](https://evil.example) $\\{$root.goalId}'));
    assert.ok(t.includes('Note: \\- \\*\\*vigtigt\\*\\* $\\{heading}\n1\\. \\_x\\_'));
  });

  it('returns null for an unknown goal and accepts ids in any case', () => {
    assert.equal(buildGoalStatusView(contractFixture, '11', [], TODAY), null);
    assert.equal(buildGoalStatusView(contractFixture, '9C', [], TODAY)?.goalId, '9c');
  });

  it('reusing the template: each expansion reflects only its own view', () => {
    const met = view('4', [m({ kpiId: '4a', value: 50 })]);
    const a1 = goalStatusCard(met);
    const b = goalStatusCard(view('9', []));
    const a2 = goalStatusCard(met);
    assert.deepEqual(a2, a1);
    assert.notDeepEqual(a1, b);
    assert.equal(block(a2, 'Samlet status:').text, 'Samlet status: Opfyldt');
    a2.body.length = 0; // mutating a result must not leak into the next one
    assert.deepEqual(goalStatusCard(met), a1);
  });

  it('every goal of the real contract file gives a valid card, with and without data', () => {
    const contract = loadContract(defaultContractPath());
    for (const g of contract.goals) {
      const kpis = contract.goals.flatMap((x) => x.kpis);
      const rows = kpis.map((k, i) =>
        m({ id: i + 1, kpiId: k.id, value: k.kind === 'milestone' ? null : (k.target ?? 0) + 1, done: k.kind === 'milestone' ? true : null, segment: k.segments[0] ?? null, demo: true }),
      );
      for (const [data, today] of [[[], '2021-06-01'], [rows, '2021-10-15'], [[], '2024-01-01']] as const) {
        const v = buildGoalStatusView(contract, g.id, data, today);
        assert.ok(v);
        assert.doesNotThrow(() => assertSendableCard(goalStatusCard(v)), `mål ${g.id}`);
      }
    }
  });
});
