/**
 * Replaces Teams' markup in a message with spaces: bot mentions with what they contain
 * (`<at id="0">Målbot</at>`), HTML tags (`<p>`, `<br/>`, `</div>`) and comments. `3 < 4` stays.
 *
 * Why a scanner and not regexes: `/<at\b[^>]*>[\s\S]*?<\/at\s*>/` backtracks — a 90 KB message of
 * `<at<at<at…` took 5 s with the event loop blocked. Here every search for the next `>`, `<`,
 * `-->` or `</at…>` is remembered and only ever moves forward, so the whole pass is linear in the
 * length of the text (test/features/ask/normalize-question.test.ts counts it against a baseline).
 */
export function stripMarkup(text: string): string {
  const lower = text.toLowerCase();
  // toLowerCase can change the length (İ → i̇); then positions differ and we search the original.
  const hay = lower.length === text.length ? lower : text;
  const nextGt = forwardFinder(hay, '>');
  const nextLt = forwardFinder(hay, '<');
  const nextCommentEnd = forwardFinder(hay, '-->');
  const nextClose = forwardFinder(hay, '</at');
  let closeFrom = Infinity;
  let closeStart = -1;
  let closeEnd = -1;
  const out: string[] = [];
  let copyFrom = 0;
  let i = hay.indexOf('<');
  while (i !== -1) {
    const end = markupEnd(i);
    if (end === -1) {
      i = nextLt(i + 1);
      continue;
    }
    out.push(text.slice(copyFrom, i), ' ');
    copyFrom = end;
    i = nextLt(end);
  }
  out.push(text.slice(copyFrom));
  return out.join('');

  /** Where the mention, comment or tag starting at `start` ends (exclusive), or -1 if none starts there. */
  function markupEnd(start: number): number {
    if (hay.startsWith('<!--', start)) {
      const close = nextCommentEnd(start + 4);
      return close === -1 ? -1 : close + 3;
    }
    if (hay.startsWith('<at', start) && !isWordChar(hay.charCodeAt(start + 3))) {
      const gt = nextGt(start + 1); // same answer as from start + 3 ("at" is no ">"), and keeps the calls in order
      if (gt !== -1) {
        const closeEnd = mentionCloseEnd(gt + 1);
        if (closeEnd !== -1) return closeEnd;
      }
    }
    let j = start + 1;
    if (hay.charCodeAt(j) === 0x2f) j++; // "</p>"
    if (!isAsciiLetter(hay.charCodeAt(j))) return -1;
    const gt = nextGt(j + 1);
    if (gt === -1) return -1;
    const lt = nextLt(j + 1);
    return lt !== -1 && lt < gt ? -1 : gt + 1;
  }

  /**
   * The end of the first `</at>` (spaces allowed before `>`) at or after `from`, or -1. `from`
   * only grows (it follows the next `>`), so the last answer is reused while it is still ahead.
   */
  function mentionCloseEnd(from: number): number {
    if (from >= closeFrom && (closeStart === -1 || closeStart >= from)) return closeEnd;
    closeFrom = from;
    closeStart = -1;
    closeEnd = -1;
    for (let k = nextClose(from); k !== -1; k = nextClose(k + 1)) {
      let m = k + 4;
      while (m < hay.length && isSpace(hay.charCodeAt(m))) m++;
      if (hay.charCodeAt(m) === 0x3e) {
        closeStart = k;
        closeEnd = m + 1;
        break;
      }
    }
    return closeEnd;
  }
}

/**
 * `indexOf(needle, from)`, remembering its last answer: a call from further on reuses it while it
 * is still ahead, a call from a little earlier only searches the gap before the last start. The
 * callers move forward through the text, so all calls together scan it about once.
 */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let searchedFrom = text.length + 1;
  let found = -1;
  return (from) => {
    if (from < searchedFrom) {
      const gapEnd = Math.min(text.length, searchedFrom + needle.length - 1);
      const hit = text.slice(from, gapEnd).indexOf(needle);
      if (hit !== -1) found = from + hit;
      searchedFrom = from;
      return found;
    }
    if (found === -1 || found >= from) return found;
    searchedFrom = from;
    found = text.indexOf(needle, from);
    return found;
  };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** What JS regex `\b` treats as a word character. */
function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0x202f || c === 0x205f || c === 0x1680 || (c >= 0x2000 && c <= 0x200a);
}
