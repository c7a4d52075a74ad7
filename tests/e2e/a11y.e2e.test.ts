// WCAG 2.1 A/AA on every screen, in real Chromium with real fonts and layout (contrast, target
// sizes and focus need a real renderer; jsdom cannot judge them): axe-core finds no violation.
// The screens are reached as their users reach them, starting from a server's very first start.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { currentSheet, findNode, type ItemNode } from '../../src/scoresheet';
import { ApiSession } from './support/apiClient';
import { EXAMPLE_ANSWERS, answerItem, answerSheet, loadUnitList, savedOnDevice, signIn, startTest } from './support/app';
import { expectAccessible } from './support/axe';
import { freshPage, launchBrowser } from './support/chromium';
import { OTHER_UNIT_NAME, UNIT_NAME, setupTokenFrom } from './support/seed';
import { startServer, type RunningServer } from './support/server';
import { stepChain } from './support/steps';

const skip = inject('e2eSkipReason') !== '';

describe.skipIf(skip)('accessibility (axe, WCAG 2.1 A/AA) on every screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let testId = '';
  const step = stepChain();
  const passwords = { admin: 'pw-admin1-Secret!9', tester: 'pw-tester1-Secret!9', head: 'pw-head1-Secret!9' };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('first start: the one-time setup screen, before and after creating the admin', async (ctx) => {
    step(ctx);
    const page = await freshPage(browser);
    await page.goto(`${server.url}/#/setup?token=${setupTokenFrom(server.output())}`);
    await page.getByRole('heading', { name: '建立第一位管理者' }).waitFor();
    await expectAccessible(page, 'setup');
    await page.getByLabel('管理者帳號', { exact: true }).fill('admin1');
    await page.getByLabel('密碼', { exact: true }).fill(passwords.admin);
    await page.getByLabel('確認密碼', { exact: true }).fill(passwords.admin);
    await page.getByRole('button', { name: '建立並登入' }).click();
    await page.getByText('已建立管理者「admin1」並登入。').waitFor();
    await expectAccessible(page, 'setup done');
    // The rest of the accounts, made by that admin.
    const admin = await ApiSession.login(server.url, 'admin1', passwords.admin);
    const unit = await admin.json<{ id: string }>('POST', '/api/units', { name: UNIT_NAME, phone: '02-2343-1700' });
    await admin.json('POST', '/api/units', { name: OTHER_UNIT_NAME });
    await admin.json('POST', '/api/users', { username: 'tester1', password: passwords.tester, role: 'tester', displayName: '林測試' });
    await admin.json('POST', '/api/users', { username: 'head1', password: passwords.head, role: 'unitHead', unitIds: [unit.id], displayName: '張主管' });
    await page.context().close();
  });

  it('the tester’s screens: empty list, settings, new test, the form half filled, completed, print, the list', async (ctx) => {
    step(ctx);
    const page = await freshPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByText('此裝置上尚無測試。').waitFor();
    await expectAccessible(page, 'tests (empty)');
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    await expectAccessible(page, 'settings (signed out)');
    await signIn(page, server.url, { username: 'tester1', password: passwords.tester });
    await expectAccessible(page, 'settings (signed in)');
    await loadUnitList(page);

    await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '新增測試', exact: true }).click();
    await page.getByRole('heading', { name: '新增測試', level: 1 }).waitFor();
    await expectAccessible(page, 'new test');

    testId = await startTest(page, { unitName: UNIT_NAME, answererSurname: '王', extension: '123', testerName: '林測試' });
    await expectAccessible(page, 'form (blank)');
    // Half filled: no voice system (1.1 taken out with its reason), blocked choices, missing items.
    const node = (id: string) => findNode(currentSheet, id) as ItemNode;
    await answerItem(page, node('voiceSystem'), false);
    await answerItem(page, node('1.2'), { outcome: 'outOfOrder' });
    await answerItem(page, node('2.1.1'), { outcome: 'answered', rings: 5 });
    await savedOnDevice(page);
    await expectAccessible(page, 'form (half filled, rules applied)');
    await page.getByRole('button', { name: '完成測試', exact: true }).click();
    await expectAccessible(page, 'form (completion refused: missing items listed)');

    // The whole sheet, completed: read-only with 「更正」.
    await answerItem(page, node('voiceSystem'), true);
    await answerSheet(page, EXAMPLE_ANSWERS);
    await page.getByRole('button', { name: '完成測試', exact: true }).click();
    await page.getByText('✓ 已完成（唯讀）').waitFor();
    await expectAccessible(page, 'form (completed)');
    await page.getByRole('button', { name: '更正', exact: true }).click();
    await expectAccessible(page, 'form (correcting)');

    await page.goto(`${server.url}/#/test/${encodeURIComponent(testId)}/print`);
    await page.getByText(currentSheet.title.zh).first().waitFor();
    await expectAccessible(page, 'print');

    await page.goto(`${server.url}/#/`);
    await page.getByRole('button', { name: '⇅ 立即同步' }).click();
    await page.getByText(/伺服器已確認/).first().waitFor();
    await expectAccessible(page, 'tests (with a synced test)');

    // The same in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Tests', level: 1 }).waitFor();
    await expectAccessible(page, 'tests (English)');
    await page.goto(`${server.url}/#/test/${encodeURIComponent(testId)}`);
    await page.getByText('Completed (read-only)', { exact: false }).first().waitFor();
    await expectAccessible(page, 'form (English)');
    await page.context().close();
  });

  it('the unit head’s quarterly review', async (ctx) => {
    step(ctx);
    const page = await freshPage(browser);
    await signIn(page, server.url, { username: 'head1', password: passwords.head });
    await page.goto(`${server.url}/#/review`);
    await page.getByRole('row', { name: new RegExp(UNIT_NAME) }).first().waitFor();
    await expectAccessible(page, 'review (unit head)');
    await page.context().close();
  });

  it('the secretariat’s review, plan, annual report and administration', async (ctx) => {
    step(ctx);
    const page = await freshPage(browser);
    await signIn(page, server.url, { username: 'admin1', password: passwords.admin });
    for (const [hash, name] of [
      ['review', '季檢討'],
      ['plan', '測試計畫'],
      ['report', '年度報告'],
      ['admin', '系統管理'],
    ] as const) {
      await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name, exact: true }).click();
      await page.waitForURL(new RegExp(`#/${hash}`));
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expectAccessible(page, hash);
    }
    await page.context().close();
  });
});
