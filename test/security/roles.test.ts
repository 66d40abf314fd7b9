import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteReminderStore } from '../../store/sqlite-reminder-store';
import type { Measurement } from '../../core/measurement';
import { startRunningApp, cardOf, type RunningApp } from '../helpers/running-app';
import { teamsMessage, type ConversationKind } from '../helpers/teams-activity';
import { teamsCardInvoke, teamsCardSubmit } from '../helpers/teams-invoke';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { inputIds } from '../helpers/card-inputs';
import { testSchedule } from '../helpers/reminder-harness';

/**
 * Roles, table-driven: every action that writes or configures, by every kind of user, in every
 * kind of conversation, over real HTTP to the running app (activities shaped as Teams sends them).
 * For each cell the table says whether the action is carried out; a refusal must be a polite
 * Danish message and must leave the stores exactly as they were.
 *
 * The inventory of write/configure actions a Teams user can reach (anything else only reads):
 *  - open the measurement form ("opdater mål 4", the "Opdater" button) and the correction form —
 *    these write nothing, but are refused to readers so nobody fills in a form they cannot save;
 *  - submit a measurement (Action.Execute, and the Action.Submit fallback of older clients);
 *  - submit a correction;
 *  - subscribe / unsubscribe the conversation to reminders.
 * Not in the table, because no role can be checked there: recording where the bot is (every
 * activity stores the conversation reference; bookkeeping, not a user's choice), Teams'
 * uninstall events, and the operator tools run on the server (`npm run import`, `npm run
 * seed:demo`, the schedule file), which need shell access to the host and the database.
 */

type Who = 'reader' | 'staff' | 'staffByUpn' | 'admin';
const WHO: readonly Who[] = ['reader', 'staff', 'staffByUpn', 'admin'];
const WHERE: readonly ConversationKind[] = ['personal', 'groupChat', 'channel'];

interface User {
  fromId: string;
  fromAadObjectId: string;
  fromName: string;
}
const USERS: Record<Who, User> = {
  reader: { fromId: '29:director-erik', fromAadObjectId: 'e5555555-5555-4555-8555-555555555555', fromName: 'Erik Direktør' },
  staff: { fromId: '29:staff-anna', fromAadObjectId: 'a1111111-1111-4111-8111-111111111111', fromName: 'Anna Andersen' },
  /** Listed by UPN only: the app looks her up (TeamsInfo.getMember) before answering. */
  staffByUpn: { fromId: '29:staff-dorte', fromAadObjectId: 'd4444444-4444-4444-8444-444444444444', fromName: 'Dorte Dahl' },
  admin: { fromId: '29:admin-cecilie', fromAadObjectId: 'c3333333-3333-4333-8333-333333333333', fromName: 'Cecilie Chef' },
};
const ENV = {
  STAFF_USERS: `${USERS.staff.fromAadObjectId},dorte@erhvervshus.dk`,
  ADMIN_USERS: USERS.admin.fromAadObjectId,
};

/**
 * The rules. y = carried out, n = politely refused, store unchanged. Columns per conversation
 * type: reader, staff (object id), staff (UPN), admin. Admin ≥ staff everywhere; a personal chat
 * concerns only the person, so anyone may (un)subscribe there, while a channel's or group chat's
 * subscription decides what everyone there receives.
 */
const RULES: Record<string, string> = {
  //                                     personal   groupChat  channel
  //                                     R S U A    R S U A    R S U A
  'open the form ("opdater mål 4")':    'n y y y    n y y y    n y y y',
  'open the form (button)':             'n y y y    n y y y    n y y y',
  'open a correction (button)':         'n y y y    n y y y    n y y y',
  'submit a measurement (Execute)':     'n y y y    n y y y    n y y y',
  'submit a measurement (Submit)':      'n y y y    n y y y    n y y y',
  'submit a correction':                'n y y y    n y y y    n y y y',
  'subscribe to reminders':             'y y y y    n y y y    n y y y',
  'unsubscribe from reminders':         'y y y y    n y y y    n y y y',
};

