import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { projectRoot } from '../../../goals/default-contract';
import { startRunningApp, type RunningApp } from '../../helpers/running-app';

/** `npm run chat -- …` is `tsx scripts/chat.ts …`: run it the same way, as its own process. */
function chat(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '-r', 'tsx/cjs', 'scripts/chat.ts', ...args], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run chat -- "…" (scripted, against a running app)', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startRunningApp({ clock: () => new Date('2021-10-15T10:00:00Z') });
    const base = { contractId: running.contract.id, done: null, segment: null, note: null, recordedBy: 'test', demo: false };
    await running.store.appendMeasurement({ ...base, kpiId: '4a', value: 47, period: '2021', measuredOn: '2021-09-30', source: 'Erhvervsstyrelsen (brugerevaluering)' });
  });
  after(async () => running.close());

  it('sends "status mål 4", prints the card as text and exits 0', async () => {
    const { code, stdout, stderr } = await chat(['--url', running.baseUrl, 'status mål 4']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Du: status mål 4\nMålbot:\n/);
    assert.match(stdout, /Mål 4 – Erhvervshusenes knudepunktsfunktion/);
    assert.match(stdout, /Mål +mindst 45 %/);
    assert.match(stdout, /Kilde +Erhvervsstyrelsen \(brugerevaluering\)\n/, "markdown escapes are shown as the plain character");
    assert.match(stdout, /Seneste måling +47 %/);
    assert.match(stdout, /Samlet status: Opfyldt/);
    assert.match(stdout, /\[1\] Opdater {3}\[2\] Historik/);
    assert.doesNotMatch(stdout, /\u001b\[/, 'no colour codes when stdout is not a terminal');
  });

  it('sends several messages and presses a button of the answer before ("hjælp", /1 = "Vis oversigt")', async () => {
    const { code, stdout, stderr } = await chat(['--url', `${running.baseUrl}/api/messages`, 'hjælp', '/1']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Målbot – det kan jeg hjælpe med/);
    assert.match(stdout, /Du: \/1\nMålbot:\n/);
    assert.match(stdout, /Mål 4 +Erhvervshusenes knudepunktsfunktion +Opfyldt/);
  });

  it('exits 1 with a clear message when no bot answers', async () => {
    const { code, stdout } = await chat(['--url', 'http://127.0.0.1:1', 'status mål 4']);
    assert.equal(code, 1);
    assert.match(stdout, /! Kan ikke nå botten på http:\/\/127\.0\.0\.1:1\/api\/messages\. Kører den\?/);
  });
});
