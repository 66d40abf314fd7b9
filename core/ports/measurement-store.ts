import type { Measurement, NewMeasurement } from '../measurement';

/** What the first screen of a goal's history needs (MeasurementStore.historyFirstPage). */
export interface HistoryFirstPage {
  /** Per KPI and segment arm the newest rows and the newest rows with a value (see historyFirstPage), by id. */
  rows: Measurement[];
  /** Per KPI and segment arm (null = none) that has rows: how many rows no correction superseded. */
  seriesRows: Array<{ kpiId: string; segment: string | null; rows: number }>;
  /** Corrections stored for these KPIs (each supersedes one row). */
  corrections: number;
}

/** One KPI as the status rules read it (core/status-rules.ts R1): its evaluation window and what makes a row usable. */
export interface StatusKpiQuery {
  kpiId: string;
  /** The KPI's window, YYYY-MM-DD: a row counts when its period (R0) lies inside. */
  window: { from: string; to: string };
  /** Milestones and duties need `done` set; the others a value. */
  usable: 'value' | 'done';
  /**
   * The KPI's baselines as R1 matches a row outside the window to one: its period lies inside `from`–`to`
   * (the baseline's period, YYYY-MM-DD) or it was measured on `measuredOn`. In the contract's order.
   */
  baselines: ReadonlyArray<{ from: string; to: string; measuredOn: string }>;
}

/**
 * What MeasurementStore.statusRows hands back: the rows, and per KPI asked how many rows outside its
 * window that match none of its baselines were counted but not returned (only the newest such row is).
 */
export interface StatusRows {
  /** Sorted by id; may be shared with later calls (a cache): do not change it. */
  rows: readonly Measurement[];
  /** KPI id → rows left out (see above); a KPI with none left out may be missing. */
  outsideLeftOut: Readonly<Record<string, number>>;
}

/** The confirmation's status read that MeasurementStore.appendSubmission does with the write. */
export interface SubmissionStatusQuery {
  contractId: string;
  kpis: readonly StatusKpiQuery[];
  measuredOnOrBefore: string;
}

/** What MeasurementStore.appendSubmission hands back. */
export interface SubmissionResult {
  /** The stored row, or for a replay (the submission id was stored before) the row stored then. */
  row: Measurement;
  replayed: boolean;
  /** statusRows for the asked KPIs as the store stood at `row` (idAtMost = row.id), read in the same transaction. */
  statusRows: StatusRows;
}

/**
 * Persistence for measurements, behind a small async interface so the domain never
 * knows whether SQLite (the embedded default) or PostgreSQL (several instances) is below.
 * Implementations: store/sqlite-store.ts, store/postgres-store.ts; chosen and opened by store/open-database.ts.
 */
