/**
 * Explanations ("forklaringer") of goals for the KKR report: why a goal was not met or not
 * measured, written by staff per contract year. Append-only like measurements: a new text for a
 * goal is a new row, the older ones stay as its history. SQLite and PostgreSQL
 * (store/sqlite-report-store.ts, store/postgres-report-store.ts; one contract suite tests both).
 */
export interface Explanation {
  /** Store-assigned, increasing in insertion order. */
  id: number;
  contractId: string;
  goalId: string;
  text: string;
  /** ISO timestamp (UTC) the row was stored. */
  recordedAt: string;
  /** Entra object id (or UPN) of the writer. */
  recordedBy: string;
  /** Display name as Teams sent it. */
  recordedByName: string | null;
  /** The form submission that stored it; unique, so a replayed submission stores nothing more. */
  submissionId: string;
}

/** The explanation in force, and how many versions (rows) its goal has in all. */
export type LatestExplanation = Explanation & { versions: number };

export type NewExplanation = Omit<Explanation, 'id' | 'recordedAt'> & { recordedAt?: string };

export interface ExplanationStore {
  /** Appends one row; idempotent on submissionId (the existing row is returned). */
  appendExplanation(e: NewExplanation): Promise<Explanation>;
  /** The newest explanation per goal of a contract (greatest id), in goal id order, with how many rows the goal has. */
  latestExplanations(contractId: string): Promise<LatestExplanation[]>;
  /** Every explanation of one goal, oldest first. */
  explanationHistory(contractId: string, goalId: string): Promise<Explanation[]>;
}
