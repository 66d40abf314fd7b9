import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../goals/default-contract';
import { CHROMIUM_ARGS } from './card-renderer';
import { freePort } from '../helpers/free-port';

/**
 * Microsoft 365 Agents Playground driven like a person would: the bot runs as `npm start` runs it
 * (app/main.ts, local mode, its own SQLite file), the Playground (a dev dependency) talks to it on
 * loopback, and headless Chromium types into the Playground's chat and presses the buttons its own
 * Adaptive Card renderer draws. Used by test/visual/playground-walk.visual.ts.
 */

/** The Playground's made-up user (accepted in STAFF_USERS in local mode only). */
export const PLAYGROUND_USER_ID = '00000000-0000-0000-0000-0000000000020';

/** Starts a child and resolves once a line of its output matches `ready` (or rejects with its output). */
function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, what: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s:\n${output.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${String(code)}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** Runs in the page (a string: this project compiles without the DOM's types). */
const MESSAGES_IN_PAGE = `(() => [...document.querySelectorAll('[aria-label="Message header"]')].map((h) => {
  let e = h;
  while (e.parentElement && e.parentElement.querySelectorAll('[aria-label="Message header"]').length === 1) e = e.parentElement;
  const buttons = [...e.querySelectorAll('button, [role=button]')].map((b) => b.innerText.trim()).filter((t) => t !== '');
  return { text: e.innerText, buttons };
}))()`;

export interface Message {
  text: string;
  buttons: string[];
}

export class PlaygroundSession {
  /** Errors the Playground page threw (a dead button shows up here first). */
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly children: ChildProcess[],
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly dir: string,
  ) {}

  static async open(chromiumPath: string, env: Record<string, string> = {}): Promise<PlaygroundSession> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-playground-'));
    const botPort = await freePort();
    const playgroundPort = await freePort();
    const children: ChildProcess[] = [];
    try {
      const base = { ...process.env, NODE_OPTIONS: '--disable-warning=DEP0111', MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '' };
      children.push(
        await startChild(process.execPath, ['-r', 'tsx/cjs', 'app/main.ts'], { ...base, PORT: String(botPort), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(dir, 'maalbot.sqlite')}`, STAFF_USERS: PLAYGROUND_USER_ID, ...env }, /lytter|listening/i, 'the bot'),
      );
      const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
      children.push(
        await startChild(process.execPath, [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort)], { ...base, TEAMSAPPTESTER_BROWSER: 'none' }, /Listening on/, 'the Playground'),
      );
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const session = new PlaygroundSession(children, browser, page, dir);
      page.on('pageerror', (e) => session.pageErrors.push(e.message));
      await page.goto(`http://127.0.0.1:${playgroundPort}/`, { waitUntil: 'load' });
      await page.locator('[data-lexical-editor="true"]:visible').first().waitFor({ timeout: 30_000 });
      return session;
    } catch (err) {
      for (const c of children) c.kill();
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    for (const c of this.children) c.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Every message in the open chat, oldest first (a message is the block around one header). */
  async messages(): Promise<Message[]> {
    return this.page.evaluate<Message[]>(MESSAGES_IN_PAGE);
  }

  async last(): Promise<Message> {
    const all = await this.messages();
    return all[all.length - 1] ?? { text: '', buttons: [] };
  }

  /** Waits until some message contains `expected` (a new or a replaced card). */
  async waitForText(expected: string | RegExp, timeoutMs = 15_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    const matches = (t: string): boolean => (typeof expected === 'string' ? t.includes(expected) : expected.test(t));
    for (;;) {
      const hit = (await this.messages()).reverse().find((m) => matches(m.text));
      if (hit !== undefined) return hit;
      if (Date.now() > deadline) throw new Error(`No message with ${String(expected)}; the last one reads:\n${(await this.last()).text.slice(0, 600)}`);
      await this.page.waitForTimeout(200);
    }
  }

  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]:visible').first();
    await box.click();
    await box.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Presses the newest button with this title, as a person scrolling down would. */
  async press(title: string): Promise<void> {
    const buttons = this.page.getByRole('button', { name: title, exact: true });
    const n = await buttons.count();
    if (n === 0) throw new Error(`No button "${title}"; the last message offers: ${(await this.last()).buttons.join(' | ')}`);
    await buttons.nth(n - 1).click();
  }

  /** Clicks the newest text like this (a tappable overview line). */
  async tap(text: string): Promise<void> {
    await this.page.getByText(text, { exact: false }).last().click();
  }

  async fill(placeholder: string, value: string): Promise<void> {
    await this.page.getByPlaceholder(placeholder, { exact: true }).last().fill(value);
  }

  /** A compact choice set, as the Playground draws it: a combo box and its options. */
  async choose(placeholder: string, option: string): Promise<void> {
    await this.page.getByPlaceholder(placeholder, { exact: true }).last().click();
    await this.page.getByRole('option', { name: option, exact: false }).first().click();
  }

  /** The date picker's day button, e.g. "1, December, 2026". */
  async pickDate(day: string): Promise<void> {
    await this.page.getByPlaceholder('Select a date...', { exact: true }).last().click();
    await this.page.getByRole('button', { name: day, exact: false }).first().click();
  }

  async isVisible(text: string): Promise<boolean> {
    return this.page.getByText(text, { exact: false }).last().isVisible();
  }
}
