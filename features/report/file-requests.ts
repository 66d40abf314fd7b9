import { randomUUID } from 'node:crypto';
import type { ContractBook } from '../../goals/contract-book';
import type { MeasurementStore } from '../../core/ports/measurement-store';
import type { ReportStore } from '../../core/ports/report-store';
import type { AccessPolicy } from '../../core/access/access-policy';
import { mayRecordMeasurements, roleOf } from '../../core/access/role-of';
import type { FileConsentAnswer, FileConsentHandler, FileUploader } from '../../core/ports/file-consent';
import type { FileOfferKind } from '../../core/ports/file-offer-store';
import type { Logger } from '../../core/ports/logger';
import type { FileDownload } from '../../core/ports/file-download';
import { cardReply, type Reply } from '../../core/reply';
import type { TurnInfo } from '../../core/turn-info';
import type { Clock } from '../../core/time/clock';
import { localDate } from '../../core/time/zoned-time';
import { formatDateTime, formatNumber } from '../../core/danish-format';
import { adaptiveCard, textBlock } from '../../cards/adaptive-card';
import { escapeMarkdown } from '../../cards/escape-markdown';
import type { StatusTime } from '../status/status-point';
import { measurementsXlsx } from '../measurements/export/export-measurements';
import { generateReport } from './generate-report';
import { signedFilePath, verifySignedFile, type LinkedFile } from './signed-link';

export interface FileLinkSettings {
  /** The bot's public base URL (APP_BASE_URL), e.g. https://maalbot.example.dk; without it no links. */
  publicUrl: string | undefined;
  /** FILE_LINK_SECRET: the HMAC key. */
  secret: string;
  /** FILE_LINK_MINUTES: how long a link works. */
  minutes: number;
}

export interface FileRequestDeps {
  book: ContractBook;
  measurements: MeasurementStore;
  reports: ReportStore;
  access: AccessPolicy;
  now: Clock;
  timeZone: string;
  links: FileLinkSettings;
  upload: FileUploader;
  logger: Logger;
  newOfferId?: () => string;
}


export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileRequests {
  /** "afrapportering 2021", "eksporter målinger": a consent card in a personal chat, a download link elsewhere. */
  request(file: { kind: 'report'; at?: StatusTime } | { kind: 'export' }, turn: TurnInfo): Promise<Reply>;
  /** The user's answer to a consent card. */
  answerConsent: FileConsentHandler;
  /** A download link's file (raw request URL), or null: not genuine, expired, or unknown → 403. */
  download(rawUrl: string): Promise<FileDownload | null>;
}

const REFUSED_EXPORT: Reply = { kind: 'text', text: 'Eksport af målinger er for medarbejdere, der indberetter målinger. Bed en af dem, eller spørg om «afrapportering», som alle kan hente.' };

function linkedFileOf(file: { kind: 'report'; at?: StatusTime } | { kind: 'export' }, today: string): LinkedFile {
  if (file.kind === 'export') return { kind: 'export' };
  if (file.at?.year !== undefined) return { kind: 'report', year: file.at.year };
  return { kind: 'report', asOf: file.at?.asOf ?? today };
}

function statusTimeOf(file: Extract<LinkedFile, { kind: 'report' }>): StatusTime | undefined {
  if (file.year !== undefined) return { year: file.year };
  if (file.asOf !== undefined) return { asOf: file.asOf };
  return undefined;
}

function parseOfferContext(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const id = (context as Record<string, unknown>).offerId;
  return typeof id === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(id) ? id : undefined;
}

