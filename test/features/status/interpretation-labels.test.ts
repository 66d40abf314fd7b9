import assert from 'node:assert/strict';
import { defaultContractPath } from '../../../goals/default-contract';
import { loadContract } from '../../../goals/load-contract';
import { findKpi } from '../../../goals/contract-queries';
import type { InterpretedPart } from '../../../goals/contract-schema';
import { buildGoalStatusView } from '../../../features/status/goal-status-view';
import { goalStatusCard } from '../../../features/status/goal-status-card';
import { escapeMarkdown } from '../../../cards/escape-markdown';

/**
 * Nothing the contract does not say appears as a target, period or date without the label
 * "Fortolkning": for every KPI of the real contract, each part the data file marks as interpreted
 * carries the label on the status card, with the interpretation in the contract's words beside it —
 * and the parts that are the contract's own words carry no label.
 */
describe('status cards label every interpretation of the contract ("Fortolkning")', () => {
  const contract = loadContract(defaultContractPath());
  const FACT_OF: Record<InterpretedPart, string> = { target: 'Mål', window: 'Periode', horizon: 'Resultat ventes' };

  type Fact = { title: string; value: string };
  function factsOf(card: unknown, kpiTitleStart: string): Fact[] {
    // The KPI's details container: first a TextBlock "4a – …", then its FactSet.
    let found: Fact[] | undefined;
    const walk = (node: unknown): void => {
      if (found !== undefined || node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      const o = node as Record<string, unknown>;
      const items = o.items as unknown[] | undefined;
      const first = items?.[0] as { type?: string; text?: string } | undefined;
      const set = items?.find((i) => (i as { type?: string }).type === 'FactSet') as { facts: Fact[] } | undefined;
      if (first?.type === 'TextBlock' && typeof first.text === 'string' && first.text.startsWith(kpiTitleStart) && set !== undefined) {
        found = set.facts;
        return;
      }
      Object.values(o).forEach(walk);
    };
    walk(card);
    assert.ok(found, `ingen blok for ${kpiTitleStart}`);
    return found;
  }

  const kpis = contract.goals.flatMap((g) => g.kpis);
  it('the contract data marks some interpretations (else this test proves nothing)', () => {
    assert.ok(kpis.filter((k) => k.interpreted.length > 0).length >= 10);
  });

  for (const kpi of kpis) {
    it(`${kpi.id}: ${kpi.interpreted.length === 0 ? 'no part interpreted, no label' : `${kpi.interpreted.join(', ')} labelled`}`, () => {
      const goal = findKpi(contract, kpi.id)!.goal;
      for (const today of ['2021-10-15', '2026-12-02']) {
        const view = buildGoalStatusView(contract, goal.id, [], today)!;
        const card = goalStatusCard(view);
        const facts = factsOf(card, `${kpi.id} – `);
        for (const part of ['target', 'window', 'horizon'] as const) {
          const fact = facts.find((f) => f.title === FACT_OF[part]);
          assert.ok(fact, `${kpi.id}: faktum «${FACT_OF[part]}» mangler`);
          if (kpi.interpreted.includes(part)) assert.match(fact.value, /\(Fortolkning\)$/, `${kpi.id} ${part}: ${fact.value}`);
          else assert.doesNotMatch(fact.value, /Fortolkning/, `${kpi.id} ${part}: ${fact.value}`);
        }
        if (kpi.interpreted.length > 0) {
          const json = JSON.stringify(card);
          assert.ok(json.includes(JSON.stringify(`Fortolkning: ${escapeMarkdown(kpi.interpretation!)}`).slice(1, -1)), `${kpi.id}: fortolkningen vises ikke med kontraktens ord`);
        }
      }
    });
  }

  // An English card keeps the contract's label, explained: the brief's rule holds in both languages.
  const FACT_OF_EN: Record<InterpretedPart, string> = { target: 'Target', window: 'Period', horizon: 'Result expected' };
  for (const kpi of kpis.filter((k) => k.interpreted.length > 0)) {
    it(`${kpi.id} in English: ${kpi.interpreted.join(', ')} labelled "Fortolkning – interpretation"`, () => {
      const goal = findKpi(contract, kpi.id)!.goal;
      const card = goalStatusCard(buildGoalStatusView(contract, goal.id, [], '2021-10-15', 'en')!);
      const facts = factsOf(card, `${kpi.id} – `);
      for (const part of ['target', 'window', 'horizon'] as const) {
        const fact = facts.find((f) => f.title === FACT_OF_EN[part]);
        assert.ok(fact, `${kpi.id}: fact «${FACT_OF_EN[part]}» missing`);
        if (kpi.interpreted.includes(part)) assert.match(fact.value, /\(Fortolkning – interpretation\)$/, `${kpi.id} ${part}: ${fact.value}`);
        else assert.doesNotMatch(fact.value, /Fortolkning/, `${kpi.id} ${part}: ${fact.value}`);
      }
      const json = JSON.stringify(card);
      assert.ok(json.includes(JSON.stringify(`Fortolkning (interpretation): ${escapeMarkdown(kpi.interpretation!)}`).slice(1, -1)), `${kpi.id}: the interpretation is not shown in the contract's words`);
    });
  }
});
