// JavaScript shipped for the first screen: the module scripts and modulepreloads of the built
// index.html, plus every chunk they import statically (dynamic `import()` = later screens, excluded),
// each gzipped at level 9 as a server would send it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Section } from '../lib/section';

/** Static imports of a built ES module chunk: `import x from "./a.js"`, `import "./b.js"`, `export * from "./c.js"`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.m?js)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]);
  return [...found];
}

/** Entry scripts of the built page: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function entryScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*href="([^"]+)"[^>]*rel="modulepreload"[^>]*>/g)) out.push(m[1]);
  return out;
}

function allJs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allJs(path));
    else if (/\.m?js$/.test(entry.name)) out.push(path);
  }
  return out;
}

export const firstScreenJs: Section = {
  name: 'firstScreenJs',
  title: 'JavaScript for the first screen (gzip bytes)',
  async run({ root }) {
    const dist = join(root, 'dist');
    const indexPath = join(dist, 'index.html');
    if (!existsSync(indexPath)) return { skipped: 'dist/index.html missing: run `npm run build` first' };
    const html = readFileSync(indexPath, 'utf8');
    const seen = new Set<string>();
    const queue = entryScripts(html)
      .filter((src) => src.startsWith('/') || src.startsWith('./') || !/^[a-z]+:/i.test(src))
      .map((src) => posix.normalize(src.replace(/^\.?\//, '')));
    let gzipBytes = 0;
    let rawBytes = 0;
    while (queue.length) {
      const rel = queue.shift()!;
      if (seen.has(rel)) continue;
      seen.add(rel);
      const file = join(dist, rel);
      if (!existsSync(file)) continue;
      const code = readFileSync(file);
      rawBytes += code.length;
      gzipBytes += gzipSync(code, { level: 9 }).length;
      for (const spec of staticImports(code.toString('utf8'))) {
        if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
        queue.push(spec.startsWith('/') ? posix.normalize(spec.slice(1)) : posix.join(posix.dirname(rel), spec));
      }
    }
    // The service worker is not first-screen JS: it installs after the page has painted.
    const everyChunk = allJs(dist).filter((f) => !/\/(sw|workbox-[^/]*)\.js$/.test(f));
    const allGzip = everyChunk.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    return {
      figures: {
        firstScreenGzipBytes: gzipBytes,
        firstScreenGzipBudgetBytes: 80 * 1024,
        firstScreenVsBudget: gzipBytes / (80 * 1024),
        firstScreenRawBytes: rawBytes,
        firstScreenFiles: seen.size,
        allAppJsGzipBytes: allGzip,
        firstScreenShareOfAllJs: allGzip ? gzipBytes / allGzip : 0,
      },
      notes: [`files: ${[...seen].join(', ') || '(none)'}`, `dist: ${dirname(indexPath)}`],
    };
  },
};
