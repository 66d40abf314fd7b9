import type { Server as HttpServer } from 'node:http';
import type restify from 'restify';
import type { InFlightRequests } from './in-flight-requests';

/**
 * Stops taking requests and waits for the ones in flight: the listening socket closes at once
 * (new connections are refused), idle kept-alive connections are closed, requests arriving on
 * busy ones get 503 (InFlightRequests), and once every request in flight has been answered — or
 * `timeoutMs` has passed — the remaining connections are cut. Resolves true when nothing was cut short.
 */
export async function stopServer(server: restify.Server, inFlight: InFlightRequests, timeoutMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // restify runs on a plain http.Server here (no https/spdy options are passed to createServer).
  const http = server.server as HttpServer;
  http.closeIdleConnections();
  const finished = await inFlight.drain(timeoutMs);
  http.closeAllConnections();
  await closed;
  return finished;
}
