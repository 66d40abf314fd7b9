import type restify from 'restify';
import type { FileDownloads } from '../core/ports/file-download';
import type { Logger } from '../core/ports/logger';
import { newErrorReference } from '../core/error-reference';

/** RFC 6266 filename: ASCII fallback plus the UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * GET /api/files/…: the report or export a signed link names (features/report/signed-link.ts
 * decides; this only speaks HTTP). Anything that is not a genuine, unexpired link — another path,
 * an altered parameter, a traversal attempt — gets 403 and no file.
 */
export function filesRoute(downloads: FileDownloads, logger: Logger) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    const refuse = (): void => {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Linket er ugyldigt eller udløbet. Bed Målbot om et nyt i Teams.');
    };
    let file;
    try {
      file = await downloads(req.url ?? '');
    } catch (err) {
      const reference = newErrorReference();
      logger.error({ err, reference }, 'file download failed');
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`Filen kunne ikke laves. Prøv igen om lidt. (Reference: ${reference})`);
      return;
    }
    if (file === null) {
      logger.warn({ event: 'file-link-refused' }, 'a download link was refused');
      refuse();
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(file.bytes);
  };
}
