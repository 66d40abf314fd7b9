import assert from 'node:assert/strict';
import { parseLeadTime, reminderInstant, describeLeadTime } from '../../../../core/schedule/lead-time';
import { RuleMeetingSource } from '../../../../features/reminders/schedule/rule-meeting-source';
import { formatMeetingTime } from '../../../../features/reminders/schedule/format-meeting-time';

const CPH = 'Europe/Copenhagen';
const lead = (s: string) => parseLeadTime(s)!;

function source(anchorDate: string, time = '09:00', skipDates: string[] = []) {
  return new RuleMeetingSource({ anchorDate, time, durationMinutes: 120, intervalDays: 14, skipDates }, CPH);
}

describe('RuleMeetingSource: every 14 days at the same local time', function () {
  it('lists occurrences in [from, to) with the local date as id', async function () {
    const occ = await source('2026-01-08').occurrences('2026-01-01T00:00:00Z', '2026-02-06T00:00:00Z');
    assert.deepEqual(
      occ.map((o) => [o.id, o.start, o.end]),
      [
        ['2026-01-08', '2026-01-08T08:00:00.000Z', '2026-01-08T10:00:00.000Z'],
        ['2026-01-22', '2026-01-22T08:00:00.000Z', '2026-01-22T10:00:00.000Z'],
        ['2026-02-05', '2026-02-05T08:00:00.000Z', '2026-02-05T10:00:00.000Z'],
      ],
    );
    assert.ok(occ.every((o) => o.source === 'rule' && !o.cancelled));
  });

  it('runs backwards from the anchor too, and the bounds are half-open', async function () {
    const occ = await source('2026-01-08').occurrences('2025-12-25T08:00:00.000Z', '2026-01-08T08:00:00.000Z');
    assert.deepEqual(occ.map((o) => o.id), ['2025-12-25']);
  });

  it('marks skipped dates as cancelled', async function () {
    const occ = await source('2026-01-08', '09:00', ['2026-01-22']).occurrences('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
    assert.deepEqual(occ.map((o) => [o.id, o.cancelled]), [['2026-01-08', false], ['2026-01-22', true]]);
  });

  for (const [year, before, after] of [
    ['2026', '2026-03-16', '2026-03-30'], // DST starts Sunday 29 March 2026
    ['2027', '2027-03-15', '2027-03-29'], // DST starts Sunday 28 March 2027
  ] as const) {
    it(`stays at 09:00 local across the spring change of ${year}`, async function () {
      const occ = await source(before).occurrences(`${before}T00:00:00Z`, `${after}T23:00:00Z`);
      assert.deepEqual(occ.map((o) => o.start), [`${before}T08:00:00.000Z`, `${after}T07:00:00.000Z`]);
      const start = new Date(occ[1]!.start);
      // 2 days before = Saturday 09:00 CET (before the change): 47 hours earlier, not 48.
      assert.equal(reminderInstant(start, lead('2d'), CPH).toISOString(), `${addDaysIso(after, -2)}T08:00:00.000Z`);
      assert.equal(reminderInstant(start, lead('1h'), CPH).toISOString(), `${after}T06:00:00.000Z`);
    });
  }

  for (const [year, before, after] of [
    ['2026', '2026-10-12', '2026-10-26'], // DST ends Sunday 25 October 2026
    ['2027', '2027-10-18', '2027-11-01'], // DST ends Sunday 31 October 2027
  ] as const) {
    it(`stays at 09:00 local across the autumn change of ${year}`, async function () {
      const occ = await source(before).occurrences(`${before}T00:00:00Z`, `${after}T23:00:00Z`);
      assert.deepEqual(occ.map((o) => o.start), [`${before}T07:00:00.000Z`, `${after}T08:00:00.000Z`]);
      const start = new Date(occ[1]!.start);
      // 2 days before = Saturday 09:00 CEST: 49 hours earlier.
      assert.equal(reminderInstant(start, lead('2d'), CPH).toISOString(), `${addDaysIso(after, -2)}T07:00:00.000Z`);
      assert.equal(formatMeetingTime(occ[1]!.start, occ[1]!.end, CPH), `mandag den ${Number(after.slice(8))}. ${after.slice(5, 7) === '10' ? 'oktober' : 'november'} ${year} kl. 09.00–11.00`);
    });
  }

  it('a meeting set inside the spring gap starts after it; one in the repeated autumn hour starts at the first', async function () {
    const spring = await new RuleMeetingSource({ anchorDate: '2026-03-29', time: '02:30', durationMinutes: 60, intervalDays: 14, skipDates: [] }, CPH).occurrences('2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z');
    assert.equal(spring[0]!.start, '2026-03-29T01:30:00.000Z');
    const autumn = await new RuleMeetingSource({ anchorDate: '2027-10-31', time: '02:30', durationMinutes: 60, intervalDays: 14, skipDates: [] }, CPH).occurrences('2027-10-30T00:00:00Z', '2027-11-01T00:00:00Z');
    assert.equal(autumn[0]!.start, '2027-10-31T00:30:00.000Z');
  });

  it('parses and describes lead times', function () {
    assert.deepEqual(parseLeadTime('2d'), { id: '2d', amount: 2, unit: 'days' });
    assert.deepEqual(parseLeadTime(' 90m '), { id: '90m', amount: 90, unit: 'minutes' });
    assert.equal(parseLeadTime('2 dage'), undefined);
    assert.equal(parseLeadTime('0h'), undefined);
    assert.equal(describeLeadTime(lead('1d')), '1 dag');
    assert.equal(describeLeadTime(lead('2d')), '2 dage');
    assert.equal(describeLeadTime(lead('1h')), '1 time');
    assert.equal(describeLeadTime(lead('3h')), '3 timer');
    assert.equal(describeLeadTime(lead('30m')), '30 minutter');
  });
});

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
