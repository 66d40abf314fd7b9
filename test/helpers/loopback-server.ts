import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The shared start of every loopback fake (Bot Connector, Graph): an HTTP server on 127.0.0.1 and a
 * free port that hands each request to `handle` with its whole body read as text.
 */
export async function startLoopbackServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
  options: { keepAliveTimeoutMs?: number } = {},
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** `http://127.0.0.1:PORT/` of a started loopback server; `name` makes the error say which fake. */
export function loopbackUrl(server: http.Server | undefined, name: string): string {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error(`${name} is not listening`);
  return `http://127.0.0.1:${address.port}/`;
}
