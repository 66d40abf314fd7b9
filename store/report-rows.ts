import type { Explanation } from '../core/ports/explanation-store';
import type { FileOffer } from '../core/ports/file-offer-store';

/**
 * The report tables' rows as both stores read them (SQLite stores ISO text; PostgreSQL selects its
 * timestamps as the same ISO text), mapped to the ports' types in one place.
 */
export interface ExplanationRow {
  id: number;
  contract_id: string;
  goal_id: string;
  text: string;
  recorded_at: string;
  recorded_by: string;
  recorded_by_name: string | null;
  submission_id: string;
}

export interface OfferRow {
  offer_id: string;
  kind: FileOffer['kind'];
  params: string;
  file_name: string;
  conversation_id: string;
  user_id: string;
  created_at: string;
  answer: FileOffer['answer'];
  answered_at: string | null;
  content: Buffer | null;
}

export const toExplanation = (r: ExplanationRow): Explanation => ({
  id: r.id,
  contractId: r.contract_id,
  goalId: r.goal_id,
  text: r.text,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  recordedByName: r.recorded_by_name,
  submissionId: r.submission_id,
});

export const toOffer = (r: OfferRow): FileOffer => ({
  offerId: r.offer_id,
  kind: r.kind,
  params: r.params,
  fileName: r.file_name,
  conversationId: r.conversation_id,
  userId: r.user_id,
  createdAt: r.created_at,
  answer: r.answer,
  answeredAt: r.answered_at,
  content: r.content ?? Buffer.alloc(0),
});
