// A typical complete test on the live-call screen, the way a tester's thumb does it on a 390 × 844
// phone, with the counts issue 14 sets targets for: taps (trusted pointerdowns), screen heights
// scrolled (every scroll of the page, including what reaching a control needs), and whether each
// live tool was on screen, without scrolling, at the moment it was tapped. Used by the e2e test
// (which checks the targets) and by `npm run bench` (which prints the figures).
import type { Locator, Page } from 'playwright-core';
import { currentSheet, findNode, type Answers, type BandAnswer, type ItemNode, type VariantBandAnswer } from '../../../src/scoresheet';
import { choice, EXAMPLE_ANSWERS, itemGroup, startTest } from './app';

export const PHONE = { width: 390, height: 844 };

const PROBE = `(() => {
  const w = window;
  w.__ergo = { taps: 0, scrolled: 0, lastY: window.scrollY };
  addEventListener('pointerdown', (e) => { if (e.isTrusted) w.__ergo.taps++; }, true);
  addEventListener('scroll', () => { w.__ergo.scrolled += Math.abs(window.scrollY - w.__ergo.lastY); w.__ergo.lastY = window.scrollY; }, true);
})();`;

export interface LiveCallFigures {
  taps: number;
  /** Screen heights the tester had to scroll to reach the next control (scrolls the app made itself excluded). */
  screensScrolled: number;
  /** Every scroll of the page, the app's own included (for reference). */
  pageScreensScrolled: number;
  /** Live-tool taps made while the tool was already fully on screen / all live-tool taps. */
  toolsOnScreen: number;
  toolTaps: number;
  total: number;
  testId: string;
}

const item = (id: string) => findNode(currentSheet, id) as ItemNode;

/**
 * How far the tester must scroll to see all of `target` in the part of the screen it can be seen
 * in (items: between the sticky score bar and the sticky tools; the tools: the whole screen).
 * Measured before each tap, so scrolling the app does by itself is not counted as the tester's.
 */
export async function scrollNeeded(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inTools = !!el.closest('.live-tools');
    const top = inTools ? 0 : Math.max(0, document.querySelector('.live-top')?.getBoundingClientRect().bottom ?? 0);
    const bottom = inTools ? window.innerHeight : Math.min(window.innerHeight, document.querySelector('.live-tools')?.getBoundingClientRect().top ?? window.innerHeight);
    if (r.top < top) return top - r.top;
    if (r.bottom > bottom) return Math.min(r.bottom - bottom, r.top - top);
    return 0;
  });
}

async function onScreen(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

/**
 * Like answerItem (support/app.ts), but with a plain click: the live screen moves to the next step
 * as soon as a step's last item is answered, so the radio may be gone before a check() could
 * confirm it. Radios are found the same way, by the sheet's own texts.
 */
let needed = 0;

async function tapIt(target: Locator): Promise<void> {
  await target.waitFor();
  needed += await scrollNeeded(target);
  await target.click();
}

export async function answerLive(page: Page, node: ItemNode, value: Answers[string]): Promise<void> {
  const label = node.label.zh;
  const band = async (legend: string, bands: { key: string; label: { zh: string }; min: number; max: number }[], v: { band?: string; points?: number }) => {
    const b = bands.find((x) => x.key === v.band)!;
    await tapIt(choice(itemGroup(page, legend), b.label.zh));
    if (b.min !== b.max && v.points !== undefined) {
      await tapIt(itemGroup(page, `${legend} — 分數（${b.min}–${b.max}）`).getByRole('radio', { name: `${v.points} 分`, exact: true }));
    }
  };
  switch (node.kind) {
    case 'switch':
      return tapIt(itemGroup(page, label).getByRole('radio', { name: value ? node.yes.zh : node.no.zh, exact: true }));
    case 'check':
      return tapIt(choice(itemGroup(page, label), value === 'na' ? node.na!.label.zh : value ? '有' : '無'));
    case 'options':
      return tapIt(choice(itemGroup(page, label), value === 'na' ? node.na!.label.zh : node.options.find((o) => o.key === value)!.label.zh));
    case 'band':
      return band(label, node.bands, value as BandAnswer);
    case 'variantBand': {
      const v = value as VariantBandAnswer;
      const variant = node.variants.find((x) => x.key === v.variant)!;
      await tapIt(choice(itemGroup(page, label), variant.label.zh));
      return band(variant.label.zh, variant.bands, v);
    }
    case 'timing':
      throw new Error('timing items are answered with the live tools here');
  }
}

export async function installErgonomicsProbe(page: Page): Promise<void> {
  await page.addInitScript(PROBE);
}

/** Start a test (the details screen is not counted: it is filled before the call), then the call. */
export async function typicalLiveCall(page: Page, base: string): Promise<LiveCallFigures> {
  await page.goto(`${base}/#/`);
  const testId = await startTest(page, { unitName: '第五組', answererSurname: '王', extension: '123', testerName: '林測試' });
  await page.getByRole('heading', { level: 1, name: /撥號／語音系統/ }).waitFor();
  await page.evaluate(() => {
    const e = (window as unknown as { __ergo: { taps: number; scrolled: number; lastY: number } }).__ergo;
    e.taps = 0;
    e.scrolled = 0;
    e.lastY = window.scrollY;
  });
  let toolTaps = 0;
  let toolsOnScreen = 0;
  needed = 0;
  const tool = async (name: RegExp) => {
    const button = page.getByRole('button', { name });
    await button.waitFor();
    toolTaps++;
    if (await onScreen(button)) toolsOnScreen++;
    await tapIt(button);
  };
  const answer = async (id: string) => answerLive(page, item(id), EXAMPLE_ANSWERS[id]);
  const step = (name: RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  // 1 撥號／語音系統: a recorded voice answers.
  for (const id of ['voiceSystem', '1.1.1', '1.1.2', '1.1.3', '1.1.4']) await answer(id);
  // 2 總機: it rings three times (the first ring starts the stopwatch), the operator picks up.
  await step(/總機/);
  for (let i = 0; i < 3; i++) await tool(/^鈴響 \+1/);
  await tool(/^已接聽/);
  for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.8']) await answer(id);
  // 3 轉接: the operator answers without transferring (1.3.6 follows), the unit was not busy.
  await step(/轉接/);
  for (const id of ['1.3.5', '1.3.7', '1.3.4']) await answer(id);
  // 4 業務單位: the stopwatch at the transfer, someone answers.
  await step(/業務單位/);
  await tool(/^開始計時/);
  await tool(/^已接聽/);
  for (const id of ['2.2.1', '2.2.3']) await answer(id);
  // 5 答話內容, 6 結束.
  await step(/答話內容/);
  await answer('2.3');
  await step(/結束/);
  await answer('2.2.2');
  await tapIt(page.getByRole('button', { name: '完成測試', exact: true }));
  await page.getByText('✓ 已完成（唯讀）').waitFor();
  const probe = await page.evaluate(() => (window as unknown as { __ergo: { taps: number; scrolled: number } }).__ergo);
  const totalText = await page.locator('.live-total strong').innerText();
  return {
    taps: probe.taps,
    screensScrolled: needed / PHONE.height,
    pageScreensScrolled: probe.scrolled / PHONE.height,
    toolsOnScreen,
    toolTaps,
    total: Number(totalText),
    testId,
  };
}
