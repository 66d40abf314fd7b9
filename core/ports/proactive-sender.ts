import type { Reply } from '../reply';

/**
 * Sends a reply into a conversation the bot is not currently answering in. The domain hands
 * over the stored conversation reference (opaque JSON) and a Reply; the shell
 * (teams/bot-framework-proactive-sender.ts) does the Bot Framework part. Exactly one HTTP attempt per call:
 * retries and throttling are the fan-out's job (features/reminders/fan-out.ts), so every attempt
 * passes through its rate limits. Failures are thrown as DeliveryError.
 */
export interface ProactiveSender {
  send(reference: Record<string, unknown>, reply: Reply): Promise<void>;
}
