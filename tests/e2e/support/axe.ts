// axe-core in real Chromium (contrast, target sizes and focus need a real renderer), WCAG 2.1 A/AA.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on what is on screen now; a failure lists each rule with the elements that break it. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Let lazy screens, fonts and late data settle before judging the page.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  expect(report, `axe on ${screen}`).toEqual([]);
  // The scan really looked at a screen (not a blank page).
  expect(results.passes.length).toBeGreaterThan(10);
}
