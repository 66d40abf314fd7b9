import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { trendSvg, type TrendChartInput } from '../../cards/trend-chart';

/** Pixels per SVG unit: the 360 × 200 chart becomes 720 × 400, sharp at the 12 cm it is printed (PNG encoding is most of the cost). */
const SCALE = 2;

/** Fonts tried in order; loading one file is ten times faster than scanning every system font. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];
let fontOptions: { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily?: string } | undefined;

function fonts(): NonNullable<typeof fontOptions> {
  if (fontOptions === undefined) {
    const file = FONT_FILES.find((f) => existsSync(f));
    fontOptions = file ? { loadSystemFonts: false, fontFiles: [file], defaultFontFamily: file.includes('DejaVu') ? 'DejaVu Sans' : 'Liberation Sans' } : { loadSystemFonts: true };
  }
  return fontOptions;
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * A KPI's trend as a PNG for the Word document: the very SVG the history card shows
 * (cards/trend-chart.ts), rendered by resvg (a native renderer shipped in the npm package; no
 * browser, nothing downloaded at run time). Text uses Liberation Sans (metric-compatible with Arial) where installed, else any system font.
 */
export function trendPng(trend: Pick<TrendChartInput, 'lines' | 'target' | 'formatTick' | 'bounds' | 'axisDate'>): ChartImage {
  const svg = trendSvg(trend);
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    font: fonts(),
  }).render();
  return { png: rendered.asPng(), width: rendered.width / SCALE, height: rendered.height / SCALE };
}
