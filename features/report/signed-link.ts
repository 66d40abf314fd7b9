import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link names: the file and, for a report, its year or day. */
export type LinkedFile = { kind: 'report'; year?: number; asOf?: string } | { kind: 'export' };

/** The one path prefix the bot serves files under; nothing else is served from it. */
export const FILE_PATH_PREFIX = '/api/files/';

function canonical(file: LinkedFile, expires: number): string {
  const year = file.kind === 'report' && file.year !== undefined ? String(file.year) : '';
  const asOf = file.kind === 'report' && file.asOf !== undefined ? file.asOf : '';
  return `maalbot-file-v1\n${file.kind}\n${year}\n${asOf}\n${expires}`;
}

function signature(secret: string, file: LinkedFile, expires: number): string {
  return createHmac('sha256', secret).update(canonical(file, expires)).digest('base64url');
}

/**
 * A short-lived download link's path and query: `/api/files/report?year=2021&exp=…&sig=…`. The
 * signature (HMAC-SHA-256 with the configured secret) covers the kind, every parameter and the
 * expiry (Unix seconds), so a link cannot be guessed, widened, pointed at another report or prolonged.
 */
export function signedFilePath(secret: string, file: LinkedFile, expires: number): string {
  const query = new URLSearchParams();
  if (file.kind === 'report' && file.year !== undefined) query.set('year', String(file.year));
  if (file.kind === 'report' && file.asOf !== undefined) query.set('asOf', file.asOf);
  query.set('exp', String(expires));
  query.set('sig', signature(secret, file, expires));
  return `${FILE_PATH_PREFIX}${file.kind}?${query.toString()}`;
}

/**
 * The file a request names when its link is genuine and unexpired, else null (the route answers
 * 403 and serves nothing). Exact: the path is `/api/files/report` or `/api/files/export` as
 * written (no encoded or extra segments), each parameter appears once, no parameter the link did
 * not carry, a well-formed expiry not before `nowSeconds`, and the signature compared in constant time.
 */
export function verifySignedFile(secret: string, rawUrl: string, nowSeconds: number): LinkedFile | null {
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const kind = rawPath === `${FILE_PATH_PREFIX}report` ? 'report' : rawPath === `${FILE_PATH_PREFIX}export` ? 'export' : undefined;
  if (kind === undefined) return null;
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const keys = [...query.keys()];
  const allowed = kind === 'report' ? ['year', 'asOf', 'exp', 'sig'] : ['exp', 'sig'];
  if (keys.some((k) => !allowed.includes(k)) || new Set(keys).size !== keys.length) return null;
  const exp = query.get('exp') ?? '';
  const sig = query.get('sig') ?? '';
  if (!/^\d{1,12}$/.test(exp) || Number(exp) < nowSeconds) return null;
  let file: LinkedFile = { kind: 'export' };
  if (kind === 'report') {
    const year = query.get('year');
    const asOf = query.get('asOf');
    if (year !== null && !/^\d{4}$/.test(year)) return null;
    if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
    if (year !== null && asOf !== null) return null;
    file = { kind: 'report', ...(year !== null ? { year: Number(year) } : {}), ...(asOf !== null ? { asOf } : {}) };
  }
  const expected = Buffer.from(signature(secret, file, Number(exp)), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return file;
}
