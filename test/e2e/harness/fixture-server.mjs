// Serves test/fixtures/ehr-pages/ on 127.0.0.1 at a random port (plain JS so that
// test/e2e/demo.mjs can use it without a TypeScript loader; types in fixture-server.d.mts).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_PAGES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/ehr-pages',
);

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Answers one request with a fixture page (403 outside the folder, 404 when missing). */
async function serveFixture(root, req, res) {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = path.resolve(
    root,
    `.${decodeURIComponent(pathname === '/' ? '/plain-note.html' : pathname)}`,
  );
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end('outside the fixture folder');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

/** Starts the server; resolves to {origin, url(page), close()}. */
export async function startFixtureServer(rootDir = FIXTURE_PAGES_DIR) {
  const root = path.resolve(rootDir);
  const server = createServer((req, res) => {
    // A malformed path (decodeURIComponent throws) is a 400, not an unhandled rejection.
    serveFixture(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad request');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (page) => `${origin}/${page}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
