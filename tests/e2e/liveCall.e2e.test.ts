// The live-call screen on a 390 × 844 phone: a typical complete test follows the call step by step
// with at most 30 taps and 3 screen heights of scrolling, every live tool on screen when it is
// tapped, and the total the scorer gives. Screenshots at 390 × 844 and 1280 × 800 go to
// E2E_SCREENSHOTS (default: the OS temp dir) for a person to look at.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentSheet, score } from '../../src/scoresheet';
import { ApiSession } from './support/apiClient';
import { ACTION_TIMEOUT_MS, launchBrowser } from './support/chromium';
import { installErgonomicsProbe, PHONE, scrollNeeded, typicalLiveCall } from './support/liveCall';
import { seedAccounts, type Seed } from './support/seed';
import { freshDataDir, startServer, type RunningServer } from './support/server';
import { signIn, startTest } from './support/app';

const skip = inject('e2eSkipReason') !== '';
const SHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), 'courtesy-e2e-screens');

describe.skipIf(skip)('the live-call screen', () => {
  let server: RunningServer;
  let seed: Seed;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = freshDataDir();
    seed = await seedAccounts(dataDir);
    server = await startServer({ dataDir });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a typical complete test: ≤ 30 taps, ≤ 3 screen heights scrolled, each tool on screen when tapped', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-TW', timezoneId: 'Asia/Taipei', hasTouch: false });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    await installErgonomicsProbe(context as never);
    const page = await context.newPage();
    await signIn(page, server.url, seed.tester);
    const figures = await typicalLiveCall(page, server.url);
    console.log(`[live-call] ${JSON.stringify(figures)}`);
    expect(figures.taps).toBeLessThanOrEqual(30);
    expect(figures.screensScrolled).toBeLessThanOrEqual(3);
    expect(figures.toolsOnScreen).toBe(figures.toolTaps);
    // The total on screen is the scorer's over what the device stored.
    const stored = await page.evaluate(async (id) => {
      const open = indexedDB.open('courtesy-tests');
      const db: IDBDatabase = await new Promise((ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = () => fail(open.error))));
      const req = db.transaction('tests').objectStore('tests').get(id);
      return new Promise<{ answers: Record<string, unknown> }>((ok) => (req.onsuccess = () => ok(req.result)));
    }, figures.testId);
    expect(figures.total).toBe(score(currentSheet, { format: 'courtesy-answers/1', answers: stored.answers as never }).total);
    // And it reaches the server by itself.
    const admin = await ApiSession.login(server.url, seed.admin.username, seed.admin.password);
    await expect.poll(async () => (await admin.pullAll()).some((c) => c.id === figures.testId), { timeout: 30_000 }).toBe(true);
    await context.close();
  });

  it('screenshots of a step with its tools at 390 × 844 and 1280 × 800', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const context = await browser.newContext({ viewport, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      const page = await context.newPage();
      await page.goto(`${server.url}/#/`);
      const id = await startTest(page, { unitName: '第五組', answererSurname: '王', extension: '1', testerName: '林' });
      await page.goto(`${server.url}/#/test/${encodeURIComponent(id)}/live`);
      await page.getByRole('heading', { level: 1, name: /撥號／語音系統/ }).waitFor();
      await page.screenshot({ path: join(SHOTS, `live-call-step1-${viewport.width}x${viewport.height}.png`) });
      if (viewport === PHONE) {
        // The scroll measure sees what is hidden under the tools: step 1's last option is below them.
        const last = page.getByRole('group', { name: '４、電話語音總機應答語調：', exact: true }).getByRole('radio').last();
        expect(await scrollNeeded(last)).toBeGreaterThan(0);
      }
      await page.getByRole('button', { name: '下一步 ›' }).click();
      await page.getByRole('button', { name: /^鈴響 \+1/ }).click();
      await page.getByRole('button', { name: /^鈴響 \+1（1）/ }).waitFor();
      await page.screenshot({ path: join(SHOTS, `live-call-${viewport.width}x${viewport.height}.png`) });
      // The tools sit in the bottom half of a phone screen (thumb reach).
      const box = await page.getByRole('button', { name: /^已接聽/ }).boundingBox();
      if (viewport === PHONE) expect(box!.y).toBeGreaterThan(viewport.height / 2);
      await context.close();
    }
  });
});
