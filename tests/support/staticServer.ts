/**
 * A static file server on 127.0.0.1 for the demo page, test fixtures and the saved real pages.
 * Anything else answers 404, so pages that reference remote resources never reach the network.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fixturesDir, sharedDir } from './paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Extra routes: path → HTML produced on demand (e.g. a generated 5 MB page). */
export type DynamicRoutes = Record<string, () => string>;

/**
 * Makes the pages cross-origin isolated (COOP + COEP), which gives them performance.now() at 5 µs resolution
 * instead of 100 µs: the benchmark times passes that take well under a millisecond. Requests to other origins
 * are blocked anyway.
 */
export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export async function startStaticServer(
  dynamic: DynamicRoutes = {},
  port = 0,
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const mounts: [string, string][] = [
    ['/pages/', resolve(sharedDir, 'pages')],
    ['/', fixturesDir],
  ];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const make = dynamic[path];
    if (make) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...headers });
      res.end(make());
      return;
    }
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers,
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p: string) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
