import type { FileUploader } from '../core/ports/file-consent';

/**
 * The upload after a file consent: one PUT of the whole file to the `uploadUrl` Teams gave (a
 * OneDrive upload session), with Content-Range for the whole file. Bounded in time like every
 * outbound call (OUTBOUND_TIMEOUT_SECONDS). 200/201 = stored; anything else rejects.
 */
export function createFileUploader(timeoutMs: number, fetchImpl: typeof fetch = fetch): FileUploader {
  return async (uploadUrl, bytes) => {
    const last = Math.max(0, bytes.length - 1);
    const response = await fetchImpl(uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length), 'Content-Range': `bytes 0-${last}/${bytes.length}` },
      body: bytes,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status !== 200 && response.status !== 201) throw new Error(`file upload answered ${response.status}`);
  };
}
