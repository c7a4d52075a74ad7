// The review, report and plan screens in real Chromium at a phone's 390×844 and a desktop's
// 1280×800 (issue 13): the desktop width is used, no table makes the page wider than the phone, and
// every chart label is drawn at 12 px or more. Screenshots go to $SCREENSHOT_DIR (default: a temp
// dir) so a developer can look at them.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiSession } from './support/apiClient';
import { signIn } from './support/app';
import { freshPage, launchBrowser } from './support/chromium';
import { seedAccounts, type Seed } from './support/seed';
import { freshDataDir, startServer, type RunningServer } from './support/server';
import { realisticYear } from '../report/realisticYear';
import { twoTries } from '../report/fixtures';

const skip = inject('e2eSkipReason') !== '';
const SHOTS = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'courtesy-screens');

/** The page's layout facts that the issue names. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    const charts = [...document.querySelectorAll('svg.rv-chart')].map((svg) => {
      const s = svg as SVGSVGElement;
      const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
      const sizes = [...s.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size') ?? getComputedStyle(t).fontSize.replace('px', '')) * scale);
      return { name: s.getAttribute('aria-labelledby'), smallest: Math.min(...sizes) };
    });
    const tables = [...document.querySelectorAll('main table')].map((t) => {
      // A wide table scrolls inside its own box (.rv-scroll, or the admin table itself): that box must fit.
      const box = (t.closest('.rv-scroll') ?? t).getBoundingClientRect();
      return { caption: t.querySelector('caption')?.textContent ?? '', right: box.right };
    });
    return { pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, mainWidth: main.getBoundingClientRect().width, charts, tables };
  });
}

describe.skipIf(skip)('review, report and plan screens at 390×844 and 1280×800', () => {
  let server: RunningServer;
  let browser: Browser;
  let seed: Seed;

  beforeAll(async () => {
    const dataDir = freshDataDir();
    seed = await seedAccounts(dataDir);
    server = await startServer({ dataDir });
    browser = await launchBrowser();
    // This year's tests as a tester pushes them: the realistic year moved onto today's year.
    const tester = await ApiSession.login(server.url, seed.tester.username, seed.tester.password);
    const year = new Date().getFullYear();
    const now = Date.now();
    const ops = realisticYear()
      .filter((r) => r.status === 'completed' && !r.deleted && r.quarter.startsWith('115-'))
      .map((r, i) => {
        const t = new Date(r.testedAt);
        t.setUTCFullYear(year);
        const testedAt = new Date(Math.min(t.getTime(), now - (i + 1) * 60_000)).toISOString();
        const unit = i % 3 === 0 ? seed.otherUnit : seed.unit;
        const { rev: _rev, seq: _seq, score: _score, quarter: _q, ...rest } = r;
        const attempts = r.attempts.length ? twoTries(testedAt) : [];
        return { opId: randomUUID(), record: { ...rest, attempts, id: randomUUID(), unitId: unit.id, unitName: unit.name, testedAt, createdAt: testedAt, updatedAt: testedAt, baseRev: 0 } };
      });
    // A push carries at most 100 ops.
    for (let i = 0; i < ops.length; i += 100) {
      const pushed = await tester.push('e2e-screens', ops.slice(i, i + 100) as never);
      expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
    }
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  for (const who of ['head', 'admin'] as const) {
    const screens = who === 'head' ? ['review'] : ['review', 'report', 'plan', 'admin'];
    for (const route of screens) {
      for (const [w, h] of [
        [390, 844],
        [1280, 800],
      ]) {
        it(`${who} ${route} at ${w}×${h}: no overflow, charts ≥ 12 px${w > 1000 ? ', desktop width used' : ''}`, async () => {
          const page = await freshPage(browser, { viewport: { width: w, height: h } });
          await signIn(page, server.url, seed[who]);
          await page.goto(`${server.url}/#/${route}`);
          await page.locator('main table').first().waitFor();
          if (route === 'review' || route === 'report') await page.locator('svg.rv-chart').first().waitFor();
          else if (route === 'plan') await page.getByRole('table', { name: '各測試人員與他人於相同單位之平均差距' }).waitFor();
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: join(SHOTS, `${who}-${route}-${w}x${h}.png`), fullPage: true });
          const l = await layout(page);
          expect(l.pageWidth, 'the page never scrolls sideways').toBeLessThanOrEqual(l.viewport);
          for (const t of l.tables) expect(t.right, `table 「${t.caption}」 fits the screen (or scrolls in its own box)`).toBeLessThanOrEqual(l.viewport + 0.5);
          for (const c of l.charts) expect(c.smallest, `chart ${c.name}`).toBeGreaterThanOrEqual(12);
          if (w > 1000 && route !== 'admin') expect(l.mainWidth).toBeGreaterThan(1100);
          await page.context().close();
        }, 120_000);
      }
    }
  }
});
