import assert from 'node:assert/strict';
import { addDays, daysBetween, isoWeekday, isoWeekKey, localDate, localTime, utcOffsetMs, zonedInstant } from '../../../core/time/zoned-time';

const CPH = 'Europe/Copenhagen';
const at = (date: string, time: string) => zonedInstant(date, time, CPH).toISOString();

describe('zoned time (Europe/Copenhagen)', function () {
  it('knows winter (+1) and summer (+2) time', function () {
    assert.equal(at('2026-01-15', '09:00'), '2026-01-15T08:00:00.000Z');
    assert.equal(at('2026-07-15', '09:00'), '2026-07-15T07:00:00.000Z');
    assert.equal(utcOffsetMs(Date.parse('2026-01-15T12:00:00Z'), CPH), 3_600_000);
    assert.equal(utcOffsetMs(Date.parse('2026-07-15T12:00:00Z'), CPH), 7_200_000);
  });

  // Spring forward: 29 March 2026 and 28 March 2027, 02:00 CET → 03:00 CEST (01:00 UTC).
  for (const day of ['2026-03-29', '2027-03-28']) {
    it(`spring forward ${day}: times around the gap, and a time inside it moves past it`, function () {
      assert.equal(at(day, '01:59'), `${day}T00:59:00.000Z`);
      assert.equal(at(day, '02:00'), `${day}T01:00:00.000Z`, '02:00 does not exist → 03:00 CEST');
      assert.equal(at(day, '02:30'), `${day}T01:30:00.000Z`, '02:30 does not exist → 03:30 CEST');
      assert.equal(at(day, '03:00'), `${day}T01:00:00.000Z`);
      assert.equal(at(day, '09:00'), `${day}T07:00:00.000Z`);
      assert.equal(localTime(new Date(`${day}T01:30:00.000Z`), CPH), '03:30');
    });
  }

  // Fall back: 25 October 2026 and 31 October 2027, 03:00 CEST → 02:00 CET (01:00 UTC).
  for (const day of ['2026-10-25', '2027-10-31']) {
    it(`fall back ${day}: a repeated time means its first occurrence (summer time)`, function () {
      const prev = addDays(day, -1);
      assert.equal(at(day, '01:59'), `${prev}T23:59:00.000Z`);
      assert.equal(at(day, '02:30'), `${day}T00:30:00.000Z`, 'the first 02:30 (CEST)');
      assert.equal(at(day, '03:00'), `${day}T02:00:00.000Z`);
      assert.equal(at(day, '09:00'), `${day}T08:00:00.000Z`);
      // Both 02:30s read back as 02:30 local.
      assert.equal(localTime(new Date(`${day}T00:30:00.000Z`), CPH), '02:30');
      assert.equal(localTime(new Date(`${day}T01:30:00.000Z`), CPH), '02:30');
    });
  }

  it('reads local dates near midnight', function () {
    assert.equal(localDate(new Date('2026-03-28T23:30:00Z'), CPH), '2026-03-29');
    assert.equal(localDate(new Date('2026-10-24T21:59:00Z'), CPH), '2026-10-24');
    assert.equal(localDate(new Date('2026-10-24T22:00:00Z'), CPH), '2026-10-25');
  });

  it('does calendar arithmetic without a zone', function () {
    assert.equal(addDays('2026-03-27', 3), '2026-03-30');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(daysBetween('2026-03-16', '2026-03-30'), 14);
    assert.equal(daysBetween('2026-03-30', '2026-03-16'), -14);
  });

  it('names ISO weeks and weekdays', function () {
    assert.equal(isoWeekday('2026-03-30'), 1);
    assert.equal(isoWeekday('2026-03-29'), 7);
    assert.equal(isoWeekKey('2026-01-01'), '2026-W01');
    assert.equal(isoWeekKey('2027-01-01'), '2026-W53');
    assert.equal(isoWeekKey('2021-01-03'), '2020-W53');
    assert.equal(isoWeekKey('2024-12-30'), '2025-W01');
    assert.equal(isoWeekKey('2026-03-30'), '2026-W14');
  });

  it('refuses malformed dates and times', function () {
    assert.throws(() => zonedInstant('2026-02-30', '09:00', CPH), RangeError);
    assert.throws(() => zonedInstant('2026-03-01', '24:00', CPH), RangeError);
    assert.throws(() => zonedInstant('2026-03-01', '9:00', CPH), RangeError);
  });
});
