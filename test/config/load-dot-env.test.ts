import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotEnv } from '../../config/load-dot-env';

describe('loadDotEnv (.env for npm start and the scripts)', function () {
  let dir: string;
  const names = ['MAALBOT_TEST_FROM_FILE', 'MAALBOT_TEST_IN_BOTH', 'MAALBOT_TEST_QUOTED'];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-env-'));
    for (const n of names) delete process.env[n];
  });
  afterEach(() => {
    for (const n of names) delete process.env[n];
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file into the environment; a variable already set wins over the file', function () {
    writeFileSync(path.join(dir, '.env'), '# a comment\nMAALBOT_TEST_FROM_FILE=fra filen\nMAALBOT_TEST_IN_BOTH=fra filen\nMAALBOT_TEST_QUOTED="a b # c"\n');
    process.env.MAALBOT_TEST_IN_BOTH = 'fra miljøet';
    assert.equal(loadDotEnv(dir), path.join(dir, '.env'));
    assert.equal(process.env.MAALBOT_TEST_FROM_FILE, 'fra filen');
    assert.equal(process.env.MAALBOT_TEST_IN_BOTH, 'fra miljøet');
    assert.equal(process.env.MAALBOT_TEST_QUOTED, 'a b # c');
  });

  it('does nothing without a file', function () {
    assert.equal(loadDotEnv(dir), undefined);
    assert.equal(process.env.MAALBOT_TEST_FROM_FILE, undefined);
  });
});
