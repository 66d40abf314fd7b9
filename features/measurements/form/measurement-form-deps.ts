import type { ContractData } from '../../../goals/contract-schema';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import type { AccessPolicy } from '../../../core/access/access-policy';

/** What opening, submitting and correcting measurement forms needs; built once in app/create-app.ts. */
export interface MeasurementFormDeps {
  contract: ContractData;
  store: MeasurementStore;
  /** Today's calendar date in the configured time zone (YYYY-MM-DD); read per request. */
  today: () => string;
  /** For "registreret …" times on cards. */
  timeZone: string;
  access: AccessPolicy;
  /** A new submission id for each form shown (crypto.randomUUID in the app; fixed in golden tests). */
  newSubmissionId: () => string;
}
