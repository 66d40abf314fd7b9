import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { contractBook } from '../../../goals/contract-book';
import { parseQuestion } from '../../../features/ask/parse-question';
import { createQuestionAnswerer } from '../../../features/ask/answer-question';
import type { Intent } from '../../../features/ask/intent';
import type { TurnInfo } from '../../../core/turn-info';
import type { Reply } from '../../../core/reply';
import type { Database } from '../../../core/ports/database';
import { cardBytes, MAX_CARD_BYTES } from '../../../core/card-budget';
import { openDatabase } from '../../../store/open-database';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';
import { cardText } from '../../helpers/running-app';
import { directorCases, type DirectorCase } from './director-questions';

const contract = loadContract(defaultContractPath());
const TODAY = '2021-10-15';
const turn: TurnInfo = { conversationId: 'a:director', conversationType: 'personal', tenantId: 't', user: { id: '29:d', aadObjectId: undefined, name: 'Direktør' } };

function label(q: string): string {
  const shown = JSON.stringify(q);
  return shown.length > 70 ? `${shown.slice(0, 60)}…` : shown;
}

/** Only the fields the row names; `language` is 'da' unless the row says otherwise. */
function assertMeans(intent: Intent, expect: DirectorCase['expect']): void {
  const got = intent as unknown as Record<string, unknown>;
  for (const [key, want] of Object.entries({ language: 'da', ...expect })) {
    if (key === 'filter') {
      for (const [fk, fv] of Object.entries(want as unknown as object)) assert.deepEqual((got.filter as Record<string, unknown> | undefined)?.[fk], fv, `filter.${fk}`);
    } else assert.deepEqual(got[key], want, key);
  }
}

function textOf(reply: Reply): string {
  if (reply.kind === 'text') return reply.text;
  if (reply.kind !== 'card') throw new Error(`not a card: ${reply.kind}`);
  assertSendableCard(reply.card);
  assert.ok(cardBytes(reply.card) <= MAX_CARD_BYTES, `${cardBytes(reply.card)} bytes`);
  // The answer's words, as the director reads them (markdown escapes removed).
  return cardText(reply.card).replace(/\\(.)/g, '$1');
}

describe("a director's questions (test/features/ask/director-questions.ts, real contract)", function () {
  it('has at least 400 rows and no duplicate questions', function () {
    assert.ok(directorCases.length >= 400, String(directorCases.length));
    const qs = directorCases.map((r) => r.q);
    assert.deepEqual(qs.filter((q, i) => qs.indexOf(q) !== i), []);
  });

  it('covers every new kind of question', function () {
    const kinds = new Set(directorCases.map((r) => r.expect.kind));
    for (const k of ['several-goals', 'goal-fact', 'contract-fact', 'goal-list', 'choose-goal', 'follow-up', 'small-talk', 'unknown-goal'] as const) assert.ok(kinds.has(k), k);
  });

  describe('what each question means', function () {
    for (const row of directorCases) {
      it(`${label(row.q)} → ${row.expect.kind}`, function () {
        assertMeans(parseQuestion(row.q, contract), row.expect);
      });
    }
  });

  describe('what the answer says (15 October 2021, no measurements)', function () {
    let dir: string;
    let database: Database;
    let answer: ReturnType<typeof createQuestionAnswerer>;
    before(async function () {
      dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-director-'));
      database = await openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`, { baseDir: dir });
      answer = createQuestionAnswerer({ contracts: contractBook([contract]), store: database.measurements, today: () => TODAY });
    });
    after(async function () {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    });
    for (const row of directorCases.filter((r) => r.says !== undefined || r.never !== undefined)) {
      it(`${label(row.q)} says ${(row.says ?? []).map((s) => JSON.stringify(s)).join(', ')}${row.never ? ` and never ${row.never.length} Danish labels` : ''}`, async function () {
        const { reply } = await answer(row.q, turn);
        const text = textOf(reply);
        for (const s of row.says ?? []) assert.ok(text.includes(s), `missing ${JSON.stringify(s)} in:\n${text}`);
        for (const s of row.never ?? []) assert.ok(!text.includes(s), `${JSON.stringify(s)} in:\n${text}`);
      });
    }
    it('every row is answered with a valid card or text under 80 KB', async function () {
      for (const row of directorCases) textOf((await answer(row.q, turn)).reply);
    });
    it('a 100 KB message is answered well under a second', async function () {
      const inputs = ['hvad er baseline for mål 6 '.repeat(4_000), 'klyngesamarbejde '.repeat(6_000), 'mål 1 og '.repeat(11_000), '${1+1} '.repeat(14_000), 'kendskb tilfredhed '.repeat(5_000)];
      for (const input of inputs) {
        const started = process.hrtime.bigint();
        await answer(input.slice(0, 100_000), turn);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        assert.ok(ms < 500, `${label(input)} took ${ms.toFixed(0)} ms`);
      }
    });
  });

  describe('properties', function () {
    // Words with no topic in them: a goal may only come from a number outside the code.
    const words = fc.constantFrom('status', 'hvad', 'er', 'baseline', 'for', 'og', 'hvem', 'måler', 'hej', 'risiko', 'frister', 'sammenlign', '?');
    const code = fc.oneof(
      fc.integer({ min: 0, max: 20 }).map((n) => `\${${n}}`),
      fc.integer({ min: 0, max: 20 }).map((n) => `\${mål ${n}}`),
      fc.integer({ min: 0, max: 20 }).map((n) => `\`mål ${n}\``),
      fc.integer({ min: 0, max: 20 }).map((n) => `{{ mål ${n} }}`),
      fc.integer({ min: 0, max: 20 }).map((n) => `<code>mål ${n}</code>`),
      fc.integer({ min: 0, max: 20 }).map((n) => `<pre>${n}</pre>`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `\${${a}+${b}}`),
    );
    it('never takes a goal number from inside code or markup', function () {
      fc.assert(
        fc.property(fc.array(words, { maxLength: 4 }), code, fc.array(words, { maxLength: 4 }), (before, inner, after) => {
          const intent = parseQuestion([...before, 'mål', inner, ...after].join(' '), contract) as unknown as Record<string, unknown>;
          assert.equal(intent.goalId, undefined, JSON.stringify(intent));
          assert.equal(intent.goalIds, undefined, JSON.stringify(intent));
          assert.equal(intent.requested, undefined, JSON.stringify(intent));
        }),
        { numRuns: 1500 },
      );
    });
    it('never throws and names only goals the contract has, for any string', function () {
      const ids = new Set(contract.goals.map((g) => g.id));
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
          const intent = parseQuestion(text, contract) as unknown as Record<string, unknown>;
          if (typeof intent.goalId === 'string') assert.ok(ids.has(intent.goalId));
          for (const id of (intent.goalIds as string[] | undefined) ?? []) assert.ok(ids.has(id));
        }),
        { numRuns: 1500 },
      );
    });
  });
});
