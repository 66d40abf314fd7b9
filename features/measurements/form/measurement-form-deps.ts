import type { ContractData } from '../../../goals/contract-schema';
import type { ContractBook } from '../../../goals/contract-book';
import type { MeasurementStore } from '../../../core/ports/measurement-store';
import type { AccessPolicy } from '../../../core/access/access-policy';

/** What opening, submitting and correcting measurement forms needs; built once in app/create-app.ts. */
export interface MeasurementFormDeps {
  /** The contract in force today (read per request: the app gives a getter over `contracts`). */
  readonly contract: ContractData;
  /** Every loaded contract year: a row is stored under the one its period belongs to (row-contract.ts). */
  contracts: ContractBook;
  store: MeasurementStore;
  /** Today's calendar date in the configured time zone (YYYY-MM-DD); read per request. */
  today: () => string;
  /** For "registreret …" times on cards. */
  timeZone: string;
  access: AccessPolicy;
  /** A new submission id for each form shown (crypto.randomUUID in the app; fixed in golden tests). */
  newSubmissionId: () => string;
}
