import type { Reply } from '../reply';
import type { TurnInfo } from '../turn-info';

/** What Teams' fileConsent/invoke carries, copied out of the activity by the shell (no botbuilder types). */
export interface FileConsentAnswer {
  action: 'accept' | 'decline';
  /** The accept/decline context the consent card carried: { offerId }. Untrusted until checked. */
  context: unknown;
  /** On accept: where to PUT the file and what Teams will call it. */
  uploadInfo?: { uploadUrl?: string; contentUrl?: string; name?: string; uniqueId?: string; fileType?: string };
}

/** Answers a consent: on a first accept uploads the file and returns the file info card; a text for decline; undefined for a replay. */
export type FileConsentHandler = (answer: FileConsentAnswer, turn: TurnInfo) => Promise<Reply | undefined>;

/** PUTs a whole file to a Teams upload URL (OneDrive upload session); rejects unless it was stored. */
export type FileUploader = (uploadUrl: string, bytes: Buffer) => Promise<void>;
