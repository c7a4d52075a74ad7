// Tap → updated total, and tap → the change committed in IndexedDB (autosave), p50/p95, under the
// mobile CPU throttle, each as a ratio to a floor measured in the same run: the sheet's static page
// with ten lines of inline script that sum the ticked boxes and put the same kind of record in
// IndexedDB. Times come from the page's own clock: the pointerdown event's timeStamp, a
// MutationObserver on the total, and the `complete` event of every read-write IndexedDB transaction.
import type { Browser, Page } from 'playwright-core';
import { currentSheet, findNode } from '../../src/scoresheet';
import { choice, itemGroup, startTest } from '../../tests/e2e/support/app';
import { startServer } from '../../tests/e2e/support/server';
import { floorHtml } from '../lib/floor';
import type { Section } from '../lib/section';
import { serveStatic } from '../lib/staticServer';
import { median, percentile } from '../lib/stats';
import { MOBILE, throttledPage } from '../lib/throttle';

// Twenty taps a run: a p95 over fewer samples is only the slowest first tap of one run.
const TAPS = 20;

/** Installed before any page script: stamps pointerdowns, total changes and IndexedDB commits. */
const PROBE = `(() => {
  const w = window;
  w.__probe = { taps: [], totals: [], commits: [] };
  addEventListener('pointerdown', (e) => w.__probe.taps.push(e.timeStamp), true);
  const tx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const t = tx.apply(this, args);
    if (args[1] === 'readwrite') t.addEventListener('complete', () => w.__probe.commits.push(performance.now()));
    return t;
  };
  w.__watchTotal = (el) => new MutationObserver(() => w.__probe.totals.push(performance.now())).observe(el, { subtree: true, childList: true, characterData: true });
})();`;

interface Sample {
  toTotal: number;
  toCommit: number;
}

/** One tap, then the first total change and the first commit after it. */
async function tapAndMeasure(page: Page, target: ReturnType<Page['locator']>): Promise<Sample> {
  await page.evaluate(() => {
    const p = (window as unknown as { __probe: { taps: number[]; totals: number[]; commits: number[] } }).__probe;
    p.taps.length = p.totals.length = p.commits.length = 0;
  });
  await target.click();
  const probe = () =>
    page.evaluate(() => (window as unknown as { __probe: { taps: number[]; totals: number[]; commits: number[] } }).__probe);
  for (let i = 0; i < 200; i++) {
    const p = await probe();
    const tap = p.taps[0];
    const total = p.totals.find((t) => t >= tap);
    const commit = p.commits.find((t) => t >= tap);
    if (tap !== undefined && total !== undefined && commit !== undefined) {
      // Let trailing writes (debounced saves) finish before the next tap.
      await page.waitForTimeout(300);
      return { toTotal: total - tap, toCommit: commit - tap };
    }
    await page.waitForTimeout(25);
  }
  throw new Error('no total change or no IndexedDB commit after a tap');
}

async function appSamples(browser: Browser, url: string): Promise<Sample[]> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  try {
    await context.addInitScript(PROBE);
    const { page, cdp } = await throttledPage(context, { cpu: false, network: false });
    await page.goto(url);
    await startTest(page, { unitName: '第五組', answererSurname: '王', extension: '123', testerName: '林測試' });
    const region = page.getByRole('region', { name: '得分' });
    await region.waitFor();
    await region.evaluate((el) => (window as unknown as { __watchTotal(e: Element): void }).__watchTotal(el.querySelector('.total') ?? el));
    const group = itemGroup(page, findNode(currentSheet, '1.3.1')!.label.zh);
    const yes = choice(group, '有');
    const no = choice(group, '無');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
    const out: Sample[] = [];
    for (let i = 0; i < TAPS; i++) out.push(await tapAndMeasure(page, i % 2 === 0 ? yes : no));
    return out;
  } finally {
    await context.close();
  }
}

