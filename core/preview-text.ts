/** Teams' cap on an activity-feed preview text, in characters. */
export const PREVIEW_TEXT_LIMIT = 150;

/**
 * Text cut cleanly to at most `limit` characters, an ellipsis marking the cut. Characters are
 * counted as code points, so an emoji is never split in half; surrounding space is trimmed first.
 * Teams would cut a longer preview anyway, less tidily, and Graph refuses one over the cap.
 */
export function previewText(text: string, limit: number = PREVIEW_TEXT_LIMIT): string {
  const chars = Array.from(text.trim());
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}
