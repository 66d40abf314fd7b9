import assert from 'node:assert/strict';
import { todayInZone } from '../../../core/time/today';

const ZONE = 'Europe/Copenhagen';

/** A clock the test moves; counts Intl work (formatToParts) while `today()` runs. */
function setUp(startIso: string) {
  let now = new Date(startIso);
  const today = todayInZone(() => now, ZONE);
  const original = Intl.DateTimeFormat.prototype.formatToParts;
  return {
    set: (iso: string) => (now = new Date(iso)),
    /** today() and how many Intl formatToParts calls it made. */
    read(): { date: string; intlCalls: number } {
      let intlCalls = 0;
      Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, ...args) {
        intlCalls++;
        return original.apply(this, args);
      };
      try {
        return { date: today(), intlCalls };
      } finally {
        Intl.DateTimeFormat.prototype.formatToParts = original;
      }
    },
  };
}

describe('core/time/today: today in Copenhagen, worked out once a day', () => {
  it('turns at Copenhagen midnight, not UTC midnight, and makes no Intl call within the day', () => {
    const t = setUp('2026-06-10T12:00:00Z');
    assert.equal(t.read().date, '2026-06-10');
    t.set('2026-06-10T21:59:59.999Z'); // 23:59:59.999 summer time
    assert.deepEqual(t.read(), { date: '2026-06-10', intlCalls: 0 });
    t.set('2026-06-10T22:00:00Z'); // 00:00 in Copenhagen, still the 10th in UTC
    assert.equal(t.read().date, '2026-06-11');
    t.set('2026-06-11T08:00:00Z');
    assert.deepEqual(t.read(), { date: '2026-06-11', intlCalls: 0 });
  });

  it('a 23-hour day (spring forward, 29 March 2026): the next day starts at 22:00 UTC', () => {
    const t = setUp('2026-03-28T23:00:00Z'); // 00:00 CET on the 29th
    assert.equal(t.read().date, '2026-03-29');
    t.set('2026-03-29T21:59:59Z'); // 23:59:59 CEST
    assert.deepEqual(t.read(), { date: '2026-03-29', intlCalls: 0 });
    t.set('2026-03-29T22:00:00Z');
    assert.equal(t.read().date, '2026-03-30');
  });

  it('a 25-hour day (fall back, 25 October 2026): the day lasts until 23:00 UTC', () => {
    const t = setUp('2026-10-24T22:00:00Z'); // 00:00 CEST on the 25th
    assert.equal(t.read().date, '2026-10-25');
    t.set('2026-10-25T22:30:00Z'); // 23:30 CET, 24.5 hours into the day
    assert.deepEqual(t.read(), { date: '2026-10-25', intlCalls: 0 });
    t.set('2026-10-25T23:00:00Z');
    assert.equal(t.read().date, '2026-10-26');
  });

  it('follows a clock set back', () => {
    const t = setUp('2026-06-11T08:00:00Z');
    assert.equal(t.read().date, '2026-06-11');
    t.set('2026-06-10T21:59:00Z');
    assert.equal(t.read().date, '2026-06-10');
    t.set('2021-01-01T00:00:00Z');
    assert.equal(t.read().date, '2021-01-01');
  });
});
