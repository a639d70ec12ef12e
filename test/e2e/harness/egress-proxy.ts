/**
 * A browser-wide egress recorder: Chromium sends every non-loopback request here
 * (`--proxy-server`), including the browser process's own. Each is recorded and refused
 * (403; CONNECT tunnels are refused too). Loopback requests that reach it are forwarded.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Absolute URL for plain HTTP, "host:port" for CONNECT. */
  url: string;
  at: number;
}

export interface EgressProxy {
  port: number;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function forwardToLoopback(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  const target = new URL(req.url ?? '');
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: req.method,
      headers: req.headers,
    },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

export async function startEgressProxy(): Promise<EgressProxy> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push({ method: req.method ?? 'GET', url, at: Date.now() });
    if (isLoopbackUrl(url)) {
      forwardToLoopback(req, res);
      return;
    }
    res.writeHead(403, { 'content-type': 'text/plain' }).end('egress refused by the test proxy');
  });
  server.on('connect', (req, socket) => {
    requests.push({ method: 'CONNECT', url: req.url ?? '', at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
