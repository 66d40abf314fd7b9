import { z } from 'zod';

const channelAccount = z.looseObject({ id: z.string().min(1).max(512) });

/**
 * The least an activity must have before the Bot Framework layer sees it. botbuilder's own parse
 * throws on some malformed shapes (which would become a 500); checking at the edge turns them into
 * a 400 with a precise message. Unknown fields pass through untouched.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  channelId: z.string().min(1).max(64),
  from: channelAccount,
  recipient: channelAccount,
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  text: z.string().max(100_000).optional(),
  replyToId: z.string().max(512).optional(),
  name: z.string().max(256).optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** "conversation.id: …" lines for the 400 body: for the operator of the calling channel, no internals. */
export function describeActivityProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(activity)'}: ${i.message}`);
}
