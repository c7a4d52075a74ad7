// Issue 11, end to end in real Chromium against the real server: a revised 附表3 (one more item,
// other points, an effective date) is checked, previewed, uploaded and published by the admin in
// the admin screen — no rebuild, no redeploy. A tester's phone fetches it while online, fills a
// test on it offline (after a reload), syncs, and the review shows it beside v1 tests whose scores
// are unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSheet, taipeiDay } from '../../src/scoresheet';
import { quarterKey, quarterOf } from '../../src/record/quarter';
import { isTombstone, PROTOCOL_VERSION, type PullResponse, type ServerRecord } from '../../src/sync/protocol';
import revised from '../scoresheet/fixtures/bsmi-fubiao3.v2.json';
import { makeRecord, op } from '../server/fixtures';
import { ApiSession } from './support/apiClient';
import { EXAMPLE_ANSWERS, EXAMPLE_TOTAL, answerSheet, savedOnDevice, serviceWorkerReady, shownTotal, signIn, startTest } from './support/app';
import { freshPage, launchBrowser, launchProfile } from './support/chromium';
import { stepChain } from './support/steps';
import { UNIT_NAME, seedAccounts, type Seed } from './support/seed';
import { freshDataDir, startServer, type RunningServer } from './support/server';

const skip = inject('e2eSkipReason') !== '';
const v2 = loadSheet(revised);
const V2_ANSWERS = { ...EXAMPLE_ANSWERS, '2.2.4': true };
// 1.3.1 is worth 4 on v2 (3 on v1), 1.3.2 worth 2 (3), and 2.2.4 adds 5: 79 + 1 − 1 + 5.
const V2_TOTAL = 84;

