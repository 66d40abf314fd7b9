import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Body bytes this client had handed to the socket when the answer's status line arrived. */
  bytesWrittenAtAnswer: number;
}

export interface RawPostOptions {
  headers?: Record<string, string>;
  /** A fixed body (sent with Content-Length unless a transfer-encoding header says otherwise). */
  body?: Buffer | string;
  /** Or a body streamed in chunks (Transfer-Encoding: chunked) until the server answers or `totalBytes` are sent. */
  stream?: { chunkBytes: number; totalBytes: number };
}

/**
 * A POST through node:http with full control of headers and body — what fetch will not do
 * (Content-Encoding without compressing, a chunked body of 100 MB that stops when answered).
 * A connection the server closes after answering is not an error: the answer is what counts.
 */
export function rawPost(url: string, options: RawPostOptions): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, agent: false });
    req.on('response', (res) => {
      answered = true;
      const bytesWrittenAtAnswer = written;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), bytesWrittenAtAnswer });
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (options.stream) {
      const { chunkBytes, totalBytes } = options.stream;
      const chunk = Buffer.alloc(chunkBytes, 0x20); // spaces: valid JSON whitespace, never ends the body
      const pump = () => {
        while (!answered && written < totalBytes) {
          written += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!answered) req.end();
      };
      req.write('{"type":"message",');
      pump();
    } else {
      const body = options.body ?? '';
      written = Buffer.byteLength(body);
      req.end(body);
    }
  });
}
