/**
 * `npm run icons`: redraws manifest/color.png and manifest/outline.png from manifest/draw-icons.ts.
 * The files are committed; test/manifest/icons.test.ts checks they match what this draws.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../goals/default-contract';
import { drawColorIcon, drawOutlineIcon } from '../manifest/draw-icons';
import { COLOR_ICON_FILE, OUTLINE_ICON_FILE } from '../manifest/teams-manifest';

const dir = path.join(projectRoot(), 'manifest');
for (const [file, png] of [
  [COLOR_ICON_FILE, drawColorIcon()],
  [OUTLINE_ICON_FILE, drawOutlineIcon()],
] as const) {
  writeFileSync(path.join(dir, file), png);
  console.log(`wrote ${path.join('manifest', file)} (${png.length} bytes)`);
}
