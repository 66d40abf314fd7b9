import assert from 'node:assert/strict';
import { ACTIVITY_TEMPLATE_PARAMETERS } from '../../../core/ports/activity-template-parameters';
import { parseLeadTime } from '../../../core/schedule/lead-time';
import { assertSendableCard } from '../../helpers/adaptive-card-schema';
import { cardText } from '../../helpers/running-app';
import { CPH, createHarness, httpError, testSchedule, type Harness } from '../../helpers/reminder-harness';
import { newMeasurement } from '../../store/store-contract';
import { addDays } from '../../../core/time/zoned-time';
import { RuleMeetingSource } from '../../../features/reminders/schedule/rule-meeting-source';

const MIN = 60_000;
const HOUR = 60 * MIN;
const OWNER = '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11';

function textOf(reply: { kind: string } & Record<string, unknown>): string {
  return reply.kind === 'card' ? cardText(reply.card) : String(reply.text);
}

describe('ReminderScheduler', function () {
  let h: Harness;
  afterEach(async function () {
    await h?.cleanup();
  });

  describe('at both Europe/Copenhagen DST changes of 2026 and 2027', function () {
    const cases = [
      { name: 'spring 2026 (29 March)', meeting: '2026-03-30', expected: ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T06:00:00.000Z'] },
      { name: 'autumn 2026 (25 October)', meeting: '2026-10-26', expected: ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T07:00:00.000Z'] },
      { name: 'spring 2027 (28 March)', meeting: '2027-03-29', expected: ['2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z', '2027-03-29T06:00:00.000Z'] },
      { name: 'autumn 2027 (31 October)', meeting: '2027-11-01', expected: ['2027-10-30T07:00:00.000Z', '2027-10-31T08:00:00.000Z', '2027-11-01T07:00:00.000Z'] },
    ];
    for (const c of cases) {
      it(`${c.name}: the 2-day, 1-hour and 3-day-deadline reminders go out once each, at 09:00 / 08:00 local`, async function () {
        // A Monday 09:00 meeting, and a deadline two days after it (its 3-day reminder lands on the DST Sunday).
        const deadline = { id: 'dst-frist', title: 'Frist over sommertid', from: addDays(c.meeting, 2), to: addDays(c.meeting, 2), label: 'x', goalIds: [], responsible: 'Direktøren' };
        const base = testSchedule();
        h = await createHarness(testSchedule({ meeting: { ...base.meeting!, anchorDate: c.meeting }, deadlines: { ...base.deadlines, extra: [deadline] } }));
        await h.subscribe('19:direktoerer@thread.tacv2', '2026-01-01T00:00:00.000Z');
        const s = h.scheduler();
        const start = new Date(Date.parse(`${c.meeting}T12:00:00Z`) - 3.5 * 24 * HOUR).toISOString();
        await h.tickEvery(s, start, `${c.meeting}T12:00:00Z`, 30 * MIN);

        assert.deepEqual(h.sender.sent.map((m) => m.at), c.expected);
        const [twoDays, deadlineReminder, oneHour] = h.sender.sent.map((m) => textOf(m.reply));
        assert.match(twoDays!, /Påmindelse: mødet er om 2 dage\./);
        assert.match(twoDays!, new RegExp(`mandag den ${Number(c.meeting.slice(8))}\\. \\w+ ${c.meeting.slice(0, 4)} kl\\. 09\\.00–11\\.00`));
        assert.match(oneHour!, /mødet er om 1 time/);
        assert.match(deadlineReminder!, /Frist om 3 dage: Frist over sommertid/);
        assert.ok(h.sender.sent.every((m) => !/Forsinket/.test(textOf(m.reply))));
        const rows = await h.store.listDeliveries();
        assert.deepEqual(rows.map((r) => [r.ruleId, r.status, r.late]).sort(), [['deadline-3d', 'sent', false], ['meeting-1h', 'sent', false], ['meeting-2d', 'sent', false]]);
      });
    }
  });

  it('never sends twice: repeated ticks, a restart (new scheduler, same database) and a second instance', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    await h.tickEvery(h.scheduler(), '2026-03-28T07:00:00Z', '2026-03-28T09:00:00Z', 5 * MIN);
    assert.equal(h.sender.sent.length, 1);
    const again = await h.tickEvery(h.scheduler({ instanceId: 'restarted' }), '2026-03-28T07:00:00Z', '2026-03-28T12:00:00Z', 5 * MIN);
    assert.equal(h.sender.sent.length, 1);
    assert.ok(again.every((r) => r.notClaimed === 0), 'finished deliveries are not even tried again');
    // Even without the lease (a split brain), the claim stops a second send.
    h.clock.set('2026-03-28T08:30:00Z');
    const report = await h.scheduler({ instanceId: 'other' }).runDue(h.clock.now());
    assert.equal(report.sent, 0);
    assert.equal(h.sender.sent.length, 1);
  });

  it('after downtime within the grace window, sends late with a "Forsinket" note', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    const s = h.scheduler();
    await h.tickEvery(s, '2026-03-28T06:00:00Z', '2026-03-28T07:45:00Z', 15 * MIN);
    assert.equal(h.sender.sent.length, 0);
    // Down from 07:45 to 10:00 UTC; the reminder was due at 08:00 UTC (09:00 local).
    await h.tickEvery(s, '2026-03-28T10:00:00Z', '2026-03-28T11:00:00Z', 15 * MIN);
    assert.equal(h.sender.sent.length, 1);
    assert.equal(h.sender.sent[0]!.at, '2026-03-28T10:00:00.000Z');
    assert.match(textOf(h.sender.sent[0]!.reply), /Forsinket: denne påmindelse skulle være sendt lørdag den 28\. marts 2026 kl\. 09\.00\./);
    assert.equal((await h.store.listDeliveries())[0]!.late, true);
  });

  it('after downtime beyond the grace window, records the reminder as skipped and never sends it', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    const s = h.scheduler();
    await h.tickEvery(s, '2026-03-28T06:00:00Z', '2026-03-28T07:45:00Z', 15 * MIN);
    // Down for more than 6 hours past the 08:00 UTC reminder.
    const reports = await h.tickEvery(s, '2026-03-28T14:15:00Z', '2026-03-28T18:00:00Z', 15 * MIN);
    assert.equal(h.sender.sent.length, 0);
    assert.equal(reports[0]!.skipped, 1);
    assert.ok(reports.slice(1).every((r) => r.skipped === 0), 'recorded once');
    const [row] = await h.store.listDeliveries();
    assert.equal(row!.status, 'skipped');
    assert.equal(row!.detail, 'expired: later than the grace window');
    assert.ok(h.logs.some((l) => l.level === 'warn' && /reminder skipped/.test(l.msg)));
    // The next reminder (1 hour before the meeting) is sent normally.
    await h.tickEvery(s, '2026-03-30T05:45:00Z', '2026-03-30T06:15:00Z', 15 * MIN);
    assert.deepEqual(h.sender.sent.map((m) => m.at), ['2026-03-30T06:00:00.000Z']);
  });

  it("skips a late reminder whose meeting has already begun, even within the grace window", async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    const s = h.scheduler();
    await h.tickEvery(s, '2026-03-30T05:00:00Z', '2026-03-30T05:45:00Z', 15 * MIN);
    await h.tickEvery(s, '2026-03-30T07:30:00Z', '2026-03-30T07:30:00Z', 15 * MIN);
    assert.equal(h.sender.sent.length, 0);
    const row = (await h.store.listDeliveries({ ruleId: 'meeting-1h' }))[0]!;
    assert.equal(row.status, 'skipped');
    assert.equal(row.detail, 'expired: its event had begun before it could be sent');
  });

  it('does not send a reminder that was due before the conversation subscribed', async function () {
    h = await createHarness();
    await h.subscribe('19:late@thread.tacv2', '2026-03-28T08:30:00.000Z');
    await h.tickEvery(h.scheduler(), '2026-03-28T09:00:00Z', '2026-03-30T06:00:00Z', 15 * MIN);
    assert.deepEqual(h.sender.sent.map((m) => m.at), ['2026-03-30T06:00:00.000Z']);
  });

  for (const [status, reason] of [
    [403, 'forbidden'],
    [404, 'not-found'],
  ] as const) {
    it(`a permanent ${status} deactivates the conversation, is logged and is not retried`, async function () {
      h = await createHarness();
      await h.subscribe('19:gone@thread.tacv2', '2026-01-01T00:00:00.000Z');
      await h.subscribe('19:ok@thread.tacv2', '2026-01-01T00:00:00.000Z');
      h.sender.fail = (id) => (id === '19:gone@thread.tacv2' ? httpError(status) : undefined);
      const s = h.scheduler();
      const reports = await h.tickEvery(s, '2026-03-28T08:00:00Z', '2026-03-30T06:00:00Z', 15 * MIN);
      assert.equal(h.sender.attempts.get('19:gone@thread.tacv2'), 1, 'one attempt, never retried');
      assert.equal(h.sender.to('19:ok@thread.tacv2').length, 2);
      assert.equal(reports.reduce((n, r) => n + r.deactivated, 0), 1);
      const gone = await h.store.getConversation('19:gone@thread.tacv2');
      assert.equal(gone?.active, false);
      assert.equal(gone?.deactivatedReason, reason);
      assert.equal((await h.store.getDelivery({ ruleId: 'meeting-2d', occurrenceKey: '2026-03-30@2026-03-30T07:00:00.000Z', targetId: 'conv:19:gone@thread.tacv2' }))?.status, 'failed');
      assert.ok(h.logs.some((l) => l.level === 'warn' && l.obj.targetId === 'conv:19:gone@thread.tacv2' && l.obj.statusCode === status));
    });
  }

  it('a delivery still failing when its grace window ends is closed as skipped', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    h.sender.fail = () => httpError(503);
    const s = h.scheduler({ options: { graceMs: 30 * MIN, maxTotalAttempts: 1000 } });
    await h.tickEvery(s, '2026-03-28T08:00:00Z', '2026-03-28T10:00:00Z', 10 * MIN);
    assert.equal(h.sender.attempts.get('19:a@thread.tacv2'), 20, '4 ticks within the 30 minutes, 5 attempts each');
    const [row] = await h.store.listDeliveries();
    assert.equal(row!.status, 'skipped');
    assert.equal(row!.detail, 'expired: later than the grace window');
  });

  it('a reminder left for retry is sent at a later tick, within the grace window', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    h.sender.fail = (_id, n) => (n <= 5 ? httpError(503) : undefined);
    const s = h.scheduler();
    await h.tickEvery(s, '2026-03-28T08:00:00Z', '2026-03-28T08:30:00Z', 15 * MIN);
    assert.deepEqual(h.sender.sent.map((m) => m.at), ['2026-03-28T08:15:00.000Z']);
    const [row] = await h.store.listDeliveries();
    assert.equal(row!.status, 'sent');
    assert.equal(row!.attempts, 6);
  });

  it('a failing meeting source (e.g. Graph down) does not hold up deadline reminders; meeting reminders follow at the next tick', async function () {
    const base = testSchedule();
    h = await createHarness(testSchedule({ deadlines: { ...base.deadlines, extra: [{ id: 'x', title: 'Frist', from: '2026-03-31', to: '2026-03-31', label: 'x', goalIds: [], responsible: 'D' }] } }));
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    let down = true;
    const rule = new RuleMeetingSource(h.schedule.meeting!, CPH);
    const s = h.scheduler({ meetingSource: { occurrences: (f, t) => (down ? Promise.reject(new Error('Graph 503')) : rule.occurrences(f, t)) } });
    h.clock.set('2026-03-28T08:00:00Z'); // both the meeting's 2-day and the deadline's 3-day reminder are due
    const first = await s.tick();
    assert.equal(first.meetingSourceFailed, true);
    assert.deepEqual(h.sender.sent.map((m) => textOf(m.reply).split('\n')[0]), ['Frist om 3 dage: Frist']);
    assert.equal(await h.store.getSchedulerMark(), undefined, 'the mark stays, so the meeting reminder is looked for again');
    down = false;
    h.clock.set('2026-03-28T08:15:00Z');
    await s.tick();
    assert.equal(h.sender.sent.length, 2);
    assert.match(textOf(h.sender.sent[1]!.reply), /mødet er om 2 dage/);
  });

  it('retries transient failures within the fan-out and records the attempts', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    h.sender.fail = (_id, n) => (n <= 2 ? httpError(503) : undefined);
    h.clock.set('2026-03-28T08:00:00Z');
    const report = await h.scheduler().tick();
    assert.equal(report.sent, 1);
    const [row] = await h.store.listDeliveries();
    assert.equal(row!.status, 'sent');
    assert.equal(row!.attempts, 3);
  });

  it('after the fan-out\'s retries, tries again at later ticks, then gives up (bounded), records and logs it', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    h.sender.fail = () => httpError(429, 1000);
    const s = h.scheduler();
    const reports = await h.tickEvery(s, '2026-03-28T08:00:00Z', '2026-03-28T08:05:00Z', MIN);
    assert.deepEqual(reports.map((r) => [r.retryLater, r.failed]), [[1, 0], [1, 0], [0, 1], [0, 0], [0, 0], [0, 0]]);
    assert.equal(h.sender.attempts.get('19:a@thread.tacv2'), 15, '5 attempts in each of 3 ticks');
    const [row] = await h.store.listDeliveries();
    assert.equal(row!.status, 'failed');
    assert.equal(row!.attempts, 15);
    assert.equal((await h.store.getConversation('19:a@thread.tacv2'))?.active, true, 'a transient failure does not deactivate');
    assert.ok(h.logs.some((l) => l.level === 'error' && /could not be delivered/.test(l.msg)));
  });

  it('the crash window: a claim whose instance died is not sent again, and is reported as uncertain', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    await h.subscribe('19:b@thread.tacv2', '2026-01-01T00:00:00.000Z');
    // Another instance claimed A's delivery at 08:00 and died before recording the result.
    await h.store.claimDelivery({
      ruleId: 'meeting-2d',
      occurrenceKey: '2026-03-30@2026-03-30T07:00:00.000Z',
      targetId: 'conv:19:a@thread.tacv2',
      dueAt: '2026-03-28T08:00:00.000Z',
      instanceId: 'dead',
      at: '2026-03-28T08:00:00.000Z',
      late: false,
    });
    const s = h.scheduler();
    h.clock.set('2026-03-28T08:05:00Z');
    const first = await s.tick();
    assert.equal(first.sent, 1);
    assert.deepEqual(h.sender.sent.map((m) => m.conversationId), ['19:b@thread.tacv2']);
    h.clock.set('2026-03-28T08:20:00Z');
    const later = await s.tick();
    assert.equal(later.uncertain, 1);
    assert.equal(h.sender.sent.length, 1);
    const row = await h.store.getDelivery({ ruleId: 'meeting-2d', occurrenceKey: '2026-03-30@2026-03-30T07:00:00.000Z', targetId: 'conv:19:a@thread.tacv2' });
    assert.equal(row?.status, 'uncertain');
    assert.ok(h.logs.some((l) => l.level === 'warn' && /crash window/.test(l.msg)));
  });

  it('on shutdown a fan-out stops starting sends; the unsent rest goes out once, from the next scheduler', async function () {
    h = await createHarness();
    for (let i = 0; i < 50; i++) await h.subscribe(`19:c${i}@thread.tacv2`, '2026-01-01T00:00:00.000Z');
    const first = h.scheduler({ instanceId: 'first' });
    h.sender.fail = () => {
      if (h.sender.sent.length === 9) first.abort(); // SIGTERM arrives after the 10th message
      return undefined;
    };
    h.clock.set('2026-03-28T08:00:00Z');
    const report = await first.tick();
    await first.stop();
    assert.ok(report.sent >= 10 && report.sent < 50, `sent ${report.sent}`);
    assert.equal(report.aborted, 50 - report.sent);
    assert.equal(await h.store.getSchedulerMark(), undefined, 'the mark stays for the next scheduler');
    h.sender.fail = () => undefined;
    h.clock.set('2026-03-28T08:01:00Z');
    const next = await h.scheduler({ instanceId: 'next' }).tick();
    assert.equal(next.sent, 50 - report.sent);
    const counts = new Map<string, number>();
    for (const m of h.sender.sent) counts.set(m.conversationId, (counts.get(m.conversationId) ?? 0) + 1);
    assert.equal(counts.size, 50);
    assert.ok([...counts.values()].every((n) => n === 1));
  });

  describe('nudges to KPI owners', function () {
    const withOwner = () => testSchedule({ meeting: undefined, nudges: { weekday: 1, time: '09:00', startDaysBeforeDue: 0, owners: [{ kpiId: '4a', userIds: [OWNER] }] } });

    it('nudge the owner in their personal chat once a week while the measurement is missing, and stop when it arrives', async function () {
      h = await createHarness(withOwner());
      await h.subscribe('a:owner', '2026-01-01T00:00:00.000Z', { kind: 'personal', user: OWNER, subscribe: false });
      const s = h.scheduler();
      // Mondays 2, 9 and 16 March 2026, hourly ticks.
      await h.tickEvery(s, '2026-03-01T00:00:00Z', '2026-03-17T00:00:00Z', HOUR);
      assert.deepEqual(h.sender.sent.map((m) => m.at), ['2026-03-02T08:00:00.000Z', '2026-03-09T08:00:00.000Z', '2026-03-16T08:00:00.000Z']);
      const card = h.sender.sent[0]!.reply;
      assert.ok(card.kind === 'card');
      assertSendableCard(card.card);
      assert.match(textOf(card), /Måling mangler: KPI 4a/);
      assert.deepEqual((await h.store.listDeliveries()).map((d) => [d.ruleId, d.occurrenceKey]), [
        ['nudge-4a', '2026-W10'],
        ['nudge-4a', '2026-W11'],
        ['nudge-4a', '2026-W12'],
      ]);
      await h.measurements.appendMeasurement(newMeasurement({ kpiId: '4a', value: 47, measuredOn: '2026-03-17', period: '2021' }));
      await h.tickEvery(s, '2026-03-17T00:00:00Z', '2026-03-31T00:00:00Z', HOUR);
      assert.equal(h.sender.sent.length, 3, 'no nudge once data has arrived');
    });

    it('an owner who opted out ("afmeld påmindelser" in their chat) gets no nudges', async function () {
      h = await createHarness(withOwner());
      await h.subscribe('a:owner', '2026-01-01T00:00:00.000Z', { kind: 'personal', user: OWNER, subscribe: false });
      await h.store.setSubscription('a:owner', 'unsubscribed', '2026-01-02T00:00:00.000Z', OWNER);
      await h.tickEvery(h.scheduler(), '2026-03-01T00:00:00Z', '2026-03-17T00:00:00Z', HOUR);
      assert.equal(h.sender.sent.length, 0);
    });

    it('an owner the bot cannot reach is recorded (once a week) and logged, not retried every tick', async function () {
      h = await createHarness(withOwner());
      await h.tickEvery(h.scheduler(), '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', HOUR);
      const rows = await h.store.listDeliveries();
      assert.deepEqual(rows.map((r) => [r.targetId, r.occurrenceKey, r.status]), [
        [`user:${OWNER}`, '2026-W10', 'skipped'],
        [`user:${OWNER}`, '2026-W11', 'skipped'],
      ]);
      assert.equal(h.logs.filter((l) => /cannot be reached/.test(l.msg)).length, 2);
    });

    it('with the activity feed, the owner is nudged there too', async function () {
      h = await createHarness(withOwner());
      await h.tickEvery(h.scheduler({ feedUsers: [] }), '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', HOUR);
      assert.deepEqual(h.feed.notified.map((n) => [n.userId, n.activityType, Object.keys(n.templateParameters).sort()]), [
        [OWNER, 'measurementDue', [...ACTIVITY_TEMPLATE_PARAMETERS.measurementDue].sort()],
      ]);
    });
  });

  describe('activity feed for the directors', function () {
    const D1 = '11111111-1111-4111-8111-111111111111';
    const D2 = '22222222-2222-4222-8222-222222222222';

    it('notifies each director with the manifest template parameters; a 403 disables that director without retries', async function () {
      h = await createHarness(testSchedule({ meeting: { ...testSchedule().meeting!, leadTimes: [parseLeadTime('2d')!] } }));
      h.feed.failStatus = (u) => (u === D2 ? 403 : undefined);
      const s = h.scheduler({ feedUsers: [D1, D2] });
      await h.tickEvery(s, '2026-03-12T00:00:00Z', '2026-03-29T00:00:00Z', HOUR);
      // Two meetings (16 and 30 March): D1 twice; D2 failed once, then was left out.
      assert.deepEqual(h.feed.notified.map((n) => n.userId), [D1, D1]);
      assert.deepEqual(Object.keys(h.feed.notified[0]!.templateParameters).sort(), [...ACTIVITY_TEMPLATE_PARAMETERS.meetingReminder].sort());
      assert.deepEqual(h.feed.notified[0]!.templateParameters, { meetingDate: 'mandag d. 16. marts 2026', meetingTime: '09.00' });
      assert.ok(h.feed.notified[0]!.previewText.length <= 150);
      const d2 = await h.store.listDeliveries({ status: 'failed' });
      assert.deepEqual(d2.map((d) => [d.targetId, d.attempts]), [[`feed:${D2}`, 1]]);
    });
  });

  describe('the lease: one instance schedules at a time', function () {
    it('a second instance stands by, and takes over when the first stops or stops renewing', async function () {
      h = await createHarness();
      const a = h.scheduler({ instanceId: 'a' });
      const b = h.scheduler({ instanceId: 'b' });
      h.clock.set('2026-03-02T00:00:00Z');
      assert.equal((await a.tick()).leader, true);
      assert.equal((await b.tick()).leader, false);
      h.clock.ms += MIN;
      assert.equal((await a.tick()).leader, true, 'renewed');
      await a.stop();
      assert.equal((await b.tick()).leader, true, 'released on stop');
      // b stops renewing (crashed): after the lease time a takes over.
      h.clock.ms += 2 * MIN;
      assert.equal((await a.tick()).leader, false);
      h.clock.ms += 2 * MIN;
      assert.equal((await a.tick()).leader, true);
    });
  });

  it('the meeting card is a valid Adaptive Card with the agenda', async function () {
    h = await createHarness();
    await h.subscribe('19:a@thread.tacv2', '2026-01-01T00:00:00.000Z');
    // 30 % against a target of 45 % after the deadline: goal 4 is "ikke opfyldt"; the others have no data.
    await h.measurements.appendMeasurement(newMeasurement({ kpiId: '4a', value: 30, measuredOn: '2021-11-30', period: '2021' }));
    h.clock.set('2026-03-28T08:00:00Z');
    await h.scheduler().tick();
    const reply = h.sender.sent[0]!.reply;
    assert.ok(reply.kind === 'card');
    assertSendableCard(reply.card);
    const text = cardText(reply.card);
    for (const expected of ['Direktørmøde', 'Mål i risiko eller ikke opfyldt', 'Mål 4: ', 'Ikke opfyldt', "KPI'er uden data", 'KPI 1a', '– ingen data', 'Frister de næste 30 dage']) {
      assert.ok(text.includes(expected), expected);
    }
    assert.ok(!text.includes('KPI 4a'), '4a has data: not in the "ingen data" list');
  });
});
