import type { ExplanationStore } from './explanation-store';
import type { FileOfferStore } from './file-offer-store';

/** The KKR report's own tables (migrations 20–29): explanations and file offers. */
export interface ReportStore extends ExplanationStore, FileOfferStore {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}