async function floorSamples(browser: Browser, url: string): Promise<Sample[]> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  try {
    await context.addInitScript(PROBE);
    const { page, cdp } = await throttledPage(context, { cpu: false, network: false });
    await page.goto(url);
    await page.locator('#total').evaluate((el) => (window as unknown as { __watchTotal(e: Element): void }).__watchTotal(el));
    await page.waitForFunction(() => (window as unknown as { __db?: unknown }).__db);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
    const box = page.locator('input[data-points="3"]').first();
    const out: Sample[] = [];
    for (let i = 0; i < TAPS; i++) out.push(await tapAndMeasure(page, box));
    return out;
  } finally {
    await context.close();
  }
}

/** The floor page's script: sum the boxes, show it, and store the answers as one IndexedDB record. */
const FLOOR_SCRIPT = `<script>
const open = indexedDB.open('floor', 1);
open.onupgradeneeded = () => open.result.createObjectStore('tests', { keyPath: 'id' });
open.onsuccess = () => (window.__db = open.result);
document.addEventListener('change', () => {
  let t = 0; const answers = {};
  document.querySelectorAll('input[data-points]').forEach((c, i) => { answers[i] = c.checked; if (c.checked) t += +c.dataset.points; });
  document.querySelector('#total output').textContent = String(t);
  window.__db.transaction('tests', 'readwrite').objectStore('tests').put({ id: 't', answers, updatedAt: new Date().toISOString() });
});
</script>`;

export const interaction: Section = {
  name: 'interaction',
  title: 'Tap → updated total and tap → autosaved in IndexedDB (CPU ×4)',
  async run(ctx) {
    const browser = await ctx.browser();
    const server = await startServer();
    const floor = await serveStatic({ '/': floorHtml(currentSheet).replace('</body>', `${FLOOR_SCRIPT}</body>`) });
    const app: Sample[] = [];
    const base: Sample[] = [];
    const totalRatio: number[] = [];
    const saveRatio: number[] = [];
    try {
      for (let i = 0; i < ctx.runs; i++) {
        // Interleaved, alternating which goes first.
        let a: Sample[];
        let f: Sample[];
        if (i % 2 === 0) {
          a = await appSamples(browser, `${server.url}/`);
          f = await floorSamples(browser, `${floor.url}/`);
        } else {
          f = await floorSamples(browser, `${floor.url}/`);
          a = await appSamples(browser, `${server.url}/`);
        }
        app.push(...a);
        base.push(...f);
        totalRatio.push(median(a.map((s) => s.toTotal)) / median(f.map((s) => s.toTotal)));
        saveRatio.push(median(a.map((s) => s.toCommit)) / median(f.map((s) => s.toCommit)));
      }
    } finally {
      await floor.close();
      await server.dispose();
    }
    const pick = (xs: Sample[], k: keyof Sample) => xs.map((s) => s[k]);
    return {
      figures: {
        tapToTotalMsP50: percentile(pick(app, 'toTotal'), 50),
        tapToTotalMsP95: percentile(pick(app, 'toTotal'), 95),
        floorTapToTotalMsP50: percentile(pick(base, 'toTotal'), 50),
        tapToTotalVsFloor: median(totalRatio),
        tapToTotalP95VsFloorP95: percentile(pick(app, 'toTotal'), 95) / percentile(pick(base, 'toTotal'), 95),
        autosaveMsP50: percentile(pick(app, 'toCommit'), 50),
        autosaveMsP95: percentile(pick(app, 'toCommit'), 95),
        floorAutosaveMsP50: percentile(pick(base, 'toCommit'), 50),
        autosaveVsFloor: median(saveRatio),
        autosaveP95VsFloorP95: percentile(pick(app, 'toCommit'), 95) / percentile(pick(base, 'toCommit'), 95),
        tapsPerRun: TAPS,
      },
      notes: [
        'app: a fresh local test (not signed in), item 1.3.1 toggled 有/無; floor: the static sheet with an inline script and a raw IndexedDB put',
        'times: pointerdown timeStamp → first MutationObserver callback on the total / first read-write transaction `complete`',
      ],
    };
  },
};
