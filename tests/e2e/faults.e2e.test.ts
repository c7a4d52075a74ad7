// Faults, provoked for real between Chromium and the real server: the reply of a committed push is
// cut by a loopback proxy, the server is killed while a sync is in flight, two devices edit the same
// test, and another tab upgrades the database. In each case: a clear state on screen, nothing lost,
// and the server holds every test exactly once.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isTombstone, type PushRequest, type PushResponse, type ServerRecord } from '../../src/sync/protocol';
import { ApiSession } from './support/apiClient';
import { EXAMPLE_ANSWERS, EXAMPLE_TOTAL, answerItem, answerSheet, choice, itemGroup, loadUnitList, savedOnDevice, serviceWorkerReady, signIn, startTest } from './support/app';
import { expectAccessible } from './support/axe';
import { ACTION_TIMEOUT_MS, launchBrowser } from './support/chromium';
import { PUSH, startFaultProxy, type FaultProxy } from './support/faultProxy';
import { UNIT_NAME, seedViaApi, type Seed } from './support/seed';
import { startServer, type RunningServer } from './support/server';
import { currentSheet, findNode, type ItemNode } from '../../src/scoresheet';

const skip = inject('e2eSkipReason') !== '';

describe.skipIf(skip)('faults', () => {
  let server: RunningServer;
  let proxy: FaultProxy;
  let seed: Seed;
  let browser: Browser;
  let admin: ApiSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    seed = await seedViaApi(server.url, server.output());
    admin = await ApiSession.login(server.url, seed.admin.username, seed.admin.password);
    proxy = await startFaultProxy(server.url);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await proxy?.close();
    await server?.dispose();
  });

  /** A phone: its own profile (cookies, IndexedDB), talking to the server through the fault proxy. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${proxy.url}/`);
    // Installed and in control (after one reload), so the app keeps working with the network off.
    await serviceWorkerReady(page);
    await page.reload();
    await signIn(page, proxy.url, seed.tester);
    // The unit list arrives a moment after sign-in; a phone that goes offline before it has it can
    // only type the unit's name (and the server refuses a completed test without its unit id).
    await loadUnitList(page);
    return { context, page };
  }

  /** What the server holds for one test, read by the admin straight from the change feed. */
  async function onServer(id: string): Promise<ServerRecord[]> {
    return (await admin.pullAll()).filter((c): c is ServerRecord => !isTombstone(c) && c.id === id);
  }

  /** The test's row in the list (its link to the form). */
  function listRow(page: Page, id: string) {
    return page.getByRole('listitem').locator(`a[href="#/test/${encodeURIComponent(id)}"]`);
  }

  /** Taps 「立即同步」 until the test's row in the list says the server confirmed it; returns that revision. */
  async function syncedRevision(page: Page, id: string): Promise<number> {
    await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '測試清單', exact: true }).click();
    const confirmed = listRow(page, id).getByText(/伺服器已確認（版本 (\d+)）/);
    for (let i = 0; i < 10 && !(await confirmed.isVisible()); i++) {
      const button = page.getByRole('button', { name: '⇅ 立即同步' });
      if (await button.isEnabled().catch(() => false)) await button.click();
      await confirmed.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    if (!(await confirmed.isVisible())) {
      throw new Error(`the test never showed as confirmed; the list says:\n${await page.locator('main').innerText()}`);
    }
    return Number((await confirmed.innerText()).match(/版本 (\d+)/)![1]);
  }

  it('a push whose reply is lost after the server committed it is retried and stored exactly once', async () => {
    const { context, page } = await phone();
    // Recorded offline, so every change waits in the outbox for the one push we will cut.
    await context.setOffline(true);
    const id = await startTest(page, { unitName: UNIT_NAME, answererSurname: '李', extension: '456', testerName: '林測試' });
    await answerSheet(page, EXAMPLE_ANSWERS);
    await page.getByRole('button', { name: '完成測試', exact: true }).click();
    await page.getByText('✓ 已完成（唯讀）').waitFor();

    const dropped = proxy.dropNextReply(PUSH);
    await context.setOffline(false);
    const cut = await dropped;
    // The server did commit: its reply (which the phone never saw) applied the ops.
    const committed = JSON.parse(cut.body) as PushResponse;
    expect(cut.status).toBe(200);
    expect(committed.results.length).toBeGreaterThan(0);
    expect(committed.results.every((r) => r.status === 'applied')).toBe(true);
    expect(await onServer(id)).toHaveLength(1);

    const rev = await syncedRevision(page, id);
    const held = await onServer(id);
    expect(held).toHaveLength(1);
    expect(held[0].rev).toBe(rev);
    expect(held[0].score?.total).toBe(EXAMPLE_TOTAL);
    expect(held[0].status).toBe('completed');
    // The retry re-sent the same op ids, and the server recognised them instead of applying twice.
    const sentFirst = (JSON.parse(cut.requestBody) as PushRequest).ops.map((o) => o.opId);
    const later = proxy.exchanges(PUSH).filter((x) => x.fault === undefined && x.responseBody);
    const replayed = later.flatMap((x) => (JSON.parse(x.responseBody!) as PushResponse).results).filter((r) => sentFirst.includes(r.opId));
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.every((r) => r.status === 'duplicate')).toBe(true);
  });

  it('the server killed while a sync is in flight: the phone says so, keeps everything, and syncs once it is back', async () => {
    const { context, page } = await phone();
    await context.setOffline(true);
    const id = await startTest(page, { unitName: UNIT_NAME, answererSurname: '張', extension: '789', testerName: '林測試' });
    await answerSheet(page, EXAMPLE_ANSWERS);
    await savedOnDevice(page);

    const held = proxy.holdNext(PUSH);
    await context.setOffline(false);
    await held.arrived;
    await server.stop('kill'); // a crash, not a clean shutdown
    held.release();
    await page.goto(`${proxy.url}/#/`);
    await page.getByText(/同步失敗/).waitFor();
    // Nothing is lost on the phone: the draft is listed with its score.
    const listed = page.getByRole('link', { name: new RegExp(`${UNIT_NAME}.*${EXAMPLE_TOTAL} / 100 分`) });
    await listed.first().waitFor(); // the rows' code loads beside the device storage (TestRows.tsx)
    await expect(listed.count()).resolves.toBeGreaterThan(0);

    await server.start();
    const rev = await syncedRevision(page, id);
    const stored = await onServer(id);
    expect(stored).toHaveLength(1);
    expect(stored[0].rev).toBe(rev);
    expect(stored[0].answers).toEqual(EXAMPLE_ANSWERS);
  });

  it('two devices edit one test: the second to sync sees a conflict side by side, and nothing is lost', async () => {
    const a = await phone();
    const id = await startTest(a.page, { unitName: UNIT_NAME, answererSurname: '陳', extension: '321', testerName: '林測試' });
    const node = (itemId: string) => findNode(currentSheet, itemId) as ItemNode;
    await answerItem(a.page, node('voiceSystem'), false);
    await savedOnDevice(a.page);
    await syncedRevision(a.page, id);

    // Device B: the same tester on another phone pulls the draft down and changes an item.
    const b = await phone();
    await syncedRevision(b.page, id);
    await listRow(b.page, id).click();
    await answerItem(b.page, node('1.3.8'), 'a');
    await savedOnDevice(b.page);
    await syncedRevision(b.page, id);

    // Device A, offline meanwhile, changes the same item differently, then reconnects.
    await a.context.setOffline(true);
    await listRow(a.page, id).click();
    await answerItem(a.page, node('1.3.8'), 'c');
    await savedOnDevice(a.page);
    await a.context.setOffline(false);
    // Synced from inside the open form: the form itself follows the sync state and shows the conflict.
    await a.page.getByRole('button', { name: '⇅ 立即同步' }).click();
    const conflict = a.page.getByRole('region', { name: /版本衝突/ });
    await conflict.waitFor();
    // The list marks it too, in words.
    await a.page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '測試清單', exact: true }).click();
    await listRow(a.page, id).getByText(/衝突/).waitFor();
    await listRow(a.page, id).click();
    await conflict.waitFor();
    // Both versions are on screen: A's 「語調急躁」 and B's 「語調謙和」 for item 1.3.8.
    const row = conflict.getByRole('row').filter({ hasText: node('1.3.8').label.zh });
    await expect(row.innerText()).resolves.toMatch(/（３）語調急躁、不耐煩。[\s\S]*（１）語調謙和、熱誠。/);
    // The server still holds B's version; A's stays on A until the tester chooses.
    expect((await onServer(id))[0].answers['1.3.8']).toBe('a');
    expect(await choice(itemGroup(a.page, node('1.3.8').label.zh), '（３）語調急躁、不耐煩。').isChecked()).toBe(true);

    await expectAccessible(a.page, 'form (conflict shown)');
    await conflict.getByRole('button', { name: '保留我的版本' }).click();
    await syncedRevision(a.page, id);
    const final = await onServer(id);
    expect(final).toHaveLength(1);
    expect(final[0].answers['1.3.8']).toBe('c');
  });


  it('a second tab upgrading the database makes this tab ask for a reload', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    contexts.push(context);
    const first = await context.newPage();
    await first.goto(`${server.url}/`);
    await first.getByRole('heading', { name: '測試清單', level: 1 }).waitFor();
    await first.getByText('此裝置上尚無測試。').waitFor();
    const second = await context.newPage();
    await second.goto(`${server.url}/`);
    await second.getByText('此裝置上尚無測試。').waitFor();
    // The second tab is a newer release: it opens the same database at a higher version.
    const upgraded = await second.evaluate(async () => {
      const info = (await indexedDB.databases()).find((d) => d.name === 'courtesy-tests');
      if (!info?.version) throw new Error('the app has not opened its database');
      return new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('courtesy-tests', info.version! + 1);
        open.onupgradeneeded = () => undefined;
        open.onsuccess = () => {
          const v = open.result.version;
          open.result.close();
          resolve(v);
        };
        open.onerror = () => reject(open.error);
      });
    });
    expect(upgraded).toBeGreaterThan(1);
    await first.getByText('應用程式已在另一個分頁更新，請重新載入。').waitFor();
    await expect(first.getByRole('button', { name: '重新載入' }).isEnabled()).resolves.toBe(true);
    await expectAccessible(first, 'tests (reload asked by another tab)');
  });
});
