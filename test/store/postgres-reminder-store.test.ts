import { PostgresReminderStore } from '../../store/postgres-reminder-store';
import type { ReminderStore } from '../../core/ports/reminder-store';
import { createTempSchema, requirePostgresOrSkip } from '../helpers/postgres';
import { describeReminderStoreContract } from './reminder-store-contract';

describe('PostgresReminderStore', function () {
  before(async function () {
    await requirePostgresOrSkip(this);
  });

  describeReminderStoreContract('PostgresReminderStore', async () => {
    const schema = await createTempSchema();
    const opened: ReminderStore[] = [];
    const open = async () => {
      const s = new PostgresReminderStore({ connectionString: schema.connectionString, poolConfig: schema.poolConfig, poolSize: 4 });
      await s.migrate();
      opened.push(s);
      return s;
    };
    return {
      store: await open(),
      another: open,
      async cleanup() {
        for (const s of opened) await s.close();
        await schema.drop();
      },
    };
  });
});
