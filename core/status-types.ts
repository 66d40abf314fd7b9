/**
 * The honest status vocabulary. Values are the Danish words directors see.
 * Rules that pick one live in core/status-rules.ts (documented there, one place).
 */
export const STATUSES = ['opfyldt', 'delvist opfyldt', 'på vej', 'i risiko', 'ikke opfyldt', 'afventer måling', 'ingen data'] as const;
export type Status = (typeof STATUSES)[number];

export interface StatusVerdict {
  status: Status;
  /** One line of Danish, e.g. "Seneste måling 35 % (sep. 2021) mod mål 37 %". */
  reason: string;
}
