import { textBlock, type CardElement } from './adaptive-card';
import { escapeMarkdown } from './escape-markdown';
import { svgLineChart } from './svg-line-chart';

export interface TrendLine {
  /** Shown in the legend and in the numbers: "Drift", "4a". */
  legend: string;
  /** Oldest first; several readings on one date are all kept (and drawn side by side). */
  points: Array<{ date: string; y: number; shown: string }>;
}

export interface TrendChartInput {
  /** "Udvikling 3a". */
  title: string;
  /** Unique in the card (element ids): "3a". */
  id: string;
  lines: readonly TrendLine[];
  /** The target level as a reference line: { y: 80, shown: "80 %" }. */
  target?: { y: number; shown: string };
  /** Danish tick text for the y-axis. */
  formatTick: (value: number) => string;
  /** The KPI's possible range (shares 0–100). */
  bounds?: { min?: number; max?: number };
  /** A date on the x-axis ("sep. 2021") and in the numbers ("30. september 2021"). */
  axisDate: (isoDate: string) => string;
  fullDate: (isoDate: string) => string;
  /** The chart's own words; Danish when absent (TREND_WORDS_DA). */
  words?: TrendWords;
}

/** The words a trend chart writes around the numbers. */
export interface TrendWords {
  /** "Mål": the target line's label and the numbers' first row. */
  target: string;
  /** "mål": the target in the image's alt text. */
  targetInText: string;
  /** "Flere målinger samme dag (…) vises side om side." */
  sameDay: (when: string) => string;
  /** "Vis tallene". */
  showNumbers: string;
}

export const TREND_WORDS_DA: TrendWords = {
  target: 'Mål',
  targetInText: 'mål',
  sameDay: (when) => `Flere målinger samme dag (${when}) vises side om side.`,
  showNumbers: 'Vis tallene',
};

interface Slot {
  date: string;
  /** The n-th reading of that date (0 for the first). */
  nth: number;
}

/** The x positions: one per reading, so two readings on one date stand side by side. */
function slotsOf(lines: readonly TrendLine[]): Slot[] {
  const perDate = new Map<string, number>();
  for (const l of lines) {
    const counts = new Map<string, number>();
    for (const p of l.points) counts.set(p.date, (counts.get(p.date) ?? 0) + 1);
    for (const [d, c] of counts) perDate.set(d, Math.max(perDate.get(d) ?? 0, c));
  }
  return [...perDate]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([date, count]) => Array.from({ length: count }, (_, nth) => ({ date, nth })));
}

/**
 * The chart image of a trend as SVG text (cards/svg-line-chart.ts): one x slot per reading, the
 * target as a reference line. The card below embeds it; the KKR report renders it to PNG.
 */
export function trendSvg(input: Pick<TrendChartInput, 'lines' | 'target' | 'formatTick' | 'bounds' | 'axisDate' | 'words'>): string {
  const words = input.words ?? TREND_WORDS_DA;
  const slots = slotsOf(input.lines);
  const slotIndex = (date: string, nth: number): number => slots.findIndex((s) => s.date === date && s.nth === nth);
  const series = input.lines.map((l) => {
    const values: Array<number | undefined> = slots.map(() => undefined);
    const seen = new Map<string, number>();
    for (const p of l.points) {
      const nth = seen.get(p.date) ?? 0;
      seen.set(p.date, nth + 1);
      values[slotIndex(p.date, nth)] = p.y;
    }
    return { legend: l.legend, values };
  });
  return svgLineChart({
    series,
    slotLabels: slots.map((s) => (s.nth === 0 ? input.axisDate(s.date) : '')),
    ...(input.target ? { target: { value: input.target.y, label: `${words.target} ${input.target.shown}` } } : {}),
    formatTick: input.formatTick,
    bounds: input.bounds,
  });
}

/**
 * A trend of one KPI: a chart image (SVG, cards/svg-line-chart.ts) with the target as a reference
 * line, a note when readings share a date, and the same numbers as text one tap away ("Vis tallene",
 * Action.ToggleVisibility) in the card's normal type size — for clients and people who cannot use
 * the image (its altText carries them too).
 */
export function trendChart(input: TrendChartInput): CardElement {
  const slots = slotsOf(input.lines);
  const svg = trendSvg(input);
  const words = input.words ?? TREND_WORDS_DA;

  const dates = [...new Set(slots.map((s) => s.date))];
  const facts = dates.map((d) => ({
    title: escapeMarkdown(input.fullDate(d)),
    value: escapeMarkdown(
      input.lines
        .flatMap((l) => l.points.filter((p) => p.date === d).map((p) => (input.lines.length > 1 ? `${l.legend}: ${p.shown}` : p.shown)))
        .join(' · '),
    ),
  }));
  const target = input.target ? `; ${words.targetInText} ${input.target.shown}` : '';
  const altText = `${input.title}: ${input.lines.map((l) => `${l.legend} ${l.points.map((p) => `${p.shown} (${input.fullDate(p.date)})`).join(', ')}`).join('; ')}${target}`;
  const shared = dates.filter((d) => slots.filter((s) => s.date === d).length > 1);
  const numbersId = `trend-numbers-${input.id}`;

  const items: CardElement[] = [
    textBlock(escapeMarkdown(input.title), { weight: 'Bolder', spacing: 'Medium' }),
    { type: 'Image', url: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`, altText: altText.slice(0, 1000), size: 'Stretch', spacing: 'Small' },
  ];
  if (shared.length > 0) {
    const when = shared.map((d) => input.fullDate(d)).join(', ');
    items.push(textBlock(escapeMarkdown(words.sameDay(when)), { isSubtle: true, spacing: 'None' }));
  }
  items.push(
    { type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.ToggleVisibility', title: words.showNumbers, targetElements: [numbersId] }] },
    {
      type: 'Container',
      id: numbersId,
      isVisible: false,
      spacing: 'Small',
      items: [{ type: 'FactSet', facts: input.target ? [{ title: words.target, value: escapeMarkdown(input.target.shown) }, ...facts] : facts }],
    },
  );
  return { type: 'Container', items };
}
