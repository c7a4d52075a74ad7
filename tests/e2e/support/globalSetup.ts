// Once per e2e run: find the browser (the system Chromium, else the one the @sparticuz/chromium
// package ships, unpacked here once; a hard failure when there is none, never a skip) and make sure
// dist/ is the build of the current sources, so the server serves what the tests were written against.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveChromium } from './chromium';
import { ROOT } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the e2e suite cannot run here, or '' when it can: always '' now (no browser is a failure). */
    e2eSkipReason: string;
  }
}

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function distIsStale(): boolean {
  const built = join(ROOT, 'dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  return sources > statSync(built).mtimeMs;
}

export function buildApp(): void {
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which would make Vite build React's development runtime and drop the
  // production-only service worker registration: the e2e suite must test what `npm start` ships.
  const run = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  console.log(`[e2e] built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const browser = await resolveChromium();
  console.log(`[e2e] browser: ${browser.description} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!existsSync(join(ROOT, 'index.html'))) throw new Error('[e2e] no index.html: the app cannot be built');
  if (distIsStale()) buildApp();
  project.provide('e2eSkipReason', '');
}
