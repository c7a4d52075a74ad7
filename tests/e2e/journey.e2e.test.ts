// The tester's whole day, in real Chromium against the real server: first visit, the network goes,
// a whole test is recorded by the sheet's labels, the page reloads, the browser is closed and opened
// again, the network comes back, the test syncs exactly once; the unit head sees it in the quarter's
// review and the secretariat exports the annual report as ODS, which parses and holds the score.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentSheet, score } from '../../src/scoresheet';
import { isTombstone, type ServerRecord } from '../../src/sync/protocol';
import { ApiSession } from './support/apiClient';
import { EXAMPLE_ANSWERS, EXAMPLE_TOTAL, answerSheet, choice, savedOnDevice, serviceWorkerReady, shownTotal, signIn, startTest } from './support/app';
import { freshPage, launchBrowser, launchProfile } from './support/chromium';
import { stepChain } from './support/steps';
import { UNIT_NAME, seedAccounts, type Seed } from './support/seed';
import { freshDataDir, startServer, type RunningServer } from './support/server';

const skip = inject('e2eSkipReason') !== '';

describe.skipIf(skip)('journey: offline recording to the annual report', () => {
  let server: RunningServer;
  let seed: Seed;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let testId = '';
  const step = stepChain();

  beforeAll(async () => {
    const dataDir = freshDataDir();
    // The secretariat's way: the admin CLI on the server's data directory, before it starts.
    seed = await seedAccounts(dataDir);
    server = await startServer({ dataDir });
    profileDir = mkdtempSync(join(tmpdir(), 'e2e-profile-'));
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    for (const dir of [server?.dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('first visit: the service worker takes over, and the tester signs in once (the unit list is kept)', async (ctx) => {
    step(ctx);
    context = await launchProfile(profileDir);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/`);
    await serviceWorkerReady(page);
    await signIn(page, server.url, seed.tester);
  });

  it('the unit list is kept for offline use as soon as the tester signs in', async (ctx) => {
    step(ctx);
    // No visit to 「新增測試」 needed: signing in alone keeps the list, so a test started offline names its unit.
    await page.waitForFunction(
      (name) => (JSON.parse(localStorage.getItem('courtesy.units') ?? '[]') as { name: string }[]).some((u) => u.name === name),
      UNIT_NAME,
    );
  });

  it('with the network off, a reload still opens the app', async (ctx) => {
    step(ctx);
    await context.setOffline(true);
    await page.goto(`${server.url}/#/`);
    await page.reload();
    await expect(page.getByRole('heading', { name: '測試清單', level: 1 }).isVisible()).resolves.toBe(true);
  });

  it('records a whole test by the labels on screen, offline, and the total matches the scorer', async (ctx) => {
    step(ctx);
    testId = await startTest(page, { unitName: UNIT_NAME, answererSurname: '王', extension: '123', testerName: '林測試' });
    await answerSheet(page, EXAMPLE_ANSWERS);
    await savedOnDevice(page);
    const expected = score(currentSheet, { format: 'courtesy-answers/1', answers: EXAMPLE_ANSWERS }).total;
    expect(expected).toBe(EXAMPLE_TOTAL);
    expect(await shownTotal(page)).toBe(expected);
    await page.getByRole('button', { name: '完成測試', exact: true }).click();
    await page.getByText('✓ 已完成（唯讀）').waitFor();
  });

  it('after a reload (still offline) the test is unchanged', async (ctx) => {
    step(ctx);
    await page.reload();
    await page.getByText('✓ 已完成（唯讀）').waitFor();
    expect(await shownTotal(page)).toBe(EXAMPLE_TOTAL);
    const group = page.getByRole('group', { name: '２、說「您好」、「早安」等問候語。', exact: true });
    await expect(choice(group, '有').isChecked()).resolves.toBe(true);
  });

  it('after closing the browser and opening it again (offline), the test is intact', async (ctx) => {
    step(ctx);
    await context.close();
    context = await launchProfile(profileDir, { offline: true });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/#/`);
    const row = page.getByRole('link', { name: new RegExp(`${UNIT_NAME}.*${EXAMPLE_TOTAL} / 100 分`) });
    await row.waitFor();
    await row.click();
    await page.getByText('✓ 已完成（唯讀）').waitFor();
    expect(await shownTotal(page)).toBe(EXAMPLE_TOTAL);
    expect(decodeURIComponent(page.url())).toContain(testId);
  });

  it('back online, it syncs by itself: the server holds it exactly once, scored the same', async (ctx) => {
    step(ctx);
    // Issue 14: the device remembers who signed in, so coming back online is enough — no sign-in,
    // no reload, no 「立即同步」 (this step used to sign in again and tap sync).
    await context.setOffline(false);
    await page.getByText(/伺服器已確認（版本 1）/).first().waitFor({ timeout: 30_000 });
    const admin = await ApiSession.login(server.url, seed.admin.username, seed.admin.password);
    const held = (await admin.pullAll()).filter((c): c is ServerRecord => !isTombstone(c) && c.id === testId);
    expect(held).toHaveLength(1);
    expect(held[0].score?.total).toBe(EXAMPLE_TOTAL);
    expect(held[0].unitId).toBe(seed.unit.id);
  });

  it('the unit head, in another browser, sees it in the quarter’s review', async (ctx) => {
    step(ctx);
    const browser = await launchBrowser();
    try {
      const head = await freshPage(browser);
      await signIn(head, server.url, seed.head);
      await head.goto(`${server.url}/#/review`);
      const row = head.getByRole('row', { name: new RegExp(UNIT_NAME) }).first();
      await row.waitFor();
      expect(await row.innerText()).toContain(String(EXAMPLE_TOTAL));
    } finally {
      await browser.close();
    }
  });

  it('the admin exports the annual report as ODS; it parses and holds the score', async (ctx) => {
    step(ctx);
    const browser = await launchBrowser();
    try {
      const admin = await freshPage(browser, { acceptDownloads: true });
      await signIn(admin, server.url, seed.admin);
      await admin.goto(`${server.url}/#/report`);
      const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: /ODS/ }).or(admin.getByRole('button', { name: /ODS/ })).first().click()]);
      const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
      expect(strFromU8(files.mimetype)).toBe('application/vnd.oasis.opendocument.spreadsheet');
      const content = strFromU8(files['content.xml']);
      expect(content).toContain(UNIT_NAME);
      expect(content).toMatch(new RegExp(`office:value="${EXAMPLE_TOTAL}"`));
    } finally {
      await browser.close();
    }
  });
});
