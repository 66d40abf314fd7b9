import assert from 'node:assert/strict';
import type { Measurement, NewMeasurement } from '../../domain/measurement';
import type { MeasurementStore } from '../../store/measurement-store';
import { KNOWN_MIGRATION_VERSIONS } from '../../store/migrations';
import { InvalidMeasurementError } from '../../store/normalize-new-measurement';

export interface StoreUnderTest {
  /** A fresh store on an EMPTY database, not yet migrated. */
  store: MeasurementStore;
  /** Opens a second store on the same database (after `store` was closed); absent for :memory:. */
  reopen?(): Promise<MeasurementStore>;
  /** Closes whatever is open and removes the database. */
  cleanup(): Promise<void>;
}

export interface MakeStoreOptions {
  now?: () => Date;
}

const CONTRACT = 'kkr-syddanmark-sydjylland-2021';

/** A plausible numeric row; override what the test is about. */
export function newMeasurement(overrides: Partial<NewMeasurement> = {}): NewMeasurement {
  return {
    contractId: CONTRACT,
    kpiId: '1a',
    value: 35,
    done: null,
    segment: null,
    period: 'efterår 2021',
    measuredOn: '2021-09-30',
    source: 'Erhvervsstyrelsen (spørgeskemaundersøgelse)',
    note: null,
    recordedBy: 'direktoer@erhvervshus.dk',
    demo: false,
    ...overrides,
  };
}

/** The fields a caller gave, to compare with what came back. */
function withoutStoreFields(m: Measurement): Omit<Measurement, 'id' | 'recordedAt'> {
  const { id: _id, recordedAt: _recordedAt, ...rest } = m;
  return rest;
}

function keyOf(m: Measurement): string {
  return `${m.kpiId}/${m.segment ?? '-'}`;
}

/**
 * The behaviour every MeasurementStore must have. Each test gets its own empty database
 * from `makeStore`, so tests do not depend on each other's rows.
 */
