import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../manifest/draw-icons';
import { projectRoot } from '../../goals/default-contract';
import { ACCENT_COLOR } from '../../manifest/teams-manifest';

const committed = (file: string) => readFileSync(path.join(projectRoot(), 'manifest', file));

function pixels(png: PNG): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < png.data.length; i += 4) out.push([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!]);
  return out;
}

describe('app icons (manifest/color.png, manifest/outline.png)', () => {
  it('the committed files are what manifest/draw-icons.ts draws (run `npm run icons` after changing it)', () => {
    assert.ok(committed('color.png').equals(drawColorIcon()), 'color.png is stale');
    assert.ok(committed('outline.png').equals(drawOutlineIcon()), 'outline.png is stale');
  });

  it('colour icon: 192×192, fully opaque, accent background with a white mark', () => {
    const png = PNG.sync.read(committed('color.png'));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    const px = pixels(png);
    assert.ok(px.every(([, , , a]) => a === 255), 'no transparent pixel');
    const hex = (p: readonly number[]) => `#${p.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
    assert.equal(hex(px[0]!), ACCENT_COLOR, 'corner is the accent colour');
    assert.ok(px.filter((p) => hex(p) === '#FFFFFF').length > 192 * 192 * 0.2, 'a sizeable white mark');
  });

  it('outline icon: 32×32, only white, shape drawn by alpha on a transparent background', () => {
    const png = PNG.sync.read(committed('outline.png'));
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    const px = pixels(png);
    assert.ok(px.every(([r, g, b]) => r === 255 && g === 255 && b === 255), 'every pixel is white');
    for (const corner of [0, 31, 32 * 31, 32 * 32 - 1]) assert.equal(px[corner]![3], 0, `corner ${corner} is transparent`);
    const transparent = px.filter(([, , , a]) => a === 0).length;
    const opaque = px.filter(([, , , a]) => a === 255).length;
    assert.ok(transparent > px.length * 0.3, `mostly transparent background (${transparent} px)`);
    assert.ok(opaque > px.length * 0.2, `a solid white mark (${opaque} px)`);
  });
});
