import { PNG } from 'pngjs';
import { ACCENT_COLOR } from './teams-manifest';

/**
 * The two app icons Teams needs, drawn in code so they can be regenerated (`npm run icons`) and
 * checked in tests: a bullseye ("mål" = target) in rings.
 * - colour: 192×192, the accent colour edge to edge with a white bullseye, fully opaque;
 * - outline: 32×32, the same bullseye in pure white on a transparent background (Teams tints it).
 * Edges are anti-aliased by 4×4 supersampling; for the outline only alpha varies, never colour.
 */

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Radii as fractions of the icon's half-width: [inner, outer] of each white band. */
const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0.78, 0.95],
  [0.42, 0.59],
  [0, 0.24],
];
/** The colour icon keeps a margin around the bullseye; the outline fills its 32 px. */
const COLOR_SCALE = 0.8;
const SAMPLES = 4;

function coverage(x: number, y: number, size: number, scale: number): number {
  const half = size / 2;
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const px = x + (sx + 0.5) / SAMPLES - half;
      const py = y + (sy + 0.5) / SAMPLES - half;
      const r = Math.hypot(px, py) / (half * scale);
      if (BANDS.some(([inner, outer]) => r >= inner && r <= outer)) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function drawColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const [br, bg, bb] = hexToRgb(ACCENT_COLOR);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, COLOR_SCALE);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(br + (255 - br) * c);
      png.data[i + 1] = Math.round(bg + (255 - bg) * c);
      png.data[i + 2] = Math.round(bb + (255 - bb) * c);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

export function drawOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(255 * coverage(x, y, size, 1));
      const i = (y * size + x) * 4;
      // Every pixel is white; only alpha draws the shape (what Teams' outline rules ask for).
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = alpha;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}