export function describeStoreContract(
  name: string,
  makeStore: (options?: MakeStoreOptions) => Promise<StoreUnderTest>,
  /** False for a database that cannot outlive its connection (SQLite :memory:): the reopen test is not registered. */
  { reopenable = true }: { reopenable?: boolean } = {},
): void {
  describe(`${name}: MeasurementStore contract`, function () {
    let sut: StoreUnderTest | undefined;
    let store: MeasurementStore;

    async function open(options?: MakeStoreOptions): Promise<MeasurementStore> {
      await sut?.cleanup();
      sut = await makeStore(options);
      store = sut.store;
      return store;
    }

    beforeEach(async function () {
      await open();
      await store.migrate();
    });

    afterEach(async function () {
      await sut?.cleanup();
      sut = undefined;
    });

    describe('migrations', function () {
      it('reports no migrations before the first migrate, all known ones after', async function () {
        await open();
        assert.deepEqual(await store.appliedMigrations(), []);
        await store.migrate();
        assert.deepEqual(await store.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
      });

      it('is idempotent: a second and third migrate change nothing and keep the rows', async function () {
        await store.appendMeasurement(newMeasurement());
        await store.migrate();
        await store.migrate();
        assert.deepEqual(await store.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
        assert.equal((await store.listMeasurements(CONTRACT)).length, 1);
      });
    });

    describe('appendMeasurement', function () {
      it('returns the row with a store-assigned id and recordedAt from the clock', async function () {
        await open({ now: () => new Date('2021-10-04T08:15:30.123Z') });
        await store.migrate();
        const input = newMeasurement({ note: 'Første måling' });
        const stored = await store.appendMeasurement(input);
        assert.equal(typeof stored.id, 'number');
        assert.ok(Number.isInteger(stored.id) && stored.id > 0, `id ${stored.id}`);
        assert.equal(stored.recordedAt, '2021-10-04T08:15:30.123Z');
        assert.deepEqual(withoutStoreFields(stored), input);
        assert.deepEqual(await store.listMeasurements(CONTRACT), [stored]);
      });

      it('uses the real clock by default (ISO UTC with milliseconds)', async function () {
        const before = Date.now();
        const stored = await store.appendMeasurement(newMeasurement());
        const after = Date.now();
        assert.match(stored.recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        const t = Date.parse(stored.recordedAt);
        assert.ok(t >= before && t <= after, `${stored.recordedAt} not within the call`);
      });

      it('keeps a given recordedAt (imports), normalised to ISO UTC', async function () {
        const a = await store.appendMeasurement(newMeasurement({ recordedAt: '2021-09-30T23:30:00Z' }));
        const b = await store.appendMeasurement(newMeasurement({ recordedAt: '2021-10-01T01:30:00.250+02:00' }));
        assert.equal(a.recordedAt, '2021-09-30T23:30:00.000Z');
        assert.equal(b.recordedAt, '2021-09-30T23:30:00.250Z');
        const listed = await store.listMeasurements(CONTRACT);
        assert.deepEqual(
          listed.map((m) => m.recordedAt),
          ['2021-09-30T23:30:00.000Z', '2021-09-30T23:30:00.250Z'],
        );
      });

      it('assigns strictly increasing ids', async function () {
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) ids.push((await store.appendMeasurement(newMeasurement({ value: i }))).id);
        for (let i = 1; i < ids.length; i++) assert.ok(ids[i]! > ids[i - 1]!, `ids ${ids.join(',')}`);
      });

      it('stores 200 concurrent appends, each with its own id', async function () {
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            store.appendMeasurement(newMeasurement({ kpiId: `k${i % 7}`, value: i, note: `n${i}` })),
          ),
        );
        assert.equal(new Set(results.map((m) => m.id)).size, 200);
        const listed = await store.listMeasurements(CONTRACT);
        assert.equal(listed.length, 200);
        assert.deepEqual(
          listed.map((m) => m.value).sort((x, y) => x! - y!),
          Array.from({ length: 200 }, (_, i) => i),
        );
        // Every returned row is exactly what was stored under its id.
        const byId = new Map(listed.map((m) => [m.id, m]));
        for (const r of results) assert.deepEqual(byId.get(r.id), r);
      });

      const invalid: Array<[string, Partial<NewMeasurement>, keyof NewMeasurement]> = [
        ['an impossible date', { measuredOn: '2021-02-30' }, 'measuredOn'],
        ['a Danish-format date', { measuredOn: '30-09-2021' }, 'measuredOn'],
        ['a timestamp as date', { measuredOn: '2021-09-30T00:00:00Z' }, 'measuredOn'],
        ['NaN', { value: Number.NaN }, 'value'],
        ['Infinity', { value: Number.POSITIVE_INFINITY }, 'value'],
        ['an unknown segment', { segment: 'start' as unknown as NewMeasurement['segment'] }, 'segment'],
        ['a recordedAt without zone', { recordedAt: '2021-09-30T12:00:00' }, 'recordedAt'],
        ['a garbage recordedAt', { recordedAt: 'i går' }, 'recordedAt'],
        ['an empty kpiId', { kpiId: ' ' }, 'kpiId'],
      ];
      for (const [label, overrides, field] of invalid) {
        it(`refuses ${label} and stores nothing`, async function () {
          await assert.rejects(
            store.appendMeasurement(newMeasurement(overrides)),
            (err: unknown) => err instanceof InvalidMeasurementError && err.field === field,
          );
          assert.deepEqual(await store.listMeasurements(CONTRACT), []);
        });
      }
    });

    describe('listMeasurements', function () {
      it('returns rows oldest first by id, whatever their measuredOn', async function () {
        const a = await store.appendMeasurement(newMeasurement({ measuredOn: '2021-12-01' }));
        const b = await store.appendMeasurement(newMeasurement({ kpiId: '4a', measuredOn: '2021-01-01' }));
        const c = await store.appendMeasurement(newMeasurement({ measuredOn: '2021-06-01' }));
        assert.deepEqual(
          (await store.listMeasurements(CONTRACT)).map((m) => m.id),
          [a.id, b.id, c.id],
        );
      });

      it('filters by KPI ids; an empty list gives nothing; unknown ids give nothing', async function () {
        const a = await store.appendMeasurement(newMeasurement({ kpiId: '1a' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 82 }));
        const c = await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 47 }));
        const d = await store.appendMeasurement(newMeasurement({ kpiId: '1a', value: 36 }));
        assert.deepEqual(
          (await store.listMeasurements(CONTRACT, ['4a', '1a'])).map((m) => m.id),
          [a.id, c.id, d.id],
        );
        assert.deepEqual(
          (await store.listMeasurements(CONTRACT, ['4a'])).map((m) => m.value),
          [47],
        );
        assert.deepEqual(await store.listMeasurements(CONTRACT, []), []);
        assert.deepEqual(await store.listMeasurements(CONTRACT, ['99z']), []);
        // KPI ids are exact values, not patterns.
        assert.deepEqual(await store.listMeasurements(CONTRACT, ['1%', '%']), []);
      });

      it('keeps contracts apart', async function () {
        await store.appendMeasurement(newMeasurement({ contractId: 'kkr-a-2021', value: 1 }));
        await store.appendMeasurement(newMeasurement({ contractId: 'kkr-b-2021', value: 2 }));
        await store.appendMeasurement(newMeasurement({ contractId: 'kkr-a-2022', value: 3 }));
        assert.deepEqual(
          (await store.listMeasurements('kkr-a-2021')).map((m) => m.value),
          [1],
        );
        assert.deepEqual(
          (await store.listMeasurements('kkr-b-2021', ['1a'])).map((m) => m.value),
          [2],
        );
        assert.deepEqual(
          (await store.latestMeasurements('kkr-a-2022')).map((m) => m.value),
          [3],
        );
        assert.deepEqual(await store.listMeasurements('kkr-a'), []);
        assert.deepEqual(await store.latestMeasurements('ukendt'), []);
      });
    });

    describe('latestMeasurements', function () {
      it('gives the newest row per (KPI, segment): greatest measuredOn, then greatest id', async function () {
        // 1a: a later-measured row inserted first must still win over an older measurement inserted later.
        const newest1a = await store.appendMeasurement(newMeasurement({ value: 36, measuredOn: '2021-11-30' }));
        await store.appendMeasurement(newMeasurement({ value: 35, measuredOn: '2021-09-30' }));
        // 4a: two rows on the same day, the later id wins (a correction).
        await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 44, measuredOn: '2021-11-30' }));
        const correction = await store.appendMeasurement(
          newMeasurement({ kpiId: '4a', value: 47, measuredOn: '2021-11-30', note: 'Rettet tal' }),
        );
        await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 40, measuredOn: '2021-06-30' }));
        const latest = await store.latestMeasurements(CONTRACT);
        assert.deepEqual(
          latest.map((m) => [keyOf(m), m.id]).sort(),
          [
            ['1a/-', newest1a.id],
            ['4a/-', correction.id],
          ].sort(),
        );
        assert.deepEqual(latest.find((m) => m.kpiId === '4a'), correction);
      });

      it('returns its rows ordered by id', async function () {
        await store.appendMeasurement(newMeasurement({ kpiId: '9c', value: null, done: false }));
        await store.appendMeasurement(newMeasurement({ kpiId: '1a' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '10a', value: null, done: false }));
        await store.appendMeasurement(newMeasurement({ kpiId: '9c', value: null, done: true, measuredOn: '2021-12-10' }));
        const ids = (await store.latestMeasurements(CONTRACT)).map((m) => m.id);
        assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
        assert.equal(ids.length, 3);
      });

      it('treats no segment, drift and vækst as three separate series', async function () {
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 80, measuredOn: '2021-06-30' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 82, measuredOn: '2021-11-30' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 78, measuredOn: '2021-11-30' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: null, value: 81, measuredOn: '2021-01-31' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: null, value: 79, measuredOn: '2021-02-28' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3b', segment: 'vækst', value: 66 }));
        const latest = await store.latestMeasurements(CONTRACT);
        const byKey = Object.fromEntries(latest.map((m) => [keyOf(m), m.value]));
        assert.deepEqual(byKey, { '3a/drift': 82, '3a/vækst': 78, '3a/-': 79, '3b/vækst': 66 });
        assert.equal(latest.length, 4);
        const segments = latest.filter((m) => m.kpiId === '3a').map((m) => m.segment);
        assert.deepEqual(new Set(segments), new Set([null, 'drift', 'vækst']));
      });
    });

    describe('round trips', function () {
      it('stores milestones: value null, done true or false', async function () {
        const notYet = await store.appendMeasurement(
          newMeasurement({ kpiId: '9c', value: null, done: false, period: '2021', measuredOn: '2021-06-30', note: 'Planlagt' }),
        );
        const done = await store.appendMeasurement(
          newMeasurement({ kpiId: '9c', value: null, done: true, period: '2021', measuredOn: '2021-12-10', note: 'Gennemført' }),
        );
        const numeric = await store.appendMeasurement(newMeasurement({ value: 0 }));
        const listed = await store.listMeasurements(CONTRACT);
        assert.deepEqual(listed, [notYet, done, numeric]);
        assert.deepEqual(
          listed.map((m) => [m.value, m.done]),
          [
            [null, false],
            [null, true],
            [0, null],
          ],
        );
        assert.strictEqual(listed[0]!.done, false);
        assert.strictEqual(listed[2]!.value, 0);
        assert.deepEqual((await store.latestMeasurements(CONTRACT)).find((m) => m.kpiId === '9c')?.done, true);
      });

      it('keeps decimals exact (37.5, negatives, long fractions)', async function () {
        const values = [37.5, 0.1, -12.25, 33.333333333333336, 1e-9, 2 ** 40 + 0.5, -100, 100];
        for (const value of values) await store.appendMeasurement(newMeasurement({ value }));
        const listed = await store.listMeasurements(CONTRACT);
        assert.deepEqual(
          listed.map((m) => m.value),
          values,
        );
        for (const m of listed) assert.equal(typeof m.value, 'number');
      });

      it('returns dates exactly as given, whatever the process time zone, also around midnight', async function () {
        const dates = ['2021-01-01', '2021-03-28', '2021-09-30', '2021-10-31', '2021-12-31', '2024-02-29', '1999-12-31'];
        const originalTz = process.env.TZ;
        try {
          for (const tz of ['UTC', 'Europe/Copenhagen', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
            process.env.TZ = tz; // Node re-reads TZ when it changes
            // 23:30 UTC on New Year's Eve is 00:30 on 1 January in Copenhagen; 23:30 UTC on 30/9 is 01:30 on 1/10.
            for (const now of ['2021-12-31T23:30:00.000Z', '2021-09-30T23:30:00.000Z', '2021-09-30T22:30:00.000Z']) {
              await open({ now: () => new Date(now) });
              await store.migrate();
              for (const measuredOn of dates) await store.appendMeasurement(newMeasurement({ measuredOn }));
              const listed = await store.listMeasurements(CONTRACT);
              assert.deepEqual(listed.map((m) => m.measuredOn), dates, `TZ=${tz}, now=${now}`);
              assert.deepEqual(new Set(listed.map((m) => m.recordedAt)), new Set([now]), `TZ=${tz}`);
              const latest = await store.latestMeasurements(CONTRACT);
              assert.equal(latest[0]?.measuredOn, '2024-02-29', `TZ=${tz}`);
            }
          }
        } finally {
          if (originalTz === undefined) delete process.env.TZ;
          else process.env.TZ = originalTz;
        }
      });

      it('keeps unicode text: æøå, emoji, quotes', async function () {
        const input = newMeasurement({
          contractId: 'kkr-sønderjylland-æøå',
          kpiId: '9c',
          period: 'efterår 2021 — før jul',
          source: 'Erhvervshus Sydjylland «CRM» 🚀',
          note: 'Ærø, Østerø & Åbenrå; 👩🏽‍💼 "citat" \'enkelt\' \\ 100 %',
          recordedBy: 'søren.ærbødig@erhvervshus.dk',
        });
        const stored = await store.appendMeasurement(input);
        assert.deepEqual(withoutStoreFields(stored), input);
        assert.deepEqual(await store.listMeasurements('kkr-sønderjylland-æøå', ['9c']), [stored]);
        assert.deepEqual(await store.latestMeasurements('kkr-sønderjylland-æøå'), [stored]);
      });

      it('keeps the demo flag', async function () {
        const real = await store.appendMeasurement(newMeasurement({ demo: false }));
        const demo = await store.appendMeasurement(
          newMeasurement({ demo: true, recordedBy: 'demo-seed', source: 'Erhvervsstyrelsen (demodata)' }),
        );
        const listed = await store.listMeasurements(CONTRACT);
        assert.deepEqual(listed, [real, demo]);
        assert.deepEqual(
          listed.map((m) => m.demo),
          [false, true],
        );
      });

      if (reopenable) it('keeps the rows when the store is closed and opened again', async function () {
        const reopen = sut?.reopen;
        if (reopen === undefined) throw new Error('a reopenable store must provide reopen()');
        const a = await store.appendMeasurement(newMeasurement({ value: 37.5 }));
        const b = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 78 }));
        await store.close();
        const again = await reopen();
        await again.migrate();
        assert.deepEqual(await again.appliedMigrations(), [...KNOWN_MIGRATION_VERSIONS]);
        assert.deepEqual(await again.listMeasurements(CONTRACT), [a, b]);
        const c = await again.appendMeasurement(newMeasurement({ value: 38 }));
        assert.ok(c.id > b.id);
      });
    });

    describe('ping and close', function () {
      it('pings while open, even before migrate', async function () {
        await store.ping();
        await open();
        await store.ping();
      });

      it('closes idempotently; afterwards calls fail', async function () {
        await store.close();
        await store.close();
        await assert.rejects(store.ping());
      });
    });
  });
}