/** "72 kB", "1,2 MB": the file's size for the consent card's description. */
function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${formatNumber(bytes / 1_000_000)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} kB`;
}

/**
 * Getting the report or the export in Teams. Bots can send files only in a personal chat, and only
 * with the user's consent (a file consent card; the bytes are kept with the offer, so an accept
 * uploads exactly what was announced, once). In a channel or group chat the answer is a card with a
 * short-lived signed link to the bot's own download route (http/). Who may: everyone who may read
 * status gets the report; the export is for staff.
 */
export function createFileRequests(deps: FileRequestDeps): FileRequests {
  const newOfferId = deps.newOfferId ?? randomUUID;

  async function generate(file: LinkedFile, generatedBy: string): Promise<{ ok: true; download: FileDownload; title: string } | { ok: false; text: string }> {
    if (file.kind === 'export') {
      const rows = (await Promise.all(deps.book.contracts.map((c) => deps.measurements.listMeasurements(c.id)))).flat();
      const today = localDate(deps.now(), deps.timeZone);
      return { ok: true, title: `Alle målinger (${rows.length})`, download: { fileName: `maalinger-${today}.xlsx`, contentType: XLSX_TYPE, bytes: await measurementsXlsx(rows) } };
    }
    const report = await generateReport(
      { book: deps.book, measurements: deps.measurements, explanations: deps.reports, now: deps.now, timeZone: deps.timeZone },
      { at: statusTimeOf(file), generatedBy },
    );
    if (!report.ok) return report;
    return { ok: true, title: `${report.model.title} – afrapportering til ${report.model.recipient}`, download: { fileName: report.fileName, contentType: DOCX_TYPE, bytes: report.bytes } };
  }

  function linkCard(file: LinkedFile, title: string, fileName: string): Reply {
    const expires = Math.floor(deps.now().getTime() / 1000) + deps.links.minutes * 60;
    const url = `${deps.links.publicUrl!.replace(/\/+$/, '')}${signedFilePath(deps.links.secret, file, expires)}`;
    const until = formatDateTime(new Date(expires * 1000).toISOString(), deps.timeZone);
    const card = adaptiveCard(
      [
        textBlock(escapeMarkdown(title), { weight: 'Bolder', size: 'Medium' }),
        textBlock(escapeMarkdown(`${fileName} er klar. Bots kan ikke sende filer i kanaler og gruppechats, så hent den med knappen.`), { spacing: 'Small' }),
        textBlock(escapeMarkdown(`Linket virker til ${until} (${deps.links.minutes} minutter). Skriv igen for et nyt.`), { isSubtle: true, size: 'Small', spacing: 'Small' }),
      ],
      [{ type: 'Action.OpenUrl', title: file.kind === 'report' ? 'Hent rapporten' : 'Hent målingerne', url }],
      `${title}: hent filen`,
    );
    return cardReply(card, `${title}: hent filen`);
  }

  return {
    async request(requested, turn) {
      if (requested.kind === 'export' && !mayRecordMeasurements(roleOf(turn.user, deps.access))) return REFUSED_EXPORT;
      const today = localDate(deps.now(), deps.timeZone);
      const file = linkedFileOf(requested, today);
      const made = await generate(file, turn.user.name ?? 'en bruger i Teams');
      if (!made.ok) return { kind: 'text', text: made.text };
      const { download, title } = made;
      if (turn.conversationType === 'personal') {
        const offerId = newOfferId();
        await deps.reports.recordOffer({
          offerId,
          kind: file.kind as FileOfferKind,
          params: JSON.stringify(file),
          fileName: download.fileName,
          conversationId: turn.conversationId,
          userId: turn.user.aadObjectId ?? turn.user.id,
          createdAt: deps.now().toISOString(),
          content: download.bytes,
        });
        return { kind: 'file-consent', offerId, fileName: download.fileName, sizeInBytes: download.bytes.length, description: `${title} (${sizeText(download.bytes.length)})`, summary: `${title}: vil du have filen?` };
      }
      if (deps.links.publicUrl === undefined) {
        return { kind: 'text', text: 'Jeg kan ikke sende filer her, og download-links er ikke sat op (APP_BASE_URL). Skriv til mig i en personlig chat, så sender jeg filen dér.' };
      }
      return linkCard(file, title, download.fileName);
    },

    async answerConsent(answer: FileConsentAnswer, turn: TurnInfo) {
      const offerId = parseOfferContext(answer.context);
      const offer = offerId === undefined ? undefined : await deps.reports.fileOffer(offerId);
      // Only the person it was offered to, in the chat it was offered in, may answer it.
      if (offer === undefined || offer.conversationId !== turn.conversationId || offer.userId !== (turn.user.aadObjectId ?? turn.user.id)) {
        return { kind: 'text', text: 'Den fil kender jeg ikke længere. Bed om den igen, fx «afrapportering».' };
      }
      const at = deps.now().toISOString();
      if (answer.action === 'decline') {
        if (!(await deps.reports.claimOfferAnswer(offer.offerId, 'declined', at))) return undefined;
        return { kind: 'text', text: `Fint, jeg sender ikke ${offer.fileName}. Skriv «afrapportering», hvis du vil have den senere.` };
      }
      const info = answer.uploadInfo;
      if (info?.uploadUrl === undefined || info.contentUrl === undefined || !/^https?:\/\//.test(info.uploadUrl)) {
        return { kind: 'text', text: 'Teams gav ikke et sted at lægge filen. Bed om den igen om lidt.' };
      }
      // A replayed accept (Teams retries an invoke after 5 s) finds the offer answered: no second upload.
      if (!(await deps.reports.claimOfferAnswer(offer.offerId, 'accepted', at))) return undefined;
      await deps.upload(info.uploadUrl, offer.content);
      deps.logger.info({ event: 'file-uploaded', kind: offer.kind, bytes: offer.content.length }, 'file uploaded after consent');
      return {
        kind: 'file-info',
        fileName: info.name ?? offer.fileName,
        contentUrl: info.contentUrl,
        uniqueId: info.uniqueId ?? '',
        fileType: info.fileType ?? offer.fileName.split('.').pop() ?? '',
        summary: `${offer.fileName} ligger nu i dine filer.`,
      };
    },

    async download(rawUrl) {
      const file = verifySignedFile(deps.links.secret, rawUrl, Math.floor(deps.now().getTime() / 1000));
      if (file === null) return null;
      const made = await generate(file, 'et downloadlink fra Teams');
      return made.ok ? made.download : null;
    },
  };
}
