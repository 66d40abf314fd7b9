import assert from 'node:assert/strict';
import { systemClock } from '../../../core/time/clock';
import { localDate } from '../../../core/time/zoned-time';

describe('Clock', () => {
  it('systemClock reads the real time', () => {
    const before = Date.now();
    const now = systemClock().getTime();
    assert.ok(now >= before && now <= Date.now());
  });
  it('"today" is the zone\'s calendar date of the clock\'s instant (one helper: localDate)', () => {
    const clock = () => new Date('2026-12-31T23:30:00Z');
    assert.equal(localDate(clock(), 'Europe/Copenhagen'), '2027-01-01');
    assert.equal(localDate(clock(), 'UTC'), '2026-12-31');
  });
});
