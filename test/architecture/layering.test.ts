import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../goals/default-contract';

/**
 * The architecture, as a test: which folder may import which (every arrow points down), which
 * folder is the only home of each SDK, that test/ mirrors the source folders, and that no two
 * files import each other in a circle. CONTRIBUTING.md explains the layers; this keeps them true.
 */

const ROOT = projectRoot();

/** Folders that are rooms of their own; features/<name> counts as one room each. */
type Room = string;

const FEATURE_BASE = ['goals', 'core', 'cards'];
/** Who may import whom (besides itself). Anything not listed is a violation. */
const MAY_IMPORT: Readonly<Record<Room, readonly Room[]>> = {
  goals: [],
  core: ['goals'],
  cards: ['core', 'goals'],
  config: ['core', 'goals'],
  'features/status': FEATURE_BASE,
  'features/measurements': [...FEATURE_BASE, 'features/status'],
  'features/reminders': [...FEATURE_BASE, 'features/status'],
  'features/report': [...FEATURE_BASE, 'features/status', 'features/measurements'],
  'features/ask': [...FEATURE_BASE, 'features/status', 'features/measurements', 'features/reminders', 'features/report'],
  store: ['core', 'goals'],
  graph: ['core', 'goals', 'config'],
  teams: ['core', 'goals', 'config'],
  http: ['core', 'goals', 'config'],
  telemetry: ['core'],
  app: ['goals', 'core', 'cards', 'config', 'features/status', 'features/measurements', 'features/reminders', 'features/report', 'features/ask', 'store', 'graph', 'teams', 'http', 'telemetry'],
};
/** On top of everything: they may import any source room (bench also the test helpers it reuses). */
const TOP: Readonly<Record<Room, readonly Room[]>> = {
  manifest: Object.keys(MAY_IMPORT),
  scripts: [...Object.keys(MAY_IMPORT), 'manifest'],
  bench: [...Object.keys(MAY_IMPORT), 'manifest', 'test'],
};

/** The one room each SDK may be imported from (tests and benches may use them to drive the real thing). */
const SDK_HOME: readonly { readonly pattern: RegExp; readonly room: Room }[] = [
  { pattern: /^(botbuilder|botframework-)/, room: 'teams' },
  { pattern: /^restify(\/|$)/, room: 'http' },
  { pattern: /^(pg|better-sqlite3)(\/|$)/, room: 'store' },
  { pattern: /^(@microsoft\/microsoft-graph-client|@azure\/identity)(\/|$)/, room: 'graph' },
  { pattern: /^pino(\/|$)/, room: 'app' },
  { pattern: /^(@azure\/monitor-opentelemetry|@opentelemetry\/)/, room: 'telemetry' },
];

/** Test folders that are about the whole bot, not one room. */
const CROSS_CUTTING_TESTS = ['e2e', 'security', 'reliability', 'architecture', 'visual', 'helpers', 'fixtures'];

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}

export function roomOf(file: string): Room {
  const parts = file.split('/');
  return parts[0] === 'features' ? `features/${parts[1]}` : parts[0];
}

interface Edge {
  readonly from: string;
  readonly spec: string;
  /** The imported file relative to the root, for relative imports; undefined for packages. */
  readonly to?: string;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.join(ROOT, path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(ROOT, candidate).split(path.sep).join('/');
  }
  return undefined;
}

function edgesOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => {
    const spec = imported.fileName;
    return spec.startsWith('.') ? { from: file, spec, to: resolveRelative(file, spec) ?? `<missing>${spec}` } : { from: file, spec };
  });
}

/** Every rule broken by these edges, as readable lines. */
export function violations(edges: readonly Edge[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    const from = roomOf(edge.from);
    if (from === 'test') continue;
    if (edge.to === undefined) {
      const pkg = edge.spec.startsWith('node:') ? undefined : SDK_HOME.find((home) => home.pattern.test(edge.spec));
      if (pkg && pkg.room !== from && from !== 'bench') found.push(`${edge.from}: imports ${edge.spec}, which belongs in ${pkg.room}/ only`);
      continue;
    }
    if (edge.to.startsWith('<missing>')) {
      found.push(`${edge.from}: imports ${edge.spec}, which does not exist`);
      continue;
    }
    const to = roomOf(edge.to);
    if (to === from) continue;
    const allowed = MAY_IMPORT[from] ?? TOP[from];
    if (allowed === undefined) found.push(`${edge.from}: is in ${from}/, a folder the layering does not know (add it to MAY_IMPORT)`);
    else if (!allowed.includes(to)) found.push(`${edge.from} → ${edge.to}: ${from}/ may not import ${to}/`);
  }
  return found;
}

/** Groups of files that import each other in a circle (Tarjan's strongly connected components). */
export function circles(edges: readonly Edge[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.to === undefined || edge.to.startsWith('<missing>')) continue;
    graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to]);
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the architecture (folders, SDK homes, no circles)', () => {
  const files = sourceFiles(ROOT);
  const edges = files.flatMap(edgesOf);

  it('finds the source files it checks', () => {
    assert.ok(files.length > 150, `only ${files.length} files found`);
    for (const room of Object.keys(MAY_IMPORT)) assert.ok(files.some((f) => roomOf(f) === room), `no files in ${room}/`);
  });

  it('every import points down the layers and every SDK stays in its home folder', () => {
    assert.deepEqual(violations(edges), []);
  });

  it('no circle between folders', () => {
    const rooms = new Map<string, Set<string>>();
    for (const edge of edges) {
      if (edge.to === undefined || roomOf(edge.from) === 'test' || roomOf(edge.to) === 'test') continue;
      const [a, b] = [roomOf(edge.from), roomOf(edge.to)];
      if (a !== b) rooms.set(a, new Set([...(rooms.get(a) ?? []), b]));
    }
    const both = [...rooms].flatMap(([a, targets]) => [...targets].filter((b) => a < b && rooms.get(b)?.has(a)).map((b) => `${a} ↔ ${b}`));
    assert.deepEqual(both, []);
  });

  it('no circle between files', () => {
    assert.deepEqual(circles(edges.filter((e) => roomOf(e.from) !== 'test')), []);
  });

  it('test/ mirrors the source folders', () => {
    const strays = files
      .filter((f) => f.startsWith('test/'))
      .map((f) => path.posix.dirname(f.slice('test/'.length)))
      .filter((dir) => dir !== '.' && !CROSS_CUTTING_TESTS.includes(dir.split('/')[0]!))
      .filter((dir) => !existsSync(path.join(ROOT, dir)));
    assert.deepEqual([...new Set(strays)], []);
  });

  it('the checks can fail (a wrong arrow, a misplaced SDK, a circle)', () => {
    const bad: Edge[] = [
      { from: 'core/a.ts', spec: '../features/status/b', to: 'features/status/b.ts' },
      { from: 'features/status/b.ts', spec: 'botbuilder' },
      { from: 'features/status/b.ts', spec: '../../core/a', to: 'core/a.ts' },
    ];
    assert.equal(violations(bad).length, 2);
    assert.deepEqual(circles(bad), [['core/a.ts', 'features/status/b.ts']]);
  });
});
