// A plain HTTP server for the floor pages (and a POST sink for upload floors): fixed bodies, gzipped when the browser accepts it (the
// floor is the best a page could do), revalidated on every load like the app's index.html.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

export async function serveStatic(pages: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    // A sink for upload floors: reads the whole body, answers a tiny JSON.
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 }).end('{}'));
      return;
    }
    const body = pages[(req.url ?? '/').split('?')[0]];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const bytes = gzip ? gzipSync(body, { level: 9 }) : Buffer.from(body);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-length': bytes.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(bytes);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
