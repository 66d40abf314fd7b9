/**
 * Milliseconds a Retry-After header asks for, read against `now` (injected, so tests need not wait):
 * either delay-seconds ("3"; a fraction such as "1.5" is accepted too) or an HTTP date, a date in
 * the past meaning "now". Undefined when the header is absent or unreadable.
 * One reader for every caller: the Bot Connector sender and the Graph client both honour it.
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
