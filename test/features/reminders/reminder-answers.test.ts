import { contractBook } from '../../../goals/contract-book';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createQuestionAnswerer } from '../../../features/ask/answer-question';
import type { RemindersContext } from '../../../features/reminders/reminders-context';
import { RuleMeetingSource } from '../../../features/reminders/schedule/rule-meeting-source';
import type { Schedule } from '../../../core/schedule/schedule';
import type { TurnInfo } from '../../../core/turn-info';
import type { Reply } from '../../../core/reply';
import { loadContract } from '../../../goals/load-contract';
import { defaultContractPath } from '../../../goals/default-contract';
import { openDatabase } from '../../../store/open-database';
import type { Database } from '../../../core/ports/database';
import type { ReminderStore } from '../../../core/ports/reminder-store';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';
import { cardText } from '../../helpers/running-app';
import { testSchedule } from '../../helpers/reminder-harness';

const OWNER = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';
const contract = loadContract(defaultContractPath());
const NOW = new Date('2026-03-26T10:00:00Z');

const personal: TurnInfo = { conversationId: 'a:owner', conversationType: 'personal', tenantId: 't', user: { id: '29:o', aadObjectId: OWNER, name: 'Ejer' } } as TurnInfo;

function text(reply: Reply): string {
  if (reply.kind === 'text') return reply.text;
  if (reply.kind !== 'card') throw new Error(`not a card: ${reply.kind}`);
  assertSendableCard(reply.card);
  return cardText(reply.card);
}

describe('reminder commands (answers)', function () {
  let dir: string;
  let store: ReminderStore;
  let database: Database;
  let measurements: MeasurementStore;
  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'maalbot-answers-'));
    database = await openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`, { baseDir: dir });
    ({ measurements, reminders: store } = database);
  });
  afterEach(async function () {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function ask(q: string, turn: TurnInfo, schedule: Schedule | undefined) {
    const reminders: RemindersContext = {
      store,
      schedule,
      meetingSource: schedule?.meeting === undefined ? undefined : new RuleMeetingSource(schedule.meeting, schedule.timeZone),
      activityFeed: false,
      now: () => NOW,
    };
    return createQuestionAnswerer({ contracts: contractBook([contract]), store: measurements, today: () => '2026-03-26', reminders })(q, turn).then((r) => text(r.reply));
  }

  it('"næste møde" skips a cancelled meeting and says it is cancelled', async function () {
    const base = testSchedule();
    const answer = await ask('næste møde', personal, testSchedule({ meeting: { ...base.meeting!, skipDates: ['2026-03-30'] } }));
    assert.match(answer, /^Mødet 30\. marts 2026 er aflyst\./);
    assert.match(answer, /mandag den 13\. april 2026 kl\. 09\.00–11\.00/);
  });

  it('"næste møde" without a schedule states the contract\'s rhythm and no date', async function () {
    assert.match(await ask('næste møde', personal, undefined), /hver 14\. dag\. Der er endnu ikke sat en mødeplan med datoer op/);
  });

  it('"påmindelser" without a schedule says nothing is sent', async function () {
    assert.match(await ask('påmindelser', personal, undefined), /Der er ikke sat en mødeplan op endnu, så Målbot sender ingen påmindelser/);
  });

  it('"påmindelser" tells a KPI owner about their nudges and when the next one comes', async function () {
    const answer = await ask('påmindelser', personal, testSchedule({ nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [{ kpiId: '4a', userIds: [OWNER] }] } }));
    assert.match(answer, /Du abonnerer ikke på påmindelser\./);
    assert.match(answer, /Du er ansvarlig for KPI 4a: påmindelse hver mandag kl\. 09\.00, så længe en måling mangler/);
    assert.match(answer, /man\. 30\. mar\. kl\. 09\.00\nMåling mangler: KPI 4a/);
  });

  it('"abonnér" in a conversation the bot has not recorded asks to try again', async function () {
    assert.match(await ask('abonnér på påmindelser', personal, testSchedule()), /kunne ikke finde denne samtale/);
  });

  it('"abonnér" without a schedule subscribes and says reminders start once one is set up', async function () {
    await store.upsertConversation({ conversationId: 'a:owner', kind: 'personal', reference: {}, tenantId: 't', teamId: null, userAadObjectId: OWNER, seenAt: NOW.toISOString() });
    assert.match(await ask('abonnér på påmindelser', personal, undefined), /^Du abonnerer nu på påmindelser\. Der er endnu ikke sat en mødeplan op/);
    assert.equal((await store.getConversation('a:owner'))?.subscription, 'subscribed');
    assert.match(await ask('afmeld påmindelser', personal, undefined), /^Du får ikke længere påmindelser fra Målbot\. Det gælder også påmindelser om målinger/);
    assert.equal((await store.getConversation('a:owner'))?.subscription, 'unsubscribed');
  });

  it('"frister" includes the schedule\'s extra dates, marked as such', async function () {
    const base = testSchedule();
    const schedule = testSchedule({ deadlines: { ...base.deadlines, extra: [{ id: 'x', title: 'Budget til bestyrelsen', from: '2026-04-15', to: '2026-04-15', label: '15. april 2026', goalIds: [], responsible: 'Direktøren' }] } });
    const answer = await ask('frister', personal, schedule);
    assert.match(answer, /15\\?\. april 2026\nBudget til bestyrelsen \(Direktøren\) – om 20 dage, fra mødeplanen/);
    assert.match(answer, /Påmindelser 14 og 3 dage før kl\. 09\.00/);
  });
});