function expected(action: string, where: ConversationKind, who: Who): boolean {
  const cells = RULES[action]!.split(/\s+/);
  assert.equal(cells.length, WHERE.length * WHO.length, `row "${action}"`);
  return cells[WHERE.indexOf(where) * WHO.length + WHO.indexOf(who)] === 'y';
}

const NOW = () => new Date('2021-10-15T10:00:00Z');
const REFUSAL = /^Beklager – kun medarbejdere/;
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|TypeError|Error:/;

/** What an action left behind, for the before/after comparison. */
interface Snapshot {
  /** Number of rows and a digest of all of them (short in a failure message, exact in comparison). */
  measurements: string;
  /** The conversation's subscription, who changed it and when (null when never set). */
  subscription: string;
  /** Row ids, to find what an allowed action added. */
  ids: number[];
}

/** What the bot answered: a card or a text, whichever way it came (invoke response, reply, update). */
type Answer = { kind: 'card'; card: Record<string, unknown> } | { kind: 'text'; text: string };

interface Case {
  /** Sets up what the action needs (a row to correct, a subscription to cancel). */
  prepare?: () => Promise<void>;
  perform: () => Promise<Answer>;
  /** The action took effect: asserts on the stores and the answer. */
  carriedOut: (answer: Answer, before: Snapshot) => Promise<void>;
}

