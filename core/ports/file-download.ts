/** A file the bot serves for a valid download link. */
export interface FileDownload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** The file a raw request URL's signed link names, or null (not genuine, expired, unknown): the route answers 403. */
export type FileDownloads = (rawUrl: string) => Promise<FileDownload | null>;
