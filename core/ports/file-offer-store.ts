/**
 * Files the bot offered in a personal chat (Teams' file consent card) and what became of each
 * offer. The consent card's accept/decline context names only the offer id; what the file is
 * (report or export, which year and day) stays here, so a client cannot change it. Answering is
 * a claim: the first accept uploads, a replayed invoke (Teams retries after 5 s) does not upload twice.
 */
export type FileOfferKind = 'report' | 'export';

export interface FileOffer {
  offerId: string;
  kind: FileOfferKind;
  /** What to generate, as JSON (e.g. {"year":2021} or {"asOf":"2021-10-01"}). */
  params: string;
  fileName: string;
  conversationId: string;
  /** Who asked (Entra object id). */
  userId: string;
  createdAt: string;
  /** The file's bytes as offered (what an accept uploads). */
  content: Buffer;
  /** null until answered. */
  answer: 'accepted' | 'declined' | null;
  answeredAt: string | null;
}

export interface FileOfferStore {
  recordOffer(offer: Omit<FileOffer, 'answer' | 'answeredAt'>): Promise<void>;
  fileOffer(offerId: string): Promise<FileOffer | undefined>;
  /** Records the answer; true only for the first answer to an offer (false: already answered, or unknown). */
  claimOfferAnswer(offerId: string, answer: 'accepted' | 'declined', at: string): Promise<boolean>;
}
