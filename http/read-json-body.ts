import type restify from 'restify';
import { jsonNestingDepth } from './json-nesting-depth';

/** Deeper than any activity Teams sends (a card action's data is a few levels); bounds what later code recurses over. */
export const MAX_JSON_DEPTH = 64;

/** Why a body was refused: each maps to one status and one fixed message — never a parser's own text. */
export type BodyRefusal = 'unsupported-encoding' | 'unsupported-type' | 'too-large' | 'malformed' | 'too-deep' | 'aborted';

const REFUSALS: Record<Exclude<BodyRefusal, 'aborted'>, { status: number; error: string; message: string }> = {
  'unsupported-encoding': { status: 415, error: 'UnsupportedMediaType', message: 'Content-Encoding understøttes ikke; send ukomprimeret JSON' },
  'unsupported-type': { status: 415, error: 'UnsupportedMediaType', message: 'Content-Type skal være application/json' },
  'too-large': { status: 413, error: 'PayloadTooLarge', message: 'Forespørgslen er for stor' },
  malformed: { status: 400, error: 'BadRequest', message: 'Ugyldig JSON' },
  'too-deep': { status: 400, error: 'BadRequest', message: 'JSON er for dybt indlejret' },
};

export type BodyResult = { ok: true; body: unknown } | { ok: false; refusal: BodyRefusal };

/**
 * Reads a JSON request body within `maxBytes`, or refuses it without doing more work than that.
 *
 * Why not restify's bodyParser: it inflates gzip (an invalid stream threw out of the process, and
 * its size limit counted compressed bytes — a 200 KB bomb became 200 MB) and reads a chunked body
 * to its end before saying 413. Teams and the Bot Connector never compress what they post to a
 * bot, so any Content-Encoding other than identity is refused (415) before a byte is read; a body
 * is cut off the moment it passes the limit; the JSON is checked for nesting depth (a linear scan)
 * before JSON.parse, so nothing downstream recurses through 100 000 levels.
 */
export function readJsonBody(req: restify.Request, maxBytes: number): Promise<BodyResult> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return Promise.resolve({ ok: false, refusal: 'unsupported-encoding' });
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) return Promise.resolve({ ok: false, refusal: 'unsupported-type' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, refusal: 'too-large' });

  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading now; the 413 goes out with Connection: close and the socket is dropped after it.
        req.pause();
        chunks.length = 0;
        settle({ ok: false, refusal: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle(parseBoundedJson(Buffer.concat(chunks, size)));
    const onError = () => settle({ ok: false, refusal: 'aborted' });
    const onAborted = () => settle({ ok: false, refusal: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

function parseBoundedJson(raw: Buffer): BodyResult {
  // fatal: a body that is not UTF-8 is malformed, not silently repaired into U+FFFD.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) return { ok: false, refusal: 'too-deep' };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
}

/**
 * Answers a refused body. For a body left unread (too large, or refused before reading) the
 * connection is closed after the answer, so the rest is never read: Node would otherwise drain it.
 */
export function answerBodyRefusal(req: restify.Request, res: restify.Response, refusal: BodyRefusal): void {
  if (refusal === 'aborted') {
    req.socket.destroy();
    return;
  }
  const { status, error, message } = REFUSALS[refusal];
  if (!req.complete) {
    res.setHeader('connection', 'close');
    res.once('finish', () => req.socket.destroy());
  }
  res.json(status, { error, message });
}
