import assert from 'node:assert/strict';
import { readConfig, ConfigError } from '../../config/read-config';
import { readReminderConfig } from '../../config/read-reminder-config';

describe('readReminderConfig (reminder variables)', () => {
  it('defaults: no schedule, a tick a minute, 6 hours grace, Teams rates', () => {
    assert.deepEqual(readReminderConfig({}), {
      reminders: { scheduleFile: undefined, tickSeconds: 60, graceMinutes: 360, ratePerSecond: 30, conversationRatePerSecond: 7 },
      problems: [],
    });
    assert.equal(readConfig({}).reminders.scheduleFile, undefined);
  });

  it('reads the values, treating empty as unset', () => {
    const { reminders } = readReminderConfig({ SCHEDULE_FILE: ' config/schedule.yaml ', REMINDER_TICK_SECONDS: '30', REMINDER_GRACE_MINUTES: '0', REMINDER_RATE_PER_SECOND: '', REMINDER_CONVERSATION_RATE_PER_SECOND: '3' });
    assert.deepEqual(reminders, { scheduleFile: 'config/schedule.yaml', tickSeconds: 30, graceMinutes: 0, ratePerSecond: 30, conversationRatePerSecond: 3 });
  });

  it('refuses bad values with the variable, the allowed range and what was found', () => {
    assert.throws(
      () => readConfig({ REMINDER_TICK_SECONDS: '1', REMINDER_CONVERSATION_RATE_PER_SECOND: '10', REMINDER_RATE_PER_SECOND: 'fast' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.problems, [
          'REMINDER_TICK_SECONDS: skal være et heltal 5–3600 (sekunder mellem scheduler-runder); fundet: "1"',
          'REMINDER_RATE_PER_SECOND: skal være et heltal 1–50 (beskeder pr. sekund i alt (Teams: 30 pr. app pr. tenant)); fundet: "fast"',
          'REMINDER_CONVERSATION_RATE_PER_SECOND: skal være et heltal 1–7 (beskeder pr. sekund i én samtale (Teams: højst 7)); fundet: "10"',
        ]);
        return true;
      },
    );
  });
});
