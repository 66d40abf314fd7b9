import type { Measurement, NewMeasurement } from '../domain/measurement';

/**
 * Persistence for measurements, behind a small async interface so the domain never
 * knows whether SQLite (the embedded default) or PostgreSQL (several instances) is below.
 * Implementations: store/sqlite-store.ts, store/postgres-store.ts; chosen by store/open-store.ts.
 */
export interface MeasurementStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations; safe to call on every start and from several instances. */
  migrate(): Promise<void>;
  /** Appends one row and returns it with id and recordedAt set. */
  appendMeasurement(m: NewMeasurement): Promise<Measurement>;
  /** All rows of a contract (optionally only some KPIs), oldest first (by id). */
  listMeasurements(contractId: string, kpiIds?: readonly string[]): Promise<Measurement[]>;
  /**
   * The newest row per (KPI, segment) of a contract: greatest measuredOn, ties broken by greatest id.
   * This is what status and cards need on every question, so implementations answer it in one query.
   */
  latestMeasurements(contractId: string): Promise<Measurement[]>;
  /** Migration versions applied, ascending; readiness checks compare it with the known list. */
  appliedMigrations(): Promise<number[]>;
  /** Cheap round trip to the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