describe.skipIf(skip)('journey: a revised sheet goes live without a release', () => {
  let server: RunningServer;
  let seed: Seed;
  let profileDir: string;
  let context: BrowserContext;
  let page: Page;
  let admin: ApiSession;
  let v2TestId = '';
  const v1Ids: string[] = [];
  const today = taipeiDay(new Date());
  // The v1 tests were made yesterday (Taipei), before the revision's effective date.
  const yesterday = new Date(Date.now() - 24 * 3600_000);
  const v1At = `${taipeiDay(yesterday)}T10:00:00+08:00`;
  const step = stepChain();

  beforeAll(async () => {
    const dataDir = freshDataDir();
    seed = await seedAccounts(dataDir);
    server = await startServer({ dataDir });
    profileDir = mkdtempSync(join(tmpdir(), 'e2e-profile-'));
    admin = await ApiSession.login(server.url, seed.admin.username, seed.admin.password);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    for (const dir of [server?.dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Pull as an app that renders v2 too (the server withholds tests on versions a client cannot show).
  const held = async (id: string) => {
    const sheets = encodeURIComponent(['bsmi-fubiao3@1', 'bsmi-fubiao3@2', 'city-example@1'].join(','));
    const page = await admin.json<PullResponse>('GET', `/api/sync/pull?protocol=${PROTOCOL_VERSION}&sheets=${sheets}&since=0&limit=1000`);
    return page.changes.filter((c): c is ServerRecord => !isTombstone(c) && c.id === id);
  };

  it('v1 tests are on the server, scored on v1', async (ctx) => {
    step(ctx);
    const tester = await ApiSession.login(server.url, seed.tester.username, seed.tester.password);
    const records = [0, 1].map(() => makeRecord(seed.unit.id, { unitName: UNIT_NAME, testedAt: v1At }));
    const { results } = await tester.push('v1-phone', records.map((r) => op(r)));
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    for (const r of records) {
      v1Ids.push(r.id);
      expect((await held(r.id))[0].score).toMatchObject({ total: EXAMPLE_TOTAL, max: 100, sheet: { id: 'bsmi-fubiao3', version: 1 } });
    }
  });

  it('the admin checks, previews, uploads and publishes the revision in the admin screen', async (ctx) => {
    step(ctx);
    const browser = await launchBrowser();
    try {
      const a = await freshPage(browser);
      await signIn(a, server.url, seed.admin);
      await a.goto(`${server.url}/#/admin`);
      await a.getByRole('tab', { name: '量表版本', exact: true }).click();
      await a.getByRole('table', { name: '已知的量表版本' }).waitFor();
      await a.getByLabel('量表定義（JSON）', { exact: true }).fill(JSON.stringify(revised));
      await a.getByRole('button', { name: '檢查並預覽', exact: true }).click();
      const preview = a.getByRole('region', { name: '預覽' });
      await preview.getByText(/範例計分：\d+ \/ 105 分/).waitFor();
      // The preview is the real form: the new item is there to see.
      await preview.getByRole('group', { name: '４、主動告知承辦人姓名或分機號碼。', exact: true }).waitFor();
      await preview.getByRole('button', { name: '上傳 bsmi-fubiao3 第 2 版', exact: true }).click();
      const row = a.getByRole('row', { name: /修訂版.*已上傳，未發布/ });
      await row.waitFor();
      await row.getByLabel(/生效日期/).fill(today);
      await row.getByRole('button', { name: '發布 bsmi-fubiao3@2', exact: true }).click();
      await a.getByText(`已發布 bsmi-fubiao3 第 2 版，自 ${today} 起生效。`).waitFor();
    } finally {
      await browser.close();
    }
    const served = await admin.json<{ versions: { id: string; version: number; effectiveFrom: string }[] }>('GET', '/api/sheets');
    expect(served.versions.map((v) => [v.id, v.version, v.effectiveFrom])).toEqual([['bsmi-fubiao3', 2, today]]);
  });

  it('the tester’s phone fetches it while online: a new test is on version 2', async (ctx) => {
    step(ctx);
    context = await launchProfile(profileDir);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/`);
    await serviceWorkerReady(page);
    await signIn(page, server.url, seed.tester);
    await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '新增測試', exact: true }).click();
    await page.getByText(`${v2.title.zh} （第 2 版）`).waitFor();
  });

  it('offline, after a reload, the cached version is still in force; a whole test is filled on it', async (ctx) => {
    step(ctx);
    await context.setOffline(true);
    await page.goto(`${server.url}/#/`);
    await page.reload();
    await page.getByRole('heading', { name: '測試清單', level: 1 }).waitFor();
    v2TestId = await startTest(page, { unitName: UNIT_NAME, answererSurname: '王', extension: '123', testerName: '林測試' });
    await page.getByRole('heading', { level: 1, name: v2.title.zh }).waitFor();
    await answerSheet(page, V2_ANSWERS, v2);
    await savedOnDevice(page);
    expect(await shownTotal(page, 105)).toBe(V2_TOTAL);
    await page.getByRole('button', { name: '完成測試', exact: true }).click();
    await page.getByText('✓ 已完成（唯讀）').waitFor();
  });

  it('back online it syncs: the server scores it on version 2; the v1 tests are unchanged', async (ctx) => {
    step(ctx);
    // The device remembers who signed in (issue 14): back online, it syncs by itself.
    await context.setOffline(false);
    await page.goto(`${server.url}/#/`);
    // The list also shows the v1 tests pulled from the server; wait for this test's row.
    await page.getByRole('link').filter({ hasText: `${V2_TOTAL} / 105` }).getByText(/伺服器已確認（版本 1）/).waitFor({ timeout: 60_000 });
    const [stored] = await held(v2TestId);
    expect(stored.sheet).toEqual({ id: 'bsmi-fubiao3', version: 2 });
    expect(stored.score).toMatchObject({ total: V2_TOTAL, max: 105, complete: true });
    for (const id of v1Ids) expect((await held(id))[0].score).toMatchObject({ total: EXAMPLE_TOTAL, max: 100 });
  });

  it('the review shows the v2 test beside the v1 tests, each with its max, averages on a percentage', async (ctx) => {
    step(ctx);
    const sameQuarter = quarterKey(quarterOf(v1At)) === quarterKey(quarterOf(new Date().toISOString()));
    const browser = await launchBrowser();
    try {
      const a = await freshPage(browser);
      await signIn(a, server.url, seed.admin);
      await a.goto(`${server.url}/#/review`);
      await a.getByText(new RegExp(`${UNIT_NAME}　${V2_TOTAL} / 105 分`)).waitFor();
      if (sameQuarter) {
        // Each test is listed once among the results not yet acknowledged (and again beside its own entry).
        expect(await a.getByRole('region', { name: '尚未確認的結果' }).getByText(new RegExp(`${UNIT_NAME}　${EXAMPLE_TOTAL} 分`)).count()).toBe(2);
        await a.getByText('本季測試使用不同版本的量表（滿分 100、105），平均、最低、最高與等第皆以百分比（滿分 100）計。').waitFor();
        // (79 + 79 + 84 / 105 × 100) / 3 = 79.33
        const row = a.getByRole('row', { name: new RegExp(`^${UNIT_NAME} 3 79\\.33`) });
        await row.waitFor();
      }
    } finally {
      await browser.close();
    }
  });
});
