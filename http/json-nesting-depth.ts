/**
 * The deepest nesting of objects and arrays in a JSON text, in one pass and constant memory
 * (brackets inside strings do not count; escapes are skipped). It does not validate the JSON —
 * JSON.parse does that afterwards — it only lets the caller refuse a deep one before parsing.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
