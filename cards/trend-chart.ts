import { textBlock, type CardElement } from './adaptive-card';

export interface TrendLine {
  /** Shown in the legend and in the fallback: "Drift", "4a", "Mål (45 %)". */
  legend: string;
  points: Array<{ x: string; y: number; shown: string }>;
}

/**
 * A Teams native line chart (`Chart.Line`, shape as in @microsoft/teams.cards: `data` is a list of
 * series, each `{ legend, values: [{ x, y }] }`). Charts are Teams extensions outside the Adaptive
 * Card 1.5 schema, so the element carries a `fallback` with the same numbers as a FactSet: clients
 * without charts (and the schema check in the tests) see that instead.
 */
export function trendChart(title: string, lines: readonly TrendLine[]): CardElement {
  const xs = [...new Set(lines.flatMap((l) => l.points.map((p) => p.x)))];
  const facts = xs.map((x) => ({
    title: x,
    value: lines
      .flatMap((l) => l.points.filter((p) => p.x === x).map((p) => (lines.length > 1 ? `${l.legend}: ${p.shown}` : p.shown)))
      .join(' · '),
  }));
  return {
    type: 'Chart.Line',
    title,
    data: lines.map((l) => ({ legend: l.legend, values: l.points.map((p) => ({ x: p.x, y: p.y })) })),
    fallback: {
      type: 'Container',
      items: [textBlock(title, { weight: 'Bolder', size: 'Small' }), { type: 'FactSet', facts }],
    },
  };
}
