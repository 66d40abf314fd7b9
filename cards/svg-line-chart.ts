/**
 * A line chart drawn as SVG, for an Adaptive Card Image: the bot decides what Teams' native
 * Chart.Line does not let it decide — a y-axis around the data and the target (not from 0), Danish
 * ticks, colours from the Teams palette that stay apart in light and dark themes, the target as a
 * dashed reference line, and readings on the same date side by side instead of on top of each other.
 * Pure: data in, SVG text out.
 */
export interface SvgSeries {
  legend: string;
  /** One value per slot index (undefined: no reading of this series in that slot). */
  values: ReadonlyArray<number | undefined>;
}

export interface SvgLineChartInput {
  series: readonly SvgSeries[];
  /** Slot labels along the x axis (dates); an empty string leaves a slot unlabelled. */
  slotLabels: readonly string[];
  target?: { value: number; label: string };
  /** Danish tick text: 80 → "80 %", 21.5 → "21,5". */
  formatTick: (value: number) => string;
  /** The value range the KPI allows (shares 0–100): the axis never goes past it. */
  bounds?: { min?: number; max?: number };
}

/** Teams/Fluent categorical colours, chosen to differ in hue and to read on white and on Teams' dark grey. */
export const CHART_COLOURS = ['#4f6bed', '#e3008c', '#ca5010', '#00a5af'] as const;
const TARGET_COLOUR = '#8a8886';
const TEXT_COLOUR = '#808080';

const W = 360;
const H = 200;
const M = { left: 46, right: 14, top: 30, bottom: 30 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 1, 2, 2.5 or 5 × 10^k: the tick step for about `count` intervals over `span`. */
export function niceStep(span: number, count = 4): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw);
  return step ?? 10 * magnitude;
}

/** The y-axis: around the data and the target with some air, on nice ticks, inside the KPI's bounds. */
export function yAxis(values: readonly number[], bounds: SvgLineChartInput['bounds'] = {}): { min: number; max: number; ticks: number[] } {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const minSpan = Math.max(2, Math.abs(hi) * 0.05);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const pad = (hi - lo) * 0.15;
  lo -= pad;
  hi += pad;
  if (bounds.min !== undefined) lo = Math.max(lo, bounds.min);
  if (bounds.max !== undefined) hi = Math.min(hi, bounds.max);
  const step = niceStep(hi - lo);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1000; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min, max, ticks };
}

export function svgLineChart(input: SvgLineChartInput): string {
  const all = input.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined));
  const axis = yAxis(input.target ? [...all, input.target.value] : all, input.bounds);
  const n = Math.max(1, input.slotLabels.length);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number): number => M.left + ((i + 0.5) * plotW) / n;
  const y = (v: number): number => M.top + plotH - ((v - axis.min) / (axis.max - axis.min)) * plotH;
  const r = (v: number): string => (Math.round(v * 10) / 10).toString();
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="Segoe UI, Helvetica, Arial, sans-serif" font-size="11">`);

  for (const t of axis.ticks) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${r(y(t))}" y2="${r(y(t))}" stroke="${TEXT_COLOUR}" stroke-opacity="0.25" stroke-width="1"/>`);
    parts.push(`<text class="tick-y" x="${M.left - 6}" y="${r(y(t) + 4)}" text-anchor="end" fill="${TEXT_COLOUR}">${escapeXml(input.formatTick(t))}</text>`);
  }
  // Label at most 4 slots, first and last included, so dates never overlap on a phone.
  const labelled = new Set<number>();
  const every = Math.max(1, Math.ceil(n / 4));
  for (let i = 0; i < n; i += every) labelled.add(i);
  labelled.add(n - 1);
  let lastText = '';
  for (const i of [...labelled].sort((a, b) => a - b)) {
    const text = input.slotLabels[i] ?? '';
    if (text === '' || text === lastText) continue;
    lastText = text;
    const anchor = n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
    const tx = anchor === 'start' ? Math.max(M.left, x(i) - 10) : anchor === 'end' ? Math.min(W - M.right, x(i) + 10) : x(i);
    parts.push(`<text class="tick-x" x="${r(tx)}" y="${H - M.bottom + 16}" text-anchor="${anchor}" fill="${TEXT_COLOUR}">${escapeXml(text)}</text>`);
  }

  if (input.target) {
    const ty = r(y(input.target.value));
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}" stroke="${TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="5 4"/>`);
  }

  input.series.forEach((s, k) => {
    const colour = CHART_COLOURS[k % CHART_COLOURS.length]!;
    const points = s.values.map((v, i) => (v === undefined ? undefined : [x(i), y(v)] as const)).filter((p): p is readonly [number, number] => p !== undefined);
    if (points.length > 1) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([px, py]) => `${r(px)},${r(py)}`).join(' ')}"/>`);
    for (const [px, py] of points) parts.push(`<circle cx="${r(px)}" cy="${r(py)}" r="3.5" fill="${colour}"/>`);
  });

  // Legend across the top: one swatch per series, then the target's dashed line.
  let lx = M.left;
  const legend = (text: string, stroke: string, textColour: string, dashed: boolean): void => {
    const dash = dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<line x1="${lx}" x2="${lx + 16}" y1="14" y2="14" stroke="${stroke}" stroke-width="${dashed ? 1.5 : 2.5}"${dash}/>`);
    parts.push(`<text x="${lx + 22}" y="18" fill="${textColour}">${escapeXml(text)}</text>`);
    lx += 30 + text.length * 6.2;
  };
  input.series.forEach((s, k) => {
    const colour = CHART_COLOURS[k % CHART_COLOURS.length]!;
    legend(s.legend, colour, colour, false);
  });
  if (input.target) legend(input.target.label, TARGET_COLOUR, TEXT_COLOUR, true);
  parts.push('</svg>');
  return parts.join('');
}
