// `npm run bench`: every performance figure of issue 6, each as a ratio to a floor measured in the
// same run, medians of ≥ 5 interleaved runs. Writes bench/results.json (figures + environment) and
// prints a markdown table. Never part of `npm test`: timings belong here, not in assertions.
//   npm run bench -- --runs 7 --only load,aggregate
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, chromiumInstalled, launchBrowser } from '../tests/e2e/support/chromium';
import { aggregate } from './sections/aggregate';
import { firstScreenJs } from './sections/firstScreenJs';
import { interaction } from './sections/interaction';
import { liveCall } from './sections/liveCall';
import { load } from './sections/load';
import { pushThroughput } from './sections/pushThroughput';
import { syncReconnect } from './sections/syncReconnect';
import type { BenchContext, Section, SectionOutcome } from './lib/section';
import { round } from './lib/stats';
import { ensureBuilt } from './lib/app';

const ROOT = resolve(import.meta.dirname, '..');
const SECTIONS: Section[] = [firstScreenJs, load, interaction, liveCall, aggregate, syncReconnect, pushThroughput];
const BROWSER_SECTIONS = new Set(['load', 'interaction', 'liveCall']);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const runs = Math.max(5, Number(arg('runs') ?? 5));
  const only = arg('only')?.split(',');
  const chosen = SECTIONS.filter((s) => !only || only.includes(s.name));
  const built = ensureBuilt(ROOT);

  let browser: Browser | undefined;
  const ctx: BenchContext = {
    root: ROOT,
    runs,
    async browser() {
      browser ??= await launchBrowser();
      return browser;
    },
  };

  const results: Record<string, SectionOutcome & { title: string; seconds: number }> = {};
  for (const section of chosen) {
    const started = Date.now();
    process.stderr.write(`bench: ${section.name} …\n`);
    let outcome: SectionOutcome;
    if (BROWSER_SECTIONS.has(section.name) && !chromiumInstalled()) outcome = { skipped: `Chromium not installed at ${CHROMIUM_PATH}` };
    else if (BROWSER_SECTIONS.has(section.name) && built !== true) outcome = { skipped: built };
    else {
      try {
        outcome = await section.run(ctx);
      } catch (e) {
        outcome = { skipped: `failed: ${(e as Error).stack ?? e}` };
      }
    }
    results[section.name] = { title: section.title, seconds: round((Date.now() - started) / 1000, 1), ...outcome };
    process.stderr.write(`bench: ${section.name} ${outcome.skipped ? `skipped (${outcome.skipped.split('\n')[0]})` : 'done'}\n`);
  }
  await browser?.close();

  const environment = {
    at: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    chromium: chromiumInstalled() ? CHROMIUM_PATH : null,
    runs,
    throttling: 'Lighthouse mobile: CPU ×4, latency 562.5 ms, down 188,743 B/s, up 86,400 B/s (page and its workers)',
    postgres: process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL set' : 'not configured',
  };
  const out = join(ROOT, 'bench/results.json');
  // A partial run (--only) replaces its sections and keeps the others' last figures.
  let sections = results;
  if (only && existsSync(out)) {
    try {
      const previous = JSON.parse(readFileSync(out, 'utf8')) as { sections?: typeof results };
      sections = { ...previous.sections, ...results };
    } catch {
      /* a broken file is simply replaced */
    }
  }
  writeFileSync(out, `${JSON.stringify({ environment, sections }, null, 2)}\n`);
  const table = markdown(sections, environment);
  writeFileSync(join(ROOT, 'bench/README.md'), `${README_HEAD}\n${table}\n`);
  console.log(table);
  console.log(`\n(written to ${out} and bench/README.md)`);
}

const README_HEAD = `# Benchmarks (\`npm run bench\`)

Chromium over CDP with Lighthouse's mobile settings (CPU ×4; 562.5 ms RTT, 188,743 B/s down, 86,400 B/s
up, applied to the page and to its service worker's target), at least 5 interleaved runs, medians. Every
figure has a floor measured in the same run, and the ratio to it (\`…Vs…\`) is the number to watch: it
survives a slow or busy machine. Sections whose prerequisite is missing say why. Raw figures and the
environment: \`bench/results.json\`. Not part of \`npm test\` (no timing assertions in tests).

- **load**: LCP of a cold first visit and of a warm visit (service worker) vs the sheet's text as a static page.
- **interaction**: pointerdown → total text changed, and → the IndexedDB transaction committed, vs a 10-line script page.
- **aggregate**: src/report's quarterly review and annual report over 10,000 tests vs plain summing.
- **syncReconnect**: 1,000 tests queued offline → all on the server after reconnect vs uploading the same bodies.
- **pushThroughput**: tests/s through POST /api/sync/push vs plain INSERTs (SQLite; PostgreSQL with TEST_DATABASE_URL).
- **liveCall**: a typical complete test on the live-call screen at 390 × 844: taps, screen heights the tester scrolls, live tools on screen when tapped (targets: ≤ 30 taps, ≤ 3 screens).
- **firstScreenJs**: gzip bytes of the built index.html's scripts and their static imports (budget 80 KB).

Latest run:
`;

function markdown(results: Record<string, SectionOutcome & { title: string }>, env: { at: string; runs: number; cpus: string }): string {
  const lines = [`Bench ${env.at} — ${env.runs} interleaved runs, medians; ${env.cpus}`, '', '| section | figure | value |', '|---|---|---|'];
  for (const [name, r] of Object.entries(results)) {
    if (r.skipped) {
      lines.push(`| ${name} | skipped | ${r.skipped.split('\n')[0].replace(/\|/g, '/')} |`);
      continue;
    }
    for (const [figure, value] of Object.entries(r.figures ?? {})) lines.push(`| ${name} | ${figure} | ${round(value, Math.abs(value) < 10 ? 3 : 1)} |`);
  }
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
