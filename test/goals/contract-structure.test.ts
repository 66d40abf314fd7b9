import assert from 'node:assert/strict';
import type { ContractData } from '../../goals/contract-schema';
import { findGoal, findKpi, goalOfKpi, kpisOfGoal, subGoals, topLevelGoals } from '../../goals/contract-queries';
import { defaultContractPath } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';

describe('goals: structure of the 2021 contract and the queries', () => {
  let c: ContractData;
  before(() => {
    c = loadContract(defaultContractPath());
  });

  describe('goals', () => {
    for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '9a', '9b', '9c', '9d']) {
      it(`goal ${id} exists`, () => {
        assert.equal(findGoal(c, id)?.id, id);
      });
    }

    it('has exactly those 14 goals', () => {
      assert.equal(c.goals.length, 14);
    });

    it('every goal except 9 has at least one KPI; 9 gets its KPIs from 9a–9d', () => {
      const empty = c.goals.filter((g) => g.kpis.length === 0).map((g) => g.id);
      assert.deepEqual(empty, ['9']);
    });

    it('every goal has a reporting line and at least one topic', () => {
      for (const g of c.goals) {
        assert.ok(g.reporting.length > 0, `mål ${g.id} har ingen afrapportering`);
        assert.ok(g.topics.length > 0, `mål ${g.id} har ingen emneord`);
      }
    });

    it('every KPI id starts with its goal number', () => {
      for (const g of c.goals) {
        for (const k of g.kpis) assert.equal(Number.parseInt(k.id, 10), Number.parseInt(g.id, 10), `KPI ${k.id} under mål ${g.id}`);
      }
    });

    it('every KPI window starts on or after the day the contract takes effect, and its horizon is not before the window ends', () => {
      for (const k of c.goals.flatMap((g) => g.kpis)) {
        assert.ok(k.window.from >= c.validFrom, `KPI ${k.id}: ${k.window.from}`);
        assert.ok(k.horizon.date >= k.window.to, `KPI ${k.id}: horisont ${k.horizon.date} før vinduets slutning ${k.window.to}`);
      }
    });

    it('every interpreted part is explained with the contract\'s words (Fortolkning)', () => {
      for (const k of c.goals.flatMap((g) => g.kpis)) {
        if (k.interpreted.length > 0) assert.match(k.interpretation ?? "", /[«"].+[»"]/, `KPI ${k.id} fortolker ${k.interpreted.join(', ')} uden at citere kontrakten`);
      }
    });
  });

  describe('topics', () => {
    const allTopics = (): Array<{ goal: string; topic: string }> => c.goals.flatMap((g) => g.topics.map((topic) => ({ goal: g.id, topic })));

    it('are lower case', () => {
      for (const { goal, topic } of allTopics()) assert.equal(topic, topic.toLowerCase(), `mål ${goal}: "${topic}"`);
    });

    it('do not repeat between goals', () => {
      const owner = new Map<string, string>();
      for (const { goal, topic } of allTopics()) {
        const prev = owner.get(topic);
        assert.ok(prev === undefined || prev === goal, `"${topic}" står under både mål ${prev} og ${goal}`);
        owner.set(topic, goal);
      }
    });

    it('are not contained in a topic of another goal either (a parser matching words would be ambiguous)', () => {
      const all = allTopics();
      for (const a of all) {
        for (const b of all) {
          if (a.goal !== b.goal) assert.ok(!b.topic.includes(a.topic), `"${a.topic}" (mål ${a.goal}) indgår i "${b.topic}" (mål ${b.goal})`);
        }
      }
    });

    it('keep "grøn omstilling" and "digitalisering" on goals 6 and 8, not on ledestjerne 9a', () => {
      assert.ok(findGoal(c, '6')?.topics.includes('grøn omstilling'));
      assert.ok(findGoal(c, '8')?.topics.includes('digitalisering'));
      assert.deepEqual(findGoal(c, '9a')?.topics, ['selvstyrende teams', 'eksport']);
    });

    const expected: Record<string, string[]> = {
      '1': ['kendskab', 'kendskabsgrad', 'awareness', 'nye virksomheder'],
      '2': ['geografisk spredning', 'spredning', 'geografi'],
      '3': ['tilfredshed', 'kvalitet', 'kompetencer', 'nps', 'net promoter score', 'net promotor score', 'satisfaction'],
      '4': ['henvisning', 'henviste', 'knudepunkt', 'referral'],
      '5': ['kriseberedskab', 'krise', 'corona', 'covid', 'crisis'],
      '6': ['grøn omstilling', 'cirkulær økonomi', 'bæredygtighed', 'grøn', 'green'],
      '7': ['effekt', 'mervækst', 'kontrolgruppe', 'produktivitet', 'effect', 'impact'],
      '8': ['digitalisering', 'nye teknologier', 'teknologi', 'digital', 'digitalisation'],
      '9': ['ledestjerner', 'regional strategi'],
      '9a': ['selvstyrende teams', 'eksport'],
      '9b': ['kompetent arbejdskraft', 'arbejdskraft'],
      '9c': ['designtænkning', 'design thinking', 'uddannelse'],
      '9d': ['land og by', 'hensigtserklæring', 'hensigtserklæringer', 'opsøgende'],
      '10': ['klynger', 'nationale klynger', 'klynge', 'clusters'],
    };
    for (const [id, topics] of Object.entries(expected)) {
      it(`goal ${id} has the agreed topics`, () => {
        assert.deepEqual(findGoal(c, id)?.topics, topics);
      });
    }
  });

  describe('queries', () => {
    it('findGoal ignores case and surrounding space', () => {
      assert.equal(findGoal(c, ' 9C ')?.title, 'Ledestjernen Designtænkning');
      assert.equal(findGoal(c, '11'), undefined);
      assert.equal(findGoal(c, ''), undefined);
    });

    it('topLevelGoals are 1..10 in numeric order', () => {
      assert.deepEqual(
        topLevelGoals(c).map((g) => g.id),
        ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      );
    });

    it('topLevelGoals does not reorder the contract in place', () => {
      const before = c.goals.map((g) => g.id);
      topLevelGoals(c);
      assert.deepEqual(
        c.goals.map((g) => g.id),
        before,
      );
    });

    it('subGoals of 9 are 9a–9d; other goals have none', () => {
      assert.deepEqual(
        subGoals(c, '9').map((g) => g.id),
        ['9a', '9b', '9c', '9d'],
      );
      assert.deepEqual(subGoals(c, '4'), []);
      assert.deepEqual(subGoals(c, '9a'), []);
    });

    it("kpisOfGoal of a parent includes its sub-goals' KPIs", () => {
      assert.deepEqual(
        kpisOfGoal(c, '9').map((k) => k.id),
        ['9a', '9b', '9c', '9d'],
      );
      assert.deepEqual(
        kpisOfGoal(c, '7').map((k) => k.id),
        ['7a', '7b', '7c', '7d'],
      );
      assert.deepEqual(
        kpisOfGoal(c, '9C').map((k) => k.id),
        ['9c'],
      );
      assert.deepEqual(kpisOfGoal(c, '99'), []);
    });

    it('findKpi returns the KPI and the goal that owns it', () => {
      const hit = findKpi(c, '6B');
      assert.ok(hit);
      assert.equal(hit.goal.id, '6');
      assert.equal(hit.kpi.target, 73);
      assert.equal(findKpi(c, '6z'), undefined);
    });

    it('goalOfKpi gives the sub-goal, not its parent', () => {
      assert.equal(goalOfKpi(c, '9c')?.id, '9c');
      assert.equal(goalOfKpi(c, '10a')?.id, '10');
      assert.equal(goalOfKpi(c, 'nope'), undefined);
    });

    it('every KPI is found by findKpi and belongs to the goal that lists it', () => {
      for (const g of c.goals) {
        for (const k of g.kpis) assert.equal(goalOfKpi(c, k.id), g);
      }
    });
  });
});