describe('security: roles — every write or configure action × role × conversation type', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let reminders: SqliteReminderStore;
  let dir: string;
  let caseNo = 0;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-roles-'));
    reminders = new SqliteReminderStore(path.join(dir, 'reminders.sqlite'));
    await reminders.migrate();
    running = await startRunningApp({ clock: NOW, env: ENV, reminders: { reminderStore: reminders, schedule: testSchedule(), instanceId: 'roles' } });
    running.connector.members.set(USERS.staffByUpn.fromId, {
      id: USERS.staffByUpn.fromId,
      name: USERS.staffByUpn.fromName,
      aadObjectId: USERS.staffByUpn.fromAadObjectId,
      userPrincipalName: 'dorte@erhvervshus.dk',
    });
  });
  after(async function () {
    await running.close();
    await reminders.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const action of Object.keys(RULES)) {
    describe(action, function () {
      for (const where of WHERE) {
        for (const who of WHO) {
          const allowed = expected(action, where, who);
          it(`${who} in a ${where} chat: ${allowed ? 'carried out' : 'refused, nothing changed'}`, async function () {
            const c = buildCase(action, where, who, ++caseNo);
            await c.prepare?.();
            const before = await snapshot(where, caseNo);
            running.connector.reset();
            const answer = await c.perform();
            if (allowed) {
              await c.carriedOut(answer, before);
            } else {
              assert.equal(answer.kind, 'text', `expected a refusal, got ${JSON.stringify(answer).slice(0, 300)}`);
              assert.match(answer.text, REFUSAL);
              assert.doesNotMatch(answer.text, INTERNALS);
              assert.deepEqual(await snapshot(where, caseNo), before, 'a refusal changes nothing');
            }
          });
        }
      }
    });
  }

  // ---- the conversation of each case -----------------------------------------------------------

  /** A fresh conversation per case, as Teams names them (a channel message carries its thread). */
  function conversationId(where: ConversationKind, n: number): string {
    if (where === 'channel') return `19:roles${n}@thread.tacv2;messageid=16${n}`;
    if (where === 'groupChat') return `19:meeting_roles${n}@thread.v2`;
    return `a:1roles-personal-${n}`;
  }
  /** The reminder store's key: a channel without its thread. */
  const reminderKey = (where: ConversationKind, n: number) => conversationId(where, n).replace(/;messageid=.*$/, '');

  async function snapshot(where: ConversationKind, n: number): Promise<Snapshot> {
    const rows = await running.store.listMeasurements(running.contract.id);
    // Every activity records where the bot is (bookkeeping); only the subscription is a user's choice.
    const c = await reminders.getConversation(reminderKey(where, n));
    return {
      measurements: `${rows.length} rows, sha256 ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`,
      subscription: JSON.stringify([c?.subscription ?? null, c?.subscriptionChangedAt ?? null, c?.subscriptionChangedBy ?? null]),
      ids: rows.map((r) => r.id),
    };
  }

  // ---- performing an action the way Teams does ---------------------------------------------------

  async function say(text: string, where: ConversationKind, who: Who, n: number): Promise<Answer> {
    const activity = teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: where, mention: where !== 'personal', ...asUser(who) });
    (activity.from as Record<string, unknown>).id = USERS[who].fromId;
    (activity.conversation as Record<string, unknown>).id = conversationId(where, n);
    const res = await running.postActivity(activity);
    assert.equal(res.status, 200, res.body);
    await running.connector.waitForCalls(1);
    const body = running.connector.calls[0]!.body;
    return typeof body.text === 'string' && body.text !== '' ? { kind: 'text', text: body.text } : { kind: 'card', card: cardOf(body) };
  }

  async function invoke(verb: string, data: Record<string, unknown>, where: ConversationKind, who: Who, n: number): Promise<Answer> {
    const res = await running.postActivity(teamsCardInvoke({ serviceUrl: running.connector.serviceUrl, verb, data, kind: where, conversationId: conversationId(where, n), ...USERS[who] }));
    assert.equal(res.status, 200, res.body);
    const r = JSON.parse(res.body) as { statusCode: number; type: string; value: unknown };
    assert.equal(r.statusCode, 200, res.body);
    if (r.type === 'application/vnd.microsoft.activity.message') return { kind: 'text', text: String(r.value) };
    assert.equal(r.type, 'application/vnd.microsoft.card.adaptive', res.body.slice(0, 300));
    return { kind: 'card', card: r.value as Record<string, unknown> };
  }

  /** Action.Submit fallback: the answer is an update of the pressed card (PUT), or a new message. */
  async function submitFallback(verb: string, data: Record<string, unknown>, where: ConversationKind, who: Who, n: number): Promise<Answer> {
    const replyToId = `form-${n}`;
    const res = await running.postActivity(teamsCardSubmit({ serviceUrl: running.connector.serviceUrl, verb, data, kind: where, conversationId: conversationId(where, n), replyToId, ...USERS[who] }));
    assert.equal(res.status, 200, res.body);
    await running.connector.waitForCalls(1);
    const call = running.connector.calls[0]!;
    assert.equal(call.method, 'POST', `"${replyToId}" is no card the bot sent, so it is never updated (teams/sent-cards.ts)`);
    if (Array.isArray(call.body.attachments)) return { kind: 'card', card: cardOf(call.body) };
    return { kind: 'text', text: String(call.body.text) };
  }

  function asUser(who: Who): { fromAadObjectId: string; fromName: string } {
    return { fromAadObjectId: USERS[who].fromAadObjectId, fromName: USERS[who].fromName };
  }

  // ---- the cases ---------------------------------------------------------------------------------

  function formData(extra: Record<string, string> = {}): Record<string, string> {
    return {
      goalId: '4',
      submissionId: randomUUID(),
      kpiId: '4a',
      segment: '',
      value: '37,5',
      done: '',
      evidence: '',
      period: '2021',
      measuredOn: '2021-09-30',
      source: 'brugerevaluering',
      sourceOther: '',
      comment: 'Rolletest',
      ...extra,
    };
  }

  async function seedRow(): Promise<Measurement> {
    return running.store.appendMeasurement({
      contractId: running.contract.id,
      kpiId: '4a',
      value: 40,
      done: null,
      segment: null,
      period: '2021',
      measuredOn: '2021-09-01',
      source: 'Brugerevaluering',
      note: null,
      evidence: null,
      recordedBy: 'seed',
      recordedByName: null,
      recordedByUpn: null,
      conversationId: null,
      submissionId: randomUUID(),
      supersedesId: null,
      demo: false,
    });
  }

  function assertForm(answer: Answer): void {
    assert.equal(answer.kind, 'card', JSON.stringify(answer).slice(0, 300));
    assertSendableCard(answer.card);
    assert.ok(inputIds(answer.card).includes('value'), 'the form has its inputs');
  }

  async function newRows(before: Snapshot): Promise<Measurement[]> {
    const was = new Set(before.ids);
    return (await running.store.listMeasurements(running.contract.id)).filter((r) => !was.has(r.id));
  }

  function buildCase(action: string, where: ConversationKind, who: Who, n: number): Case {
    const user = USERS[who];
    switch (action) {
      case 'open the form ("opdater mål 4")':
        return { perform: () => say('opdater mål 4', where, who, n), carriedOut: async (a) => assertForm(a) };
      case 'open the form (button)':
        return { perform: () => invoke('openUpdateForm', { goalId: '4' }, where, who, n), carriedOut: async (a) => assertForm(a) };
      case 'open a correction (button)': {
        let row: Measurement;
        return {
          prepare: async () => void (row = await seedRow()),
          perform: () => invoke('openCorrectionForm', { goalId: '4', measurementId: String(row.id) }, where, who, n),
          carriedOut: async (a) => assertForm(a),
        };
      }
      case 'submit a measurement (Execute)':
      case 'submit a measurement (Submit)': {
        const data = formData();
        const perform = action.endsWith('(Execute)') ? invoke : submitFallback;
        return {
          perform: () => perform('submitMeasurement', data, where, who, n),
          carriedOut: async (a, before) => {
            assert.equal(a.kind, 'card');
            assertSendableCard(a.card);
            const rows = await newRows(before);
            assert.equal(rows.length, 1);
            assert.deepEqual([rows[0]!.kpiId, rows[0]!.value, rows[0]!.recordedBy, rows[0]!.submissionId], ['4a', 37.5, user.fromAadObjectId, data.submissionId]);
          },
        };
      }
      case 'submit a correction': {
        let row: Measurement;
        return {
          prepare: async () => void (row = await seedRow()),
          perform: () => invoke('submitCorrection', formData({ supersedesId: String(row.id), value: '38', comment: 'Tastefejl' }), where, who, n),
          carriedOut: async (a, before) => {
            assert.equal(a.kind, 'card');
            assertSendableCard(a.card);
            const rows = await newRows(before);
            assert.equal(rows.length, 1);
            assert.deepEqual([rows[0]!.supersedesId, rows[0]!.value, rows[0]!.recordedBy], [row.id, 38, user.fromAadObjectId]);
          },
        };
      }
      case 'subscribe to reminders':
        return {
          perform: () => say('abonnér på påmindelser', where, who, n),
          carriedOut: async (a) => {
            assert.equal(a.kind, 'text');
            assert.match(a.text, /abonnerer nu på påmindelser/);
            const c = await reminders.getConversation(reminderKey(where, n));
            assert.deepEqual([c?.subscription, c?.subscriptionChangedBy], ['subscribed', user.fromAadObjectId]);
          },
        };
      case 'unsubscribe from reminders':
        return {
          // Subscribed earlier by someone else; the conversation is known to the bot.
          prepare: async () => {
            const id = reminderKey(where, n);
            await reminders.upsertConversation({ conversationId: id, kind: where, reference: { conversation: { id } }, tenantId: null, teamId: null, userAadObjectId: null, seenAt: '2021-10-01T08:00:00.000Z' });
            await reminders.setSubscription(id, 'subscribed', '2021-10-01T08:00:00.000Z', 'someone-else');
          },
          perform: () => say('afmeld påmindelser', where, who, n),
          carriedOut: async (a) => {
            assert.equal(a.kind, 'text');
            assert.match(a.text, /får ikke længere påmindelser/);
            const c = await reminders.getConversation(reminderKey(where, n));
            assert.deepEqual([c?.subscription, c?.subscriptionChangedBy], ['unsubscribed', user.fromAadObjectId]);
          },
        };
      default:
        throw new Error(`no case for "${action}"`);
    }
  }
});

describe('security: roles — the rule table itself', function () {
  it('admin may do everything staff may, and staff by UPN exactly what staff by object id may', function () {
    for (const action of Object.keys(RULES)) {
      for (const where of WHERE) {
        if (expected(action, where, 'staff')) assert.ok(expected(action, where, 'admin'), `${action} in ${where}`);
        assert.equal(expected(action, where, 'staffByUpn'), expected(action, where, 'staff'), `${action} in ${where}`);
      }
    }
  });
});
