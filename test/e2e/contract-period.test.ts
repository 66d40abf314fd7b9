import assert from 'node:assert/strict';
import path from 'node:path';
import { startRunningApp, cardOf, cardText, type RunningApp } from '../helpers/running-app';
import { teamsMessage } from '../helpers/teams-activity';
import { assertSendableCard } from '../helpers/adaptive-card-schema';
import { describeOnEveryDatabase, type TestDatabaseFactory } from '../helpers/test-databases';
import { importMeasurementsCsv } from '../../features/measurements/import/import-measurements';
import { contractBook } from '../../goals/contract-book';
import { defaultContractPath, projectRoot } from '../../goals/default-contract';
import { loadContract } from '../../goals/load-contract';
import type { NewMeasurement } from '../../core/measurement';

/**
 * An honest status bound to the contract's period (issue "Contract years"), end to end: rows go in
 * the way staff put them in (the README's CSV import, or the store for rows an earlier version
 * kept), then a director asks over real HTTP. The same suite runs on SQLite and PostgreSQL.
 */

const README_CSV = [
  'kpi;segment;værdi;gennemført;periode;målt_dato;kilde;dokumentation;kommentar',
  '1a;;32;;september 2020;30-09-2020;Erhvervsstyrelsen-undersøgelse;;Baseline for Sydjylland',
  '3a;drift;81,5;;2020;31-12-2020;brugerevaluering;;',
  '9b;;;ja;2021;15-03-2021;Erhvervshusets egen dokumentation;Udpeget på direktørmødet;',
].join('\n');

const DEC_2026 = () => new Date('2026-12-02T10:00:00Z');
const DEC_1_2021 = () => new Date('2021-12-01T10:00:00Z');

