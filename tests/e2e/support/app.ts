// What a tester does with the app, said the way they would: find an item by its text on the sheet
// and tap the choice by its text. Every label comes from the sheet data (verbatim zh), never a
// test id, so these helpers fail when a label the tester relies on goes missing.
import type { Locator, Page } from 'playwright-core';
import { currentSheet, walkSheet, type Answers, type BandAnswer, type ItemNode, type Sheet, type TimingAnswer, type VariantBandAnswer } from '../../../src/scoresheet';

import { specExampleAnswers } from '../../support/answers';

const sheet = currentSheet;

/** The spec's example (scoring-rules.md): a whole, valid 附表3 scoring 79 / 100. */
export const EXAMPLE_ANSWERS: Answers = specExampleAnswers();
export const EXAMPLE_TOTAL = 79;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An item's fieldset, found by its legend: the item's text on the sheet. */
export function itemGroup(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/** A choice inside a group, by the start of its visible text (the 「（n 分）」 hint follows it). */
export function choice(group: Locator, text: string): Locator {
  return group.getByRole('radio', { name: new RegExp(`^${escape(text)}(\\s*（|$)`) });
}

async function tap(radio: Locator): Promise<void> {
  await radio.check();
}

async function answerBand(page: Page, legend: string, bands: { key: string; label: { zh: string }; min: number; max: number }[], value: { band?: string; points?: number }) {
  const band = bands.find((b) => b.key === value.band)!;
  await tap(choice(itemGroup(page, legend), band.label.zh));
  if (band.min !== band.max && value.points !== undefined) {
    const points = itemGroup(page, `${legend} — 分數（${band.min}–${band.max}）`);
    await tap(points.getByRole('radio', { name: `${value.points} 分`, exact: true }));
  }
}

export async function answerItem(page: Page, node: ItemNode, value: Answers[string]): Promise<void> {
  const label = node.label.zh;
  switch (node.kind) {
    case 'switch':
      await tap(itemGroup(page, label).getByRole('radio', { name: value ? node.yes.zh : node.no.zh, exact: true }));
      return;
    case 'check': {
      const text = value === 'na' ? node.na!.label.zh : value ? '有' : '無';
      await tap(choice(itemGroup(page, label), text));
      return;
    }
    case 'options': {
      const text = value === 'na' ? node.na!.label.zh : node.options.find((o) => o.key === value)!.label.zh;
      await tap(choice(itemGroup(page, label), text));
      return;
    }
    case 'band':
      await answerBand(page, label, node.bands, value as BandAnswer);
      return;
    case 'variantBand': {
      const v = value as VariantBandAnswer;
      const variant = node.variants.find((x) => x.key === v.variant)!;
      await tap(choice(itemGroup(page, label), variant.label.zh));
      await answerBand(page, variant.label.zh, variant.bands, v);
      return;
    }
    case 'timing': {
      const v = value as TimingAnswer;
      const group = itemGroup(page, label);
      await tap(choice(group, node.outcomes.find((o) => o.key === v.outcome)!.label.zh));
      // The rings / seconds fields sit next to the outcome, labelled 「電話鈴響（聲）」「接聽秒數（秒）」.
      const block = page.locator('div').filter({ has: group }).last();
      for (const m of node.measures) {
        const x = (v as Record<string, unknown>)[m.key];
        if (typeof x === 'number') await block.getByLabel(`${m.label.zh}（${m.unit.zh}）`, { exact: true }).fill(String(x));
      }
      return;
    }
  }
}

/** Answers every item present in `answers`, in the order of the printed sheet. */
export async function answerSheet(page: Page, answers: Answers, on: Sheet = sheet): Promise<void> {
  for (const { node } of walkSheet(on)) {
    if (node.kind === 'group' || !(node.id in answers)) continue;
    await answerItem(page, node, answers[node.id]);
  }
}

/** The running total as the sticky bar shows it: 「總得分：79 / 100」. */
export async function shownTotal(page: Page, max = 100): Promise<number> {
  const text = await page.getByRole('region', { name: '得分' }).getByText(new RegExp(`${sheet.header.total.zh}：`)).innerText();
  const m = text.match(new RegExp(`：\\s*([\\d.]+)\\s*\\/\\s*${max}`));
  if (!m) throw new Error(`no total in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** Waits until the sticky bar says every tap is on the device. */
export async function savedOnDevice(page: Page): Promise<void> {
  await page.getByRole('region', { name: '得分' }).getByText('✓ 已儲存在此裝置').waitFor();
}

/** A first visit's service worker: registered, installed (shell precached) and active. */
export async function serviceWorkerReady(page: Page, timeoutMs = 30_000): Promise<void> {
  const ready = await page.evaluate(async (ms) => {
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms));
    const active = (async () => {
      // Active means installed, and installing means the whole shell was precached. (With
      // registerType 'prompt' the worker controls pages from the next load on, not this one.)
      await navigator.serviceWorker.ready;
      return 'ready' as const;
    })();
    return Promise.race([active, timeout]);
  }, timeoutMs);
  if (ready !== 'ready') throw new Error(`no service worker controls the page after ${timeoutMs} ms (is it registered in the production build?)`);
}

export async function signIn(page: Page, base: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${base}/#/settings`);
  await page.getByRole('textbox', { name: '帳號', exact: true }).fill(user.username);
  await page.getByLabel('密碼', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await page.getByText(/^已登入：/).waitFor();
}

/**
 * Opens 「新增測試」 once while online so the unit list is fetched and kept for offline use.
 * (The app caches the list only when this screen loads it; see the e2e report.)
 */
export async function loadUnitList(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '新增測試', exact: true }).click();
  await page.getByText('可從清單選擇或自行輸入。').waitFor();
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '測試清單', exact: true }).click();
}

export async function startTest(page: Page, details: { unitName: string; switchboardNumber?: string; answererSurname: string; extension: string; testerName: string }): Promise<string> {
  // From any screen: the main menu's 「新增測試」.
  await page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '新增測試', exact: true }).click();
  await page.getByLabel(sheet.header.unit.zh, { exact: true }).fill(details.unitName);
  if (details.switchboardNumber !== undefined) await page.getByLabel(sheet.header.switchboardNumber.zh, { exact: true }).fill(details.switchboardNumber);
  await page.getByLabel(sheet.header.answererSurname.zh, { exact: true }).fill(details.answererSurname);
  await page.getByLabel(sheet.header.extension.zh, { exact: true }).fill(details.extension);
  await page.getByLabel('測試人員', { exact: true }).fill(details.testerName);
  await page.getByRole('button', { name: '開始測試' }).click();
  await page.waitForURL(/#\/test\//);
  return decodeURIComponent(page.url().split('#/test/')[1]);
}
