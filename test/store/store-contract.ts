import assert from 'node:assert/strict';
import type { Measurement, NewMeasurement, StoreSetMeasurementFields } from '../../core/measurement';
import { CorrectionConflictError, type CorrectionProblem } from '../../core/ports/correction-conflict-error';
import type { MeasurementStore } from '../../core/ports/measurement-store';
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
    submissionId: null,
    supersedesId: null,
    conversationId: null,
    recordedByName: null,
    recordedByUpn: null,
    evidence: null,
    ...overrides,
  };
}

/** The fields a caller gave, to compare with what came back. */
function withoutStoreFields(m: Measurement): Omit<Measurement, StoreSetMeasurementFields> {
  const { id: _id, recordedAt: _recordedAt, previousId: _pid, previousValue: _pv, previousDone: _pd, ...rest } = m;
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

    describe('audit, idempotency and corrections (forms)', function () {
      const isConflict = (problem: CorrectionProblem) => (err: unknown) => err instanceof CorrectionConflictError && err.problem === problem;

      it('keeps every audit field and sets previous* from the row that counted before', async function () {
        const first = await store.appendMeasurement(newMeasurement({ value: 33, measuredOn: '2021-06-30' }));
        assert.deepEqual([first.previousId, first.previousValue, first.previousDone], [null, null, null]);
        const input = newMeasurement({
          value: 35,
          submissionId: '6d1f7a3e-8c1b-4e5f-9a2b-3c4d5e6f7a8b',
          conversationId: '19:abc@thread.tacv2',
          recordedBy: '6f2b2c9e-2f60-4b7e-9d47-0a3f5c1e9b11',
          recordedByName: 'Søren Ærbødig',
          recordedByUpn: 'soeren@erhvervshus.dk',
          note: 'Kommentar',
        });
        const second = await store.appendMeasurement(input);
        assert.deepEqual(withoutStoreFields(second), input);
        assert.deepEqual([second.previousId, second.previousValue, second.previousDone], [first.id, 33, null]);
        assert.deepEqual(await store.listMeasurements(CONTRACT), [first, second]);
        // Another segment and another KPI are other series: nothing before them.
        const drift = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 80 }));
        const vaekst = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 70 }));
        assert.equal(drift.previousId, null);
        assert.equal(vaekst.previousId, null);
        const drift2 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 81 }));
        assert.deepEqual([drift2.previousId, drift2.previousValue], [drift.id, 80]);
        // Milestones carry done and evidence.
        const m1 = await store.appendMeasurement(newMeasurement({ kpiId: '9c', value: null, done: false, evidence: 'Plan' }));
        const m2 = await store.appendMeasurement(newMeasurement({ kpiId: '9c', value: null, done: true, evidence: 'Kursusbeviser' }));
        assert.deepEqual([m2.previousId, m2.previousValue, m2.previousDone, m2.evidence], [m1.id, null, false, 'Kursusbeviser']);
      });

      it('previous* follows the status order (newest measuredOn, then id), not insertion order', async function () {
        const newer = await store.appendMeasurement(newMeasurement({ value: 36, measuredOn: '2021-11-30' }));
        await store.appendMeasurement(newMeasurement({ value: 30, measuredOn: '2021-01-31' }));
        const third = await store.appendMeasurement(newMeasurement({ value: 37, measuredOn: '2021-11-30' }));
        assert.equal(third.previousId, newer.id);
      });

      it('stores a submission once: a replay returns the stored row and writes nothing, even with other content', async function () {
        const submissionId = 'a6f0c1d2-1111-4e5f-9a2b-3c4d5e6f7a8b';
        const stored = await store.appendMeasurement(newMeasurement({ value: 35, submissionId }));
        const replay = await store.appendMeasurement(newMeasurement({ value: 35, submissionId }));
        const stale = await store.appendMeasurement(newMeasurement({ value: 99, note: 'ændret', submissionId }));
        assert.deepEqual(replay, stored);
        assert.deepEqual(stale, stored);
        assert.deepEqual(await store.listMeasurements(CONTRACT), [stored]);
        assert.deepEqual(await store.measurementBySubmission(submissionId), stored);
        assert.equal(await store.measurementBySubmission('ukendt'), undefined);
      });

      it('stores one row when 12 identical submissions race', async function () {
        const submissionId = 'b7e1d2c3-2222-4e5f-9a2b-3c4d5e6f7a8b';
        const results = await Promise.all(
          Array.from({ length: 12 }, () => store.appendMeasurement(newMeasurement({ value: 41, submissionId }))),
        );
        const listed = await store.listMeasurements(CONTRACT);
        assert.equal(listed.length, 1);
        for (const r of results) assert.deepEqual(r, listed[0]);
      });

      it('orders 20 concurrent submissions to one series: each row\'s previous is the row stored just before it', async function () {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 40 + i, submissionId: `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}` })),
          ),
        );
        const listed = await store.listMeasurements(CONTRACT);
        assert.equal(listed.length, 20);
        assert.equal(new Set(results.map((r) => r.id)).size, 20);
        assert.equal(listed[0]!.previousId, null);
        for (let i = 1; i < listed.length; i++) {
          assert.equal(listed[i]!.previousId, listed[i - 1]!.id, `row ${i}`);
          assert.equal(listed[i]!.previousValue, listed[i - 1]!.value, `row ${i}`);
        }
      });

      it('a correction supersedes its row: latest uses it (even with an older date), list keeps both', async function () {
        const wrong = await store.appendMeasurement(newMeasurement({ value: 53, measuredOn: '2021-09-30' }));
        assert.deepEqual(await store.latestMeasurements(CONTRACT), [wrong]);
        const fixed = await store.appendMeasurement(
          newMeasurement({ value: 35, measuredOn: '2021-09-29', supersedesId: wrong.id, note: 'Tastefejl: 53 → 35' }),
        );
        assert.equal(fixed.supersedesId, wrong.id);
        assert.deepEqual([fixed.previousId, fixed.previousValue], [wrong.id, 53], 'previous of a correction is the corrected row');
        assert.deepEqual(await store.latestMeasurements(CONTRACT), [fixed]);
        assert.deepEqual(await store.listMeasurements(CONTRACT), [wrong, fixed], 'nothing is deleted or changed');
        // A later ordinary row's previous is the correction, not the superseded row.
        const next = await store.appendMeasurement(newMeasurement({ value: 36, measuredOn: '2021-09-29' }));
        assert.equal(next.previousId, fixed.id);
      });

      it('corrections form a chain: a row is corrected once; correcting the correction works', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 10 }));
        const b = await store.appendMeasurement(newMeasurement({ value: 11, supersedesId: a.id }));
        await assert.rejects(store.appendMeasurement(newMeasurement({ value: 12, supersedesId: a.id })), (err: unknown) => {
          return isConflict('already-corrected')(err) && (err as CorrectionConflictError).correctedById === b.id;
        });
        const c = await store.appendMeasurement(newMeasurement({ value: 12, supersedesId: b.id }));
        assert.deepEqual(await store.latestMeasurements(CONTRACT), [c]);
        assert.equal((await store.listMeasurements(CONTRACT)).length, 3);
      });

      it('newestVersionOf follows the chain of corrections to its end; unknown ids and other contracts give undefined', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 10 }));
        const lone = await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 5 }));
        const b = await store.appendMeasurement(newMeasurement({ value: 11, supersedesId: a.id }));
        const c = await store.appendMeasurement(newMeasurement({ value: 12, supersedesId: b.id }));
        assert.deepEqual(await store.newestVersionOf(CONTRACT, a.id), c);
        assert.deepEqual(await store.newestVersionOf(CONTRACT, b.id), c);
        assert.deepEqual(await store.newestVersionOf(CONTRACT, c.id), c);
        assert.deepEqual(await store.newestVersionOf(CONTRACT, lone.id), lone);
        assert.equal(await store.newestVersionOf('kkr-anden-2021', a.id), undefined);
        assert.equal(await store.newestVersionOf(CONTRACT, c.id + 1000), undefined);
        assert.equal(await store.newestVersionOf(CONTRACT, Number.MAX_SAFE_INTEGER + 2), undefined);
      });

      it('appendSubmission stores the row and reads the status rows as of it in the same call; a replay stores nothing', async function () {
        const kpis = [{ kpiId: '4a', window: { from: '2021-01-01', to: '2021-12-31' }, usable: 'value' as const, baselines: [] }];
        const status = { contractId: CONTRACT, kpis, measuredOnOrBefore: '2021-12-31' };
        const first = await store.appendSubmission(newMeasurement({ kpiId: '4a', value: 40, period: '2021', submissionId: 'd0000000-0000-4000-8000-000000000001' }), status);
        assert.equal(first.replayed, false);
        assert.deepEqual(first.statusRows, { rows: [first.row], outsideLeftOut: {} });
        const second = await store.appendSubmission(newMeasurement({ kpiId: '4a', value: 41, period: '2021', submissionId: 'd0000000-0000-4000-8000-000000000002' }), status);
        assert.deepEqual([second.row.previousId, second.row.previousValue], [first.row.id, 40]);
        assert.deepEqual(second.statusRows, { rows: [second.row], outsideLeftOut: {} });
        const again = await store.appendSubmission(newMeasurement({ kpiId: '4a', value: 99, period: '2021', submissionId: 'd0000000-0000-4000-8000-000000000001' }), status);
        assert.equal(again.replayed, true);
        assert.deepEqual(again.row, first.row);
        assert.deepEqual(again.statusRows, { rows: [first.row], outsideLeftOut: {} }, 'as the store stood at the replayed row');
        assert.equal((await store.listMeasurements(CONTRACT)).length, 2);
        assert.deepEqual(await store.statusRows(CONTRACT, kpis, { measuredOnOrBefore: '2021-12-31' }), { rows: [second.row], outsideLeftOut: {} });
      });

      it('statusRows: of the rows outside the window the newest per baseline and the newest other one, the other others counted; corrections and later rows left out', async function () {
        const september2020 = { from: '2020-09-01', to: '2020-09-30', measuredOn: '2020-09-30' };
        const kpis = [{ kpiId: '1a', window: { from: '2021-01-01', to: '2021-12-31' }, usable: 'value' as const, baselines: [september2020, { from: '2020-10-01', to: '2020-10-31', measuredOn: '2020-10-05' }] }];
        const add = (period: string, measuredOn: string, supersedesId: number | null = null) => store.appendMeasurement(newMeasurement({ kpiId: '1a', value: 50, period, measuredOn, supersedesId }));
        const baselineOld = await add('sep. 2020', '2020-09-30');
        const baselineBoth = await add('sep. 2020', '2020-10-05'); // matches the first by its period, the second by its day
        const baselineSecond = await add('2020', '2020-10-05'); // matches only the second (its day); newer than baselineBoth by id
        await add('2019', '2019-12-31');
        await add('2022', '2021-06-01'); // ends after the window
        const sameDayLater = await add('2019', '2021-06-01');
        const counts = await add('2021', '2021-05-01');
        const tooLate = await add('2018', '2022-01-05');
        const asOfTooLate = await store.statusRows(CONTRACT, kpis, { measuredOnOrBefore: '2021-12-31', idAtMost: tooLate.id });
        assert.deepEqual(asOfTooLate, { rows: [baselineBoth, baselineSecond, sameDayLater, counts], outsideLeftOut: { '1a': 2 } }, 'the older baseline row and two other periods only counted');
        const correction = await add('2019', '2021-06-01', sameDayLater.id);
        const now = await store.statusRows(CONTRACT, kpis, { measuredOnOrBefore: '2021-12-31' });
        assert.deepEqual(now, { rows: [baselineBoth, baselineSecond, counts, correction], outsideLeftOut: { '1a': 2 } }, 'the corrected row neither shown nor counted');
        assert.deepEqual(await store.statusRows(CONTRACT, kpis, { measuredOnOrBefore: '2022-12-31' }), { rows: [baselineBoth, baselineSecond, counts, tooLate], outsideLeftOut: { '1a': 3 } });
        assert.deepEqual(await store.statusRows(CONTRACT, [{ ...kpis[0]!, baselines: [september2020] }], { measuredOnOrBefore: '2021-12-31' }), { rows: [baselineBoth, counts, correction], outsideLeftOut: { '1a': 3 } }, 'with one baseline the 2020 row is another period');
        assert.deepEqual(await store.statusRows(CONTRACT, kpis, { measuredOnOrBefore: '2021-12-31', idAtMost: baselineOld.id }), { rows: [baselineOld], outsideLeftOut: {} });
      });

      it('refuses a correction of an unknown row, another contract\'s row or another KPI/segment, storing nothing', async function () {
        const a = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 80 }));
        const other = await store.appendMeasurement(newMeasurement({ contractId: 'kkr-anden-2021', value: 1 }));
        await assert.rejects(store.appendMeasurement(newMeasurement({ supersedesId: a.id + 1000 })), isConflict('unknown-row'));
        await assert.rejects(store.appendMeasurement(newMeasurement({ supersedesId: other.id })), isConflict('unknown-row'));
        await assert.rejects(store.appendMeasurement(newMeasurement({ kpiId: '3b', segment: 'drift', supersedesId: a.id })), isConflict('other-series'));
        await assert.rejects(store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', supersedesId: a.id })), isConflict('other-series'));
        assert.deepEqual(await store.listMeasurements(CONTRACT), [a]);
      });

      it('two corrections of one row racing: exactly one wins, the other is refused', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 10 }));
        const outcomes = await Promise.allSettled(
          [20, 30].map((value) => store.appendMeasurement(newMeasurement({ value, supersedesId: a.id }))),
        );
        assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
        const refused = outcomes.find((o) => o.status === 'rejected');
        assert.ok(refused && isConflict('already-corrected')(refused.reason), String(refused && refused.reason));
        assert.equal((await store.listMeasurements(CONTRACT)).length, 2);
      });

      it('a replayed correction returns its row instead of "already corrected"', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 10 }));
        const submissionId = 'd1d1d1d1-3333-4e5f-9a2b-3c4d5e6f7a8b';
        const fix = await store.appendMeasurement(newMeasurement({ value: 11, supersedesId: a.id, submissionId }));
        assert.deepEqual(await store.appendMeasurement(newMeasurement({ value: 11, supersedesId: a.id, submissionId })), fix);
        assert.equal((await store.listMeasurements(CONTRACT)).length, 2);
      });

      it('measurementById finds a row of its own contract only', async function () {
        const a = await store.appendMeasurement(newMeasurement());
        assert.deepEqual(await store.measurementById(CONTRACT, a.id), a);
        assert.equal(await store.measurementById('kkr-anden-2021', a.id), undefined);
        assert.equal(await store.measurementById(CONTRACT, a.id + 1), undefined);
      });

      it('appendMeasurements stores a batch in order, previous* chained within it', async function () {
        const rows = await store.appendMeasurements([
          newMeasurement({ value: 30, submissionId: 'import:abc:2' }),
          newMeasurement({ kpiId: '3a', segment: 'drift', value: 80 }),
          newMeasurement({ value: 31, submissionId: 'import:abc:4' }),
        ]);
        assert.deepEqual(rows.map((r) => r.value), [30, 80, 31]);
        assert.ok(rows[0]!.id < rows[1]!.id && rows[1]!.id < rows[2]!.id);
        assert.equal(rows[2]!.previousId, rows[0]!.id);
        assert.deepEqual(await store.listMeasurements(CONTRACT), rows);
        assert.deepEqual(await store.appendMeasurements([]), []);
        // Running the same batch again stores nothing new for the rows with submission ids.
        await store.appendMeasurements([newMeasurement({ value: 30, submissionId: 'import:abc:2' })]);
        assert.equal((await store.listMeasurements(CONTRACT)).length, 3);
      });

      it('appendMeasurements is all or nothing: an invalid row or a refused correction stores none of the batch', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 1 }));
        await assert.rejects(
          store.appendMeasurements([newMeasurement({ value: 2 }), newMeasurement({ value: 3, measuredOn: '2021-02-30' })]),
          InvalidMeasurementError,
        );
        await assert.rejects(
          store.appendMeasurements([newMeasurement({ value: 2 }), newMeasurement({ value: 3, supersedesId: a.id + 99 })]),
          isConflict('unknown-row'),
        );
        assert.deepEqual(await store.listMeasurements(CONTRACT), [a]);
        assert.deepEqual(await store.latestMeasurements(CONTRACT), [a]);
      });

      it('latestMeasurementsAsOf: per segment the row status could pick, as the store stood at a row id', async function () {
        const d1 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 80, measuredOn: '2021-03-31' }));
        const d2 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 82, measuredOn: '2021-09-30' }));
        const v1 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 70, measuredOn: '2021-09-30' }));
        const future = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 90, measuredOn: '2021-12-31' }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3b', segment: 'drift', value: 60 }));
        await store.appendMeasurement(newMeasurement({ contractId: 'kkr-anden-2021', kpiId: '3a', segment: 'drift', value: 1 }));
        const fixD2 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 83, measuredOn: '2021-09-29', supersedesId: d2.id }));
        const d3 = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 84, measuredOn: '2021-10-01' }));
        const ids = async (idAtMost: number, measuredOnOrBefore = '2021-10-15') =>
          (await store.latestMeasurementsAsOf(CONTRACT, '3a', { idAtMost, measuredOnOrBefore })).map((m) => m.id);
        assert.deepEqual(await ids(d1.id), [d1.id]);
        assert.deepEqual(await ids(v1.id), [d2.id, v1.id]);
        assert.deepEqual(await ids(future.id), [d2.id, v1.id], 'a row measured after the date does not count');
        assert.deepEqual(await ids(future.id, '2021-12-31'), [d2.id, future.id]);
        assert.deepEqual(await ids(fixD2.id), [v1.id, fixD2.id], 'the correction stands in for the row it supersedes');
        assert.deepEqual(await ids(fixD2.id - 1), [d2.id, v1.id], 'before the correction, the old row counted');
        assert.deepEqual(await ids(d3.id), [v1.id, d3.id]);
        assert.deepEqual(await store.latestMeasurementsAsOf(CONTRACT, '9z', { idAtMost: d3.id, measuredOnOrBefore: '2021-12-31' }), []);
        const [row] = await store.latestMeasurementsAsOf(CONTRACT, '3a', { idAtMost: d1.id, measuredOnOrBefore: '2021-12-31' });
        assert.deepEqual(row, d1, 'whole rows');
      });

      it('listSeriesPage pages one series newest first (keyset), leaving out superseded rows, other series and contracts', async function () {
        const dates = ['2021-03-31', '2021-09-30', '2021-06-30', '2021-09-30', '2021-01-15', '2021-12-01', '2021-06-30'];
        const drift: Measurement[] = [];
        for (const [i, measuredOn] of dates.entries()) drift.push(await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 70 + i, measuredOn })));
        await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'vækst', value: 1 }));
        await store.appendMeasurement(newMeasurement({ kpiId: '3b', segment: 'drift', value: 1 }));
        await store.appendMeasurement(newMeasurement({ contractId: 'kkr-anden-2021', kpiId: '3a', segment: 'drift', value: 1 }));
        const fix = await store.appendMeasurement(newMeasurement({ kpiId: '3a', segment: 'drift', value: 99, measuredOn: '2021-06-30', supersedesId: drift[2]!.id }));
        const expected = [...drift.filter((m) => m.id !== drift[2]!.id), fix]
          .sort((a, b) => (a.measuredOn !== b.measuredOn ? (a.measuredOn < b.measuredOn ? 1 : -1) : b.id - a.id))
          .map((m) => m.id);
        const paged: number[] = [];
        let before: { measuredOn: string; id: number } | null = null;
        for (let guard = 0; guard < 10; guard++) {
          const page = await store.listSeriesPage(CONTRACT, '3a', 'drift', before, 3);
          paged.push(...page.map((m) => m.id));
          if (page.length < 3) break;
          const last = page.at(-1)!;
          before = { measuredOn: last.measuredOn, id: last.id };
        }
        assert.deepEqual(paged, expected);
        const [newest] = await store.listSeriesPage(CONTRACT, '3a', 'drift', null, 1);
        assert.deepEqual(newest, await store.measurementById(CONTRACT, expected[0]!), 'whole rows');
        const plain = await store.appendMeasurement(newMeasurement({ kpiId: '4a', value: 40 }));
        assert.deepEqual((await store.listSeriesPage(CONTRACT, '4a', null, null, 10)).map((m) => m.id), [plain.id], 'no segment is a series too');
        assert.deepEqual(await store.listSeriesPage(CONTRACT, '3a', 'drift', null, 0), []);
      });

      it('latestMeasurementsAsOf skips rows with neither a value nor a done flag, and treats no segment as one series', async function () {
        const a = await store.appendMeasurement(newMeasurement({ value: 30, measuredOn: '2021-06-30' }));
        const empty = await store.appendMeasurement(newMeasurement({ value: null, done: null, measuredOn: '2021-09-30' }));
        assert.deepEqual(
          (await store.latestMeasurementsAsOf(CONTRACT, '1a', { idAtMost: empty.id, measuredOnOrBefore: '2021-12-31' })).map((m) => m.id),
          [a.id],
        );
      });

      const badAudit: Array<[string, Partial<NewMeasurement>, keyof NewMeasurement]> = [
        ['an empty submissionId', { submissionId: ' ' }, 'submissionId'],
        ['a 201-character submissionId', { submissionId: 'x'.repeat(201) }, 'submissionId'],
        ['a fractional supersedesId', { supersedesId: 1.5 }, 'supersedesId'],
        ['a negative supersedesId', { supersedesId: -1 }, 'supersedesId'],
      ];
      for (const [label, overrides, field] of badAudit) {
        it(`refuses ${label} and stores nothing`, async function () {
          await assert.rejects(
            store.appendMeasurement(newMeasurement(overrides)),
            (err: unknown) => err instanceof InvalidMeasurementError && err.field === field,
          );
          assert.deepEqual(await store.listMeasurements(CONTRACT), []);
        });
      }
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
