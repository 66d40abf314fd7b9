import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ContractFileError } from '../../goals/contract-file-error';
import { DEFAULT_CONTRACT_FILE, defaultContractPath, projectRoot } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';

/** A plain-object view of the YAML, for tests that break one field. */
type Raw = {
  goals: Array<{ id: string; title?: unknown; topics: string[]; kpis: Array<Record<string, unknown>> }>;
} & Record<string, unknown>;

describe('goals: loadContract', () => {
  const realFile = defaultContractPath();
  const realText = readFileSync(realFile, 'utf8');
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'maalbot-contract-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a broken copy and returns its path. */
  function brokenCopy(name: string, edit: (raw: Raw) => void): string {
    const raw = parse(realText) as Raw;
    edit(raw);
    const file = path.join(dir, name);
    writeFileSync(file, stringify(raw));
    return file;
  }

  /** Asserts a ContractFileError naming the file, with exactly these issue paths, each on its own line. */
  function assertContractError(file: string, expectedPaths: string[], messagePattern: RegExp): void {
    assert.throws(
      () => loadContract(file),
      (err: unknown) => {
        assert.ok(err instanceof ContractFileError, `forventede ContractFileError, fik ${String(err)}`);
        assert.equal(err.file, file);
        assert.equal(err.code, 'CONTRACT_FILE_INVALID');
        assert.deepEqual(
          err.issues.map((i) => i.path),
          expectedPaths,
        );
        const msgLines = err.message.split('\n');
        assert.ok(msgLines[0]?.includes(file), `første linje nævner ikke filen: ${msgLines[0]}`);
        assert.equal(msgLines.length, expectedPaths.length + 1, 'én linje pr. problem');
        expectedPaths.forEach((p, i) => assert.ok(msgLines[i + 1]?.includes(`${p}: `), `linje ${i + 1} nævner ikke ${p}: ${msgLines[i + 1]}`));
        assert.match(err.message, messagePattern);
        return true;
      },
    );
  }

  it('loads the real 2021 contract', () => {
    const c = loadContract(realFile);
    assert.equal(c.id, 'kkr-syddanmark-sydjylland-2021');
    assert.equal(c.goals.length, 14);
  });

  it('resolves the default file from the project root (the folder with package.json)', () => {
    const root = projectRoot();
    assert.equal(path.basename(realFile), path.basename(DEFAULT_CONTRACT_FILE));
    assert.equal(realFile, path.join(root, 'goals', 'contracts', 'resultatkontrakt-2021-sydjylland.yaml'));
    assert.equal(readFileSync(path.join(root, 'package.json'), 'utf8').includes('"name": "maalbot"'), true);
  });

  it('finds the project root from a compiled location too (dist/goals)', () => {
    assert.equal(projectRoot(path.join(projectRoot(), 'dist', 'goals')), projectRoot());
  });

  it('throws a plain error when no package.json is above the start folder', () => {
    assert.throws(() => projectRoot(path.parse(process.cwd()).root), /package\.json/);
  });

  it('loads the same contract from JSON', () => {
    const file = path.join(dir, 'contract.json');
    writeFileSync(file, JSON.stringify(parse(realText)));
    assert.deepEqual(loadContract(file), loadContract(realFile));
  });

  it('rejects a wrong type with the exact path', () => {
    const file = brokenCopy('wrong-type.yaml', (raw) => {
      raw.goals[3]!.kpis[0]!.target = 'femogfyrre';
    });
    assertContractError(file, ['goals[3].kpis[0].target'], /forventede tal/);
  });

  it('rejects a missing field with the exact path and says it is missing', () => {
    const file = brokenCopy('missing-field.yaml', (raw) => {
      delete raw.goals[0]!.title;
    });
    assertContractError(file, ['goals[0].title'], /goals\[0\]\.title: feltet mangler/);
  });

  it('rejects a share target of 150', () => {
    const file = brokenCopy('share-150.yaml', (raw) => {
      raw.goals[0]!.kpis[0]!.target = 150;
    });
    assertContractError(file, ['goals[0].kpis[0].target'], /mellem 0 og 100/);
  });

  it('rejects a duplicate KPI id', () => {
    const file = brokenCopy('duplicate-kpi.yaml', (raw) => {
      raw.goals[1]!.kpis[0]!.id = '1a';
    });
    assertContractError(file, ['goals[1].kpis[0].id'], /KPI-id "1a" findes to gange/);
  });

  it('rejects a bad date', () => {
    const file = brokenCopy('bad-date.yaml', (raw) => {
      raw.signedOn = '8/3 2021';
    });
    // Both date rules fail (form and calendar), each on its own line.
    assertContractError(file, ['signedOn', 'signedOn'], /signedOn: skal være en dato på formen ÅÅÅÅ-MM-DD/);
  });

  it('rejects a percentage-point KPI without a primary baseline', () => {
    const file = brokenCopy('no-primary.yaml', (raw) => {
      raw.goals[5]!.kpis[2]!.baselines = [];
    });
    assertContractError(file, ['goals[5].kpis[2].baselines'], /primær baseline/);
  });

  it('lists every problem, one line each', () => {
    const file = brokenCopy('two-problems.yaml', (raw) => {
      raw.goals[0]!.kpis[0]!.target = 150;
      delete raw.goals[2]!.title;
    });
    assertContractError(file, ['goals[0].kpis[0].target', 'goals[2].title'], /mellem 0 og 100/);
  });

  it('rejects a topic used by two goals', () => {
    const file = brokenCopy('topic-twice.yaml', (raw) => {
      raw.goals[1]!.topics.push('kendskab');
    });
    assertContractError(file, ['goals[1].topics[3]'], /"kendskab" bruges også af mål 1/);
  });

  it('rejects an upper-case topic', () => {
    const file = brokenCopy('topic-case.yaml', (raw) => {
      raw.goals[1]!.topics[0] = 'Geografisk spredning';
    });
    assertContractError(file, ['goals[1].topics[0]'], /små bogstaver/);
  });

  it('turns a YAML syntax error into a ContractFileError with the line', () => {
    const text = realText.replace('\nyear: 2021\n', '\nyear: [2021\n');
    const yearLine = realText.split('\n').indexOf('year: 2021') + 1;
    assert.ok(yearLine > 1);
    const file = path.join(dir, 'syntax.yaml');
    writeFileSync(file, text);
    assert.throws(
      () => loadContract(file),
      (err: unknown) => {
        assert.ok(err instanceof ContractFileError);
        assert.equal(err.file, file);
        assert.ok(err.message.includes(file));
        assert.match(err.message, /YAML-syntaksfejl/);
        const first = err.issues[0];
        assert.ok(first);
        // yaml reports an unclosed flow sequence where it notices it: on or after the opening line.
        const m = /^linje (\d+), kolonne \d+$/.exec(first.path);
        assert.ok(m, `uventet sti: ${first.path}`);
        assert.ok(Number(m[1]) >= yearLine, `linje ${m[1]} ligger før linje ${yearLine}`);
        return true;
      },
    );
  });

  it('turns a duplicate YAML key into a ContractFileError with its line', () => {
    const file = path.join(dir, 'dup-key.yaml');
    writeFileSync(file, 'id: a\nid: b\n');
    assertContractError(file, ['linje 2, kolonne 1'], /DUPLICATE_KEY/);
  });

  it('turns a JSON syntax error into a ContractFileError', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "id": ');
    assertContractError(file, [''], /\(hele filen\): JSON-syntaksfejl/);
  });

  it('rejects an empty file as a whole', () => {
    const file = path.join(dir, 'empty.yaml');
    writeFileSync(file, '');
    assertContractError(file, [''], /\(hele filen\): /);
  });

  it('turns a missing file into a ContractFileError naming it', () => {
    const file = path.join(dir, 'findes-ikke.yaml');
    assertContractError(file, [''], /findes-ikke\.yaml kan ikke bruges:\n {2}\(hele filen\): filen findes ikke$/);
  });
});
