// Cold and warm first load (LCP) of the app, each as a ratio to the floor (the sheet's text as a
// static page with no script) loaded in the same run, under Lighthouse's mobile throttling.
// Cold: a fresh profile (no HTTP cache, no service worker). Warm: the same profile after the
// service worker has installed and precached the shell, so the page comes from the worker.
import type { Browser } from 'playwright-core';
import { startServer } from '../../tests/e2e/support/server';
import { floorHtml } from '../lib/floor';
import type { Section } from '../lib/section';
import { serveStatic } from '../lib/staticServer';
import { median, percentile } from '../lib/stats';
import { readLcp, throttledPage } from '../lib/throttle';

async function lcpOf(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  try {
    const { page } = await throttledPage(context);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    return await readLcp(page);
  } finally {
    await context.close();
  }
}

/** Cold LCP of a first visit, then (same profile) warm LCP once the service worker controls the app. */
async function appCycle(browser: Browser, url: string): Promise<{ cold: number; warm: number; fromWorker: boolean; workers: string[] }> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  try {
    const first = await throttledPage(context);
    await first.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const cold = await readLcp(first.page);
    // Installation precaches the shell through the throttled worker; wait until it is active.
    await first.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined), undefined);
    await first.page.close();
    const second = await throttledPage(context);
    await second.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const warm = await readLcp(second.page);
    const fromWorker = await second.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return !!navigator.serviceWorker.controller && !!nav && nav.workerStart > 0;
    });
    return { cold, warm, fromWorker, workers: [...first.workers, ...second.workers] };
  } finally {
    await context.close();
  }
}

export const load: Section = {
  name: 'load',
  title: 'First load LCP (cold and warm) vs the static floor, mobile throttling',
  async run(ctx) {
    const browser = await ctx.browser();
    const server = await startServer();
    const floor = await serveStatic({ '/': floorHtml() });
    const floorMs: number[] = [];
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    const coldRatio: number[] = [];
    const warmRatio: number[] = [];
    let warmFromWorker = 0;
    const workerTypes = new Set<string>();
    try {
      for (let i = 0; i < ctx.runs; i++) {
        // Interleaved, and the order alternates, so drift on a shared machine hits both sides.
        let f: number;
        let app: Awaited<ReturnType<typeof appCycle>>;
        if (i % 2 === 0) {
          f = await lcpOf(browser, `${floor.url}/`);
          app = await appCycle(browser, `${server.url}/`);
        } else {
          app = await appCycle(browser, `${server.url}/`);
          f = await lcpOf(browser, `${floor.url}/`);
        }
        floorMs.push(f);
        coldMs.push(app.cold);
        warmMs.push(app.warm);
        coldRatio.push(app.cold / f);
        warmRatio.push(app.warm / f);
        if (app.fromWorker) warmFromWorker++;
        app.workers.forEach((w) => workerTypes.add(w));
      }
    } finally {
      await floor.close();
      await server.dispose();
    }
    return {
      figures: {
        floorLcpMsMedian: median(floorMs),
        coldLcpMsMedian: median(coldMs),
        coldLcpMsP95: percentile(coldMs, 95),
        warmLcpMsMedian: median(warmMs),
        warmLcpMsP95: percentile(warmMs, 95),
        coldLcpVsFloor: median(coldRatio),
        warmLcpVsFloor: median(warmRatio),
        warmRunsServedByWorker: warmFromWorker,
      },
      notes: [
        'floor: the sheet text (currentSheet) as one static gzipped page, no script, from a plain node server',
        `throttled worker targets: ${[...workerTypes].join(', ') || 'none attached'}`,
      ],
    };
  },
};
