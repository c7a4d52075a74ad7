// The built PWA from dist/: real files as they are, every other GET path falls back to index.html
// (the app routes with #/… and history). sw.js and index.html are never cached, so updates arrive.
// Text files go gzipped to a browser that takes it (a slow phone network pays for every byte), and
// index.html carries a CSP that allows its one inlined <style> by hash.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { cspForHtml } from './headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NO_CACHE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

interface Served {
  body: Buffer;
  gzip?: Buffer;
  csp?: string;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.map']);

/** Read once per version of the file (size + mtime): the gzip and the CSP hash are computed then. */
const cache = new Map<string, { key: string; served: Served }>();

async function fileAt(path: string): Promise<Served | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    const key = `${info.size}:${info.mtimeMs}`;
    const hit = cache.get(path);
    if (hit?.key === key) return hit.served;
    const body = await readFile(path);
    const ext = extname(path);
    const served: Served = { body };
    if (COMPRESSIBLE.has(ext) && body.length > 1024) served.gzip = gzipSync(body, { level: 9 });
    if (ext === '.html') served.csp = cspForHtml(body.toString('utf8'));
    cache.set(path, { key, served });
    return served;
  } catch {
    return undefined;
  }
}

function acceptsGzip(c: Context): boolean {
  return /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
}

function cacheControl(rel: string): string {
  if (NO_CACHE.has(rel) || rel.startsWith('workbox-')) return 'no-cache';
  // Vite puts content-hashed names under assets/: safe to keep forever.
  if (rel.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

export function serveDist(distDir: string) {
  const root = resolve(distDir);
  return async (c: Context) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json({ error: `${c.req.method} ${c.req.path}: not found` }, 404);
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(c.req.path)).replace(/^[/\\]+/, '');
    } catch {
      return c.text('bad path', 400);
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const full = join(root, rel);
    if (full !== root && !full.startsWith(root + sep)) return c.text('not found', 404);
    let file = await fileAt(full);
    if (!file && !extname(rel)) {
      rel = 'index.html';
      file = await fileAt(join(root, rel));
    }
    if (!file) {
      if (rel === 'index.html') return c.text('The app is not built yet: run `npm run build` (or `npm start`).', 404);
      return c.text('not found', 404);
    }
    c.header('content-type', TYPES[extname(rel)] ?? 'application/octet-stream');
    c.header('cache-control', cacheControl(rel));
    c.header('x-content-type-options', 'nosniff');
    if (file.csp) c.header('content-security-policy', file.csp);
    const gzip = file.gzip && acceptsGzip(c);
    if (file.gzip) c.header('vary', 'accept-encoding');
    if (gzip) c.header('content-encoding', 'gzip');
    if (c.req.method === 'HEAD') return c.body(null);
    return c.body(new Uint8Array(gzip ? file.gzip! : file.body));
  };
}