function describeContractPeriod(label: string, makeDatabase: TestDatabaseFactory): void {
  describe(`contract years and an honest status end to end (${label})`, function () {
    this.timeout(30_000);
    const opened: Array<{ running: RunningApp; cleanup(): Promise<void> }> = [];

    async function start(clock: () => Date, extra: { contracts?: ReturnType<typeof contractBook> } = {}): Promise<RunningApp> {
      const made = await makeDatabase();
      const running = await startRunningApp({ database: made.database, clock, ...extra });
      opened.push({ running, cleanup: made.cleanup });
      return running;
    }

    afterEach(async function () {
      for (const o of opened.splice(0)) {
        await o.running.close();
        await o.cleanup();
      }
    });

    async function ask(running: RunningApp, text: string): Promise<string> {
      running.connector.reset();
      const res = await running.postActivity(teamsMessage({ text, serviceUrl: running.connector.serviceUrl, kind: 'personal', mention: false }));
      assert.equal(res.status, 200, res.body);
      await running.connector.waitForCalls(1);
      const body = running.connector.calls[0]!.body as Record<string, unknown>;
      if (typeof body.text === 'string' && body.attachments === undefined) return body.text;
      const card = cardOf(body);
      assertSendableCard(card);
      return cardText(card);
    }

    async function importReadmeCsv(running: RunningApp, today: string): Promise<void> {
      const result = await importMeasurementsCsv(README_CSV, { contract: running.contract, contracts: contractBook([running.contract]), store: running.store, today, fileName: 'readme.csv' });
      assert.equal(result.ok, true, JSON.stringify(result.problems));
    }

    const row = (running: RunningApp, r: Partial<NewMeasurement> & Pick<NewMeasurement, 'kpiId' | 'period' | 'measuredOn'>): NewMeasurement => ({
      contractId: running.contract.id, value: null, done: null, segment: null, note: null, recordedBy: 'test', demo: false, source: 'Erhvervsstyrelsen (brugerevaluering)', ...r,
    });

    it("the README's September 2020 row is the baseline, not a 2021 result; the card says the period ended and the account is final", async function () {
      const running = await start(DEC_2026);
      await importReadmeCsv(running, '2026-12-02');
      const text = await ask(running, 'status mål 1');
      assert.doesNotMatch(text, /Seneste måling 32 %/);
      assert.doesNotMatch(text, /Samlet status: Ikke opfyldt/);
      assert.match(text, /Kontraktperioden sluttede 31\. december 2021 – dette er den endelige opgørelse\./);
      assert.match(text, /32 % i september 2020 \(Sydjylland\) – registreret baselinemåling 32 % stemmer/);
      assert.match(text, /Ingen måling registreret for efteråret 2021/);
    });

    it("the README's 2020 row for 3a drift does not make 2021 opfyldt", async function () {
      const running = await start(DEC_2026);
      await importReadmeCsv(running, '2026-12-02');
      const text = await ask(running, 'status mål 3');
      assert.doesNotMatch(text, /Drift: Opfyldt/);
      assert.match(text, /81,5 % – 2020, målt 31\. december 2020 – uden for målets periode, tæller ikke/);
    });

    it('a 4a row from June 2026 is refused by the import, and one already stored never decides the 2021 verdict', async function () {
      const running = await start(DEC_2026);
      const refused = await importMeasurementsCsv(
        'kpi;segment;værdi;gennemført;periode;målt_dato;kilde;dokumentation;kommentar\n4a;;50;;juni 2026;15-06-2026;brugerevaluering;;',
        { contract: running.contract, contracts: contractBook([running.contract]), store: running.store, today: '2026-12-02', fileName: 'late.csv' },
      );
      assert.equal(refused.ok, false);
      assert.match(refused.problems[0]!.message, /^periode: Perioden ligger efter kontraktperioden/);
      await running.store.appendMeasurement(row(running, { kpiId: '4a', value: 50, period: 'juni 2026', measuredOn: '2026-06-15' }));
      const text = await ask(running, 'status mål 4');
      assert.doesNotMatch(text, /Opfyldt/);
      assert.match(text, /Samlet status: Ingen data/);
      assert.match(text, /Uden for perioden\n50 % – juni 2026, målt 15\. juni 2026 – uden for målets periode, tæller ikke/);
    });

    it('Mål 9 with 9a, 9b and 9c met says "Delvist opfyldt – 3 af 4 delmål opfyldt", and the overview counts it so', async function () {
      const running = await start(DEC_2026);
      const house = 'Erhvervshusets egen dokumentation';
      await running.store.appendMeasurement(row(running, { kpiId: '9a', value: 3, period: '2021', measuredOn: '2021-04-01', source: house }));
      await running.store.appendMeasurement(row(running, { kpiId: '9b', done: true, period: '2021', measuredOn: '2021-03-15', source: house }));
      await running.store.appendMeasurement(row(running, { kpiId: '9c', done: true, period: '2021', measuredOn: '2021-12-10', source: house }));
      const text = await ask(running, 'status mål 9');
      assert.match(text, /Samlet status: Delvist opfyldt\n3 af 4 delmål opfyldt; 9d ingen data/);
      const overview = await ask(running, 'oversigt');
      assert.match(overview, /1 delvist opfyldt/);
      assert.match(overview, /Kontraktperioden sluttede 31\. december 2021/);
    });

    it('on 1 December 2021 Mål 1 awaits Erhvervsstyrelsen\'s autumn report instead of "fristen er passeret"', async function () {
      const running = await start(DEC_1_2021);
      const text = await ask(running, 'status mål 1');
      assert.match(text, /Samlet status: Afventer måling/);
      assert.doesNotMatch(text, /frist/i);
      assert.match(text, /Kontraktperiode 1\. januar 2021–31\. december 2021\./);
    });

    it('"status mål 4 pr. 1. oktober 2021" computes the status as it stood then; today\'s differs', async function () {
      const running = await start(DEC_2026);
      await running.store.appendMeasurement(row(running, { kpiId: '4a', value: 40, period: '1. halvår 2021', measuredOn: '2021-09-30' }));
      await running.store.appendMeasurement(row(running, { kpiId: '4a', value: 47, period: '2021', measuredOn: '2021-11-30' }));
      const then = await ask(running, 'status mål 4 pr. 1. oktober 2021');
      assert.match(then, /Status pr\. 1\. oktober 2021/);
      assert.match(then, /Samlet status: I risiko\nSeneste måling 40 %/);
      assert.match(then, /Kontraktperiode 1\. januar 2021–31\. december 2021\./);
      const now = await ask(running, 'status mål 4');
      assert.match(now, /Samlet status: Opfyldt\nSeneste måling 47 %/);
      const future = await ask(running, 'status mål 4 pr. 1. januar 2030');
      assert.match(future, /1\. januar 2030 er ikke kommet endnu/);
    });

    it('"hvad var status ved udgangen af 2021?" is the overview as of 31 December 2021', async function () {
      const running = await start(DEC_2026);
      const text = await ask(running, 'hvad var status ved udgangen af 2021?');
      assert.match(text, /Status pr\. 31\. december 2021/);
    });

    it('"om kontrakten" shows period, signature, responsible, extension and the general reporting duties', async function () {
      const running = await start(DEC_2026);
      const text = await ask(running, 'om kontrakten');
      for (const expected of [
        'januar 2021–31. december 2021',
        'Underskrevet',
        'marts 2021',
        'Direktøren for Erhvervshus Sydjylland',
        'kan forlænges med 1 år ad gangen',
        'løbende og minimum årligt',
        'når KKR Syddanmark i øvrigt anmoder om det',
        'Erhvervshus Sydjylland → KL og Erhvervsstyrelsen (årligt)',
        '13 kommuner',
        'pt. hver 14. dag',
      ]) {
        assert.ok(text.includes(expected), `mangler «${expected}» i:\n${text}`);
      }
    });

    it('with the 2022 extension loaded: 2022 is in force in 2022, and "status mål 1 2021" is the final 2021 account', async function () {
      const c2021 = loadContract(defaultContractPath());
      const c2022 = loadContract(path.join(projectRoot(), 'test', 'fixtures', 'contracts', 'resultatkontrakt-2022-sydjylland-fiktiv.yaml'));
      const running = await start(() => new Date('2022-06-01T10:00:00Z'), { contracts: contractBook([c2021, c2022]) });
      const current = await ask(running, 'status mål 1');
      assert.match(current, /FIKTIV forlængelse 2022/);
      assert.match(current, /Kontraktperiode 1\. januar 2022–31\. december 2022\./);
      const last = await ask(running, 'status mål 1 2021');
      assert.match(last, /Resultatkontrakt 2021 mellem KKR Syddanmark og Erhvervshus Sydjylland/);
      assert.match(last, /Kontraktperioden sluttede 31\. december 2021 – dette er den endelige opgørelse\./);
      const none = await ask(running, 'status mål 1 2019');
      assert.match(none, /Der er ingen resultatkontrakt for 2019\. Jeg kender kontraktåret 2021, 2022\./);
    });
  });
}

describeOnEveryDatabase(describeContractPeriod);
