import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { retryAfterMs } from '../core/retry-after';
import { DeliveryError, deliveryErrorForStatus } from '../core/ports/delivery-error';
import type { ProactiveSender } from '../core/ports/proactive-sender';
import type { Reply } from '../core/reply';
import { toActivity } from './maalbot';

/** The slice of botbuilder's ConnectorClient (4.23, @azure/core-client underneath) reached below. */
interface ConnectorClientInternals {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } };
}

/** What botframework-connector throws for an HTTP error (a core-rest-pipeline RestError), as far as read here. */
interface HttpErrorShape {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

/**
 * Proactive messages through the Bot Framework: `adapter.continueConversationAsync(botAppId,
 * reference, logic)` and one `sendActivity` inside it. The domain sees only ProactiveSender.
 *
 * Exactly one HTTP attempt per send. The connector client's pipeline normally retries 429 (3 times,
 * honouring Retry-After) and 5xx by itself; here that retry policy is removed from the client the
 * continuation uses, so the fan-out (features/reminders/fan-out.ts) is the only retry layer and
 * every attempt passes its rate limits. (With both layers, one message could cost up to 4 × 5
 * requests, the inner ones outside the throttle.) Replies to users' own messages keep the default.
 *
 * Errors thrown inside the continuation are caught here rather than left to the adapter: its
 * onTurnError would post an apology into the conversation we failed to reach.
 */
export class BotProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; '' in local mode without credentials. */
    private readonly botAppId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(reference: Record<string, unknown>, reply: Reply): Promise<void> {
    let failure: unknown;
    let sent = false;
    try {
      // The domain stores the reference as plain JSON; it came from TurnContext.getConversationReference.
      await this.adapter.continueConversationAsync(this.botAppId, reference as Partial<ConversationReference>, async (context: TurnContext) => {
        try {
          disableConnectorRetries(context, this.adapter);
          await context.sendActivity(toActivity(reply));
          sent = true;
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure ??= err; // e.g. no token for the connector: nothing was sent
    }
    if (!sent) throw this.toDeliveryError(failure);
  }

  private toDeliveryError(err: unknown): DeliveryError {
    if (err instanceof DeliveryError) return err;
    const e = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorShape;
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
    if (typeof e.statusCode === 'number' && e.statusCode > 0) {
      const retryAfter = retryAfterMs(e.response?.headers?.get?.('retry-after'), this.now());
      return deliveryErrorForStatus(e.statusCode, retryAfter, message);
    }
    // No HTTP status: the request never got an answer (refused, reset, timed out) — worth a retry.
    if (typeof e.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|REQUEST_SEND_ERROR)$/.test(e.code)) {
      return new DeliveryError('transient', undefined, undefined, `${e.code}: ${message}`);
    }
    return new DeliveryError('failed', undefined, undefined, message);
  }
}

/** Removes the Retry-phase policies from the connector client this continuation uses (see above). */
function disableConnectorRetries(context: TurnContext, adapter: CloudAdapter): void {
  const connector = context.turnState.get(adapter.ConnectorClientKey) as ConnectorClientInternals | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}