export interface MeasurementStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; safe to call on every start and from several instances. */
  migrate(): Promise<void>;
  /**
   * Appends one row and returns it with id, recordedAt and the previous* audit fields set, in one
   * transaction. Idempotent on `submissionId`: when a row with that id exists, nothing is written
   * and that row is returned (also for two identical submissions racing). With `supersedesId` the
   * row is a correction: the named row must exist in the same contract, KPI and segment and not be
   * corrected yet, else CorrectionConflictError (core/ports/correction-conflict-error.ts).
   */
  appendMeasurement(m: NewMeasurement): Promise<Measurement>;
  /**
   * A form submission: appendMeasurement's rules and then statusRows(status.contractId, status.kpis,
   * { measuredOnOrBefore, idAtMost: row.id }) for the confirmation card, all in ONE transaction — on
   * PostgreSQL one commit per submission, replays included; on SQLite one lock and no cache entry.
   */
  appendSubmission(m: NewMeasurement, status: SubmissionStatusQuery): Promise<SubmissionResult>;
  /** Appends several rows with the rules of appendMeasurement in ONE transaction: all or none (imports). */
  appendMeasurements(ms: readonly NewMeasurement[]): Promise<Measurement[]>;
  /** One row of a contract by id, or undefined. */
  measurementById(contractId: string, id: number): Promise<Measurement | undefined>;
  /**
   * The newest version of a row of a contract: the row itself when no correction superseded it, else
   * the end of its chain of corrections; undefined when there is no such row. One recursive query on
   * the unique index on supersedes_id: the cost is the chain, not the series.
   */
  newestVersionOf(contractId: string, id: number): Promise<Measurement | undefined>;
  /** The row a submission stored, or undefined (submission ids are unique across contracts). */
  measurementBySubmission(submissionId: string): Promise<Measurement | undefined>;
  /** All rows of a contract (optionally only some KPIs), oldest first (by id). */
  listMeasurements(contractId: string, kpiIds?: readonly string[]): Promise<Measurement[]>;
  /**
   * The newest row per (KPI, segment) of a contract: greatest measuredOn, ties broken by greatest id,
   * among the rows no correction has superseded.
   * This is what status and cards need on every question, so implementations answer it in one query.
   */
  latestMeasurements(contractId: string): Promise<Measurement[]>;
  /**
   * One KPI as the store stood right after row `idAtMost` was written, as far as status needs it:
   * per segment, the newest row (greatest measuredOn ≤ `measuredOnOrBefore`, then greatest id) among
   * the rows with id ≤ `idAtMost` that carry a value or a done flag and that no correction with
   * id ≤ `idAtMost` superseded. A confirmation shows the status "as of" its row with this, so a replay
   * gets the same card however many rows came later; one indexed query, whatever the history's length.
   */
  latestMeasurementsAsOf(contractId: string, kpiId: string, asOf: { idAtMost: number; measuredOnOrBefore: string }): Promise<Measurement[]>;
  /**
   * One page of a series' history ("Vis ældre"): the rows of one KPI and segment (null = none) that
   * no correction superseded, newest first (measuredOn, then id), strictly older than `before` when
   * given, at most `limit`. Keyset paging on measurements_latest_idx: the cost is the page, not the
   * history's length, on SQLite and PostgreSQL alike.
   */
  listSeriesPage(contractId: string, kpiId: string, segment: string | null, before: { measuredOn: string; id: number } | null, limit: number): Promise<Measurement[]>;
  /**
   * Exactly the rows the status rules and cards need for some KPIs on one day, and no more: per KPI
   * and per segment (none, drift, vækst) the newest row that counts (measuredOn, then id; usable, its
   * period inside the window); of the rows whose period lies outside the window, per baseline the
   * newest that matches it (R1), the newest that matches none, and how many more match none
   * (`outsideLeftOut`: the card says "N målinger"). Only rows measured on or before
   * `measuredOnOrBefore`, with id ≤ `idAtMost` (default: all) and not superseded by a correction with
   * id ≤ `idAtMost`. Index walks and one count over the period indexes per KPI: no row outside a
   * window is read beyond those few. The result may be shared with later calls (a cache): do not change it.
   */
  statusRows(contractId: string, kpis: readonly StatusKpiQuery[], asOf: { measuredOnOrBefore: string; idAtMost?: number }): Promise<StatusRows>;
  /**
   * The first screen of a goal's history: per KPI and per segment (none, drift, vækst) the newest
   * `limits.rows` rows and the newest `limits.withValue` rows with a value, among the rows no
   * correction superseded (measuredOn, then id), how many such rows each series has, and how many
   * corrections the KPIs have. Index walks and counts over the index: not every row read.
   */
  historyFirstPage(contractId: string, kpiIds: readonly string[], limits: { rows: number; withValue: number }): Promise<HistoryFirstPage>;
  /** Migration versions applied, ascending; readiness checks compare it with the known list. */
  appliedMigrations(): Promise<number[]>;
  /** Cheap round trip to the database. */
  ping(): Promise<void>;
  /** Readiness: rejects when a write would fail or not be durable now (nothing is left written). */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}
