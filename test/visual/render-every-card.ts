import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../goals/default-contract';
import { everyCard } from '../helpers/every-card';
import { THEMES, WIDTHS, type CardRenderer, type Findings, type Theme } from './card-renderer';

/** Where the PNGs and the gallery go (build/ is ignored by git). */
export const PREVIEW_DIR = path.join(projectRoot(), 'build', 'card-previews');

export interface RenderedCard extends Findings {
  name: string;
  main: boolean;
  theme: Theme;
  width: number;
  /** File name of the PNG inside PREVIEW_DIR. */
  file: string;
}

/** Renders every card the bot can send in both themes at both widths, writing one PNG each. */
export async function renderEveryCard(renderer: CardRenderer, outDir: string = PREVIEW_DIR): Promise<RenderedCard[]> {
  mkdirSync(outDir, { recursive: true });
  const out: RenderedCard[] = [];
  for (const { name, card, main } of everyCard()) {
    for (const theme of THEMES) {
      for (const width of WIDTHS) {
        const { png, ...findings } = await renderer.render(card, theme, width);
        const file = `${name}-${theme}-${width}.png`;
        writeFileSync(path.join(outDir, file), png);
        out.push({ name, main: main === true, theme, width, file, ...findings });
      }
    }
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** index.html beside the PNGs: one row per card, light and dark at 540 and 360 px, with height and findings. */
export function writeGallery(cards: readonly RenderedCard[], outDir: string = PREVIEW_DIR): string {
  const names = [...new Set(cards.map((c) => c.name))];
  const cell = (c: RenderedCard): string => {
    const problems = (['tooWide', 'clipped', 'untitled', 'markdown', 'misaligned'] as const).flatMap((k) => c[k].map((p) => `${k}: ${p}`));
    return `<figure><img src="${escapeHtml(c.file)}" width="${c.width}" alt="${escapeHtml(`${c.name} ${c.theme} ${c.width}`)}"><figcaption>${c.theme} · ${c.width} px · ${c.height} px høj${
      problems.length > 0 ? `<br><b>${problems.map(escapeHtml).join('<br>')}</b>` : ''
    }</figcaption></figure>`;
  };
  const rows = names.map((n) => `<section><h2>${escapeHtml(n)}</h2><div class="row">${cards.filter((c) => c.name === n).map(cell).join('')}</div></section>`);
  const html = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Målbot – alle kort</title><style>
body { font-family: 'Segoe UI', sans-serif; margin: 24px; background: #eee; }
.row { display: flex; gap: 16px; align-items: flex-start; overflow-x: auto; }
figure { margin: 0; } figcaption { font-size: 12px; color: #444; max-width: 540px; }
</style></head><body><h1>Målbot – alle kort (${names.length}), Teams-værtskonfiguration lys og mørk</h1>${rows.join('\n')}</body></html>`;
  const file = path.join(outDir, 'index.html');
  writeFileSync(file, html);
  return file;
}
