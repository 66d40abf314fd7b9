import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../goals/default-contract';

/**
 * Renders Adaptive Cards the way a Teams client does — Microsoft's own `adaptivecards` renderer
 * with the Teams host configs (light, dark) and a markdown processor, in headless Chromium — and
 * measures what can be measured: the card's height, elements wider than the card, clipped text,
 * buttons without a title, markdown that became lists/headings/links, and legend rows that drift
 * apart. Used by the visual suite (test/visual/cards.visual.ts) and `npm run cards:preview`.
 */
export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];
/** Teams' desktop chat column and a phone. */
export const WIDTHS = [540, 360] as const;

/** Flags for a headless Chromium in a container or CI: no sandbox, no GPU, no network chatter. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Debian's `chromium` (installed by .ci/run when missing), or CHROMIUM_PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => p !== undefined && p !== '');
  return candidates.find((p) => existsSync(p));
}

export interface Findings {
  height: number;
  /** Elements that reach past the card's left or right edge: "DIV.ac-textBlock 'Mål 4 …' 612px". */
  tooWide: string[];
  /** Text cut off by its box (overflow hidden, ellipsis). */
  clipped: string[];
  /** Buttons with no visible title and no aria-label. */
  untitled: string[];
  /** Lists, headings or links made by markdown. */
  markdown: string[];
  /** ColumnSets whose first texts do not start on one line (a legend row that drifted). */
  misaligned: string[];
}

export interface Rendered extends Findings {
  png: Buffer;
}

const schemas = (): string => path.resolve(projectRoot(), '..', 'shared', 'schemas', 'adaptive-cards');
const moduleFile = (rel: string): string => require.resolve(rel);

function hostConfig(theme: Theme): unknown {
  return JSON.parse(readFileSync(path.join(schemas(), `hostconfig-microsoft-teams-${theme}.json`), 'utf8'));
}

/** The page: the renderer, markdown-it (as Teams renders TextBlock markdown; URLs become links too) and a measuring function. */
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; }
  #card { overflow: visible; }
</style></head><body><div id="card"></div></body></html>`;

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(executablePath: string): Promise<CardRenderer> {
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 700, height: 900 }, deviceScaleFactor: 1 });
    await page.setContent(PAGE);
    await page.addScriptTag({ content: readFileSync(moduleFile('adaptivecards/dist/adaptivecards.min.js'), 'utf8') });
    await page.addScriptTag({ content: readFileSync(moduleFile('markdown-it/browser'), 'utf8') });
    // The measuring code runs in the page: plain browser JavaScript beside this file (no DOM types in the Node build).
    await page.addScriptTag({ content: readFileSync(path.join(__dirname, 'render-in-page.js'), 'utf8') });
    return new CardRenderer(browser, page);
  }

  async render(card: unknown, theme: Theme, width: number): Promise<Rendered> {
    const pageBackground = theme === 'dark' ? '#1f1f1f' : '#f5f5f5';
    const args = { card, hostConfig: hostConfig(theme), width, pageBackground };
    const findings = (await this.page.evaluate(`renderAndMeasure(${JSON.stringify(args)})`)) as Findings;
    const png = await this.page.locator('#card').screenshot();
    return { ...findings, png };
  }

  /** Presses a client-side button (Action.ToggleVisibility) on the card rendered last; the card's new height. */
  async press(title: string): Promise<number> {
    await this.page.locator('#card').getByRole('button', { name: title, exact: true }).first().click();
    return Math.round((await this.page.locator('#card > *').first().boundingBox())?.height ?? 0);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
