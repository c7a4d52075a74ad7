// The built PWA from dist/: real files as they are, every other GET path falls back to index.html
// (the app routes with #/… and history). sw.js and index.html are never cached, so updates arrive.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

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

async function fileAt(path: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(path)).isFile()) return undefined;
    return await readFile(path);
  } catch {
    return undefined;
  }
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
    let body = await fileAt(full);
    if (!body && !extname(rel)) {
      rel = 'index.html';
      body = await fileAt(join(root, rel));
    }
    if (!body) {
      if (rel === 'index.html') return c.text('The app is not built yet: run `npm run build` (or `npm start`).', 404);
      return c.text('not found', 404);
    }
    c.header('content-type', TYPES[extname(rel)] ?? 'application/octet-stream');
    c.header('cache-control', cacheControl(rel));
    c.header('x-content-type-options', 'nosniff');
    if (c.req.method === 'HEAD') return c.body(null);
    return c.body(new Uint8Array(body));
  };
}
