import type { Measurement, NewMeasurement } from '../core/measurement';
import type { MeasurementStore } from '../core/ports/measurement-store';

/** The contract the demo rows belong to (goals/contracts/…). */
export const DEMO_CONTRACT_ID = 'kkr-syddanmark-sydjylland-2021';

export const DEMO_RECORDED_BY = 'demo-seed';

/** seedDemo found demo rows already; seeding twice would double every demo value. */
export class DemoAlreadySeededError extends Error {
  readonly code = 'DEMO_ALREADY_SEEDED';
  constructor(
    readonly contractId: string,
    readonly existingRows: number,
  ) {
    super(
      `Kontrakten ${contractId} har allerede ${existingRows} demomålinger; intet er tilføjet. ` +
        'Målinger kan ikke slettes: slet demodatabasen (data/demo.sqlite) eller vælg en anden DEMO_DATABASE_URL for at lave den igen.',
    );
    this.name = 'DemoAlreadySeededError';
  }
}

type DemoRow = Pick<NewMeasurement, 'kpiId' | 'value' | 'done' | 'segment' | 'period' | 'measuredOn' | 'note'> & {
  /** Who would have produced the real value; "(demodata)" is appended. */
  source: string;
};

const survey = 'Erhvervsstyrelsen (spørgeskemaundersøgelse)';
const userEvaluation = 'Erhvervsstyrelsen (brugerevaluering)';
const house = 'Erhvervshus Sydjylland';

/**
 * Plausible, invented values for a demo: some KPIs on target, some below, two milestones
 * still open and one that moves from not done to done. In insertion order.
 */
const DEMO_ROWS: readonly DemoRow[] = [
  { kpiId: '1a', value: 35, done: null, segment: null, period: 'efterår 2021', measuredOn: '2021-09-30', source: survey, note: null },
  { kpiId: '1c', value: 54, done: null, segment: null, period: '2021', measuredOn: '2021-12-31', source: 'CRM', note: 'Andel nye vejledte virksomheder i forhold til 2020' },
  { kpiId: '3a', value: 82, done: null, segment: 'drift', period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '3a', value: 78, done: null, segment: 'vækst', period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '3b', value: 72, done: null, segment: 'drift', period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '3b', value: 66, done: null, segment: 'vækst', period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '4a', value: 47, done: null, segment: null, period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '5b', value: 77.5, done: null, segment: null, period: '2021', measuredOn: '2021-10-15', source: survey, note: null },
  { kpiId: '6a', value: null, done: true, segment: null, period: '2021', measuredOn: '2021-11-15', source: 'KL og Erhvervsstyrelsen', note: 'Fælles dialogværktøj om grøn omstilling taget i brug' },
  { kpiId: '6b', value: 70, done: null, segment: null, period: 'efterår 2021', measuredOn: '2021-09-30', source: survey, note: null },
  { kpiId: '7a', value: 66, done: null, segment: null, period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '8a', value: 68, done: null, segment: null, period: '2021', measuredOn: '2021-11-30', source: userEvaluation, note: null },
  { kpiId: '9a', value: 3, done: null, segment: null, period: '2021', measuredOn: '2021-04-01', source: house, note: 'Tre selvstyrende teams etableret: grøn omstilling, eksport og digitalisering' },
  { kpiId: '9b', value: null, done: true, segment: null, period: '2021', measuredOn: '2021-03-15', source: house, note: 'Koordinator for kompetent arbejdskraft udpeget' },
  { kpiId: '9c', value: null, done: false, segment: null, period: '2021', measuredOn: '2021-06-30', source: house, note: 'Uddannelse i designtænkning planlagt; første hold i gang' },
  { kpiId: '9c', value: null, done: true, segment: null, period: '2021', measuredOn: '2021-12-10', source: house, note: 'Alle medarbejdere har gennemført uddannelsen i designtænkning' },
  { kpiId: '10a', value: null, done: false, segment: null, period: '2021', measuredOn: '2021-10-31', source: house, note: 'Aftaler indgået med en del af klyngerne; resten er under forhandling' },
];

/**
 * Appends the demo rows to `contractId` (demo: true, recordedBy "demo-seed", source ending
 * "(demodata)"). Refuses with DemoAlreadySeededError when the contract already has demo rows.
 * Returns the stored rows.
 */
export async function seedDemo(store: MeasurementStore, contractId: string = DEMO_CONTRACT_ID): Promise<Measurement[]> {
  const existing = (await store.listMeasurements(contractId)).filter((m) => m.demo);
  if (existing.length > 0) throw new DemoAlreadySeededError(contractId, existing.length);
  const inserted: Measurement[] = [];
  // One at a time, so ids follow the list order (9c's "not done" row stays older than "done").
  for (const row of DEMO_ROWS) {
    inserted.push(
      await store.appendMeasurement({
        ...row,
        contractId,
        source: `${row.source} (demodata)`,
        recordedBy: DEMO_RECORDED_BY,
        demo: true,
      }),
    );
  }
  return inserted;
}
