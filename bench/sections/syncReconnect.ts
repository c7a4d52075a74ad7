// 1,000 tests queued on a phone while offline, then the network comes back: the time until the
// server holds all of them, in Chromium under the mobile throttle (the real app, its Dexie outbox,
// its sync engine, the real server on SQLite). The floor, in the same run and page conditions: the
// same push bodies, in the same batches, POSTed by plain fetch to a server that only reads them.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { ANSWERS_FORMAT } from '../../src/record/courtesyTest';
import { isTombstone, type PullResponse, type PushRecord } from '../../src/sync/protocol';
import { ApiSession } from '../../tests/e2e/support/apiClient';
import { loadUnitList, signIn } from '../../tests/e2e/support/app';
import { seedViaApi, type Seed } from '../../tests/e2e/support/seed';
import { startServer, type RunningServer } from '../../tests/e2e/support/server';
import { pushRecord, rng } from '../lib/generate';
import type { Section } from '../lib/section';
import { serveStatic } from '../lib/staticServer';
import { median } from '../lib/stats';
import { MOBILE, throttledPage } from '../lib/throttle';
import { pullPath } from '../../tests/support/wire';

const QUEUED = 1000;
/** The engine's batch size (src/sync/client.ts default), so the floor sends the same requests. */
const BATCH = 50;

function queuedTests(seed: number, unit: { id: string; name: string }): PushRecord[] {
  const r = rng(seed);
  const start = Date.parse('2026-10-01T09:00:00+08:00');
  return Array.from({ length: QUEUED }, (_, i) => pushRecord(r, unit, new Date(start + i * 600_000).toISOString(), randomUUID()));
}

/** A backup file of the tests (courtesy-backup/1): importing it queues each test in the outbox. */
function backupOf(records: PushRecord[]): string {
  return JSON.stringify({
    format: 'courtesy-backup/1',
    exportedAt: new Date().toISOString(),
    tests: records.map(({ baseRev: _b, answers, ...rest }) => ({ ...rest, rev: 0, answers: { format: ANSWERS_FORMAT, answers } })),
  });
}

/** Waits until the server's change feed holds every id; returns when the last one arrived. */
async function untilStored(admin: ApiSession, ids: Set<string>, cursor: { since: number }, timeoutMs: number): Promise<void> {
  const missing = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  while (missing.size && Date.now() < deadline) {
    const page = await admin.json<PullResponse>('GET', pullPath(`since=${cursor.since}&limit=1000`));
    for (const c of page.changes) if (!isTombstone(c)) missing.delete(c.id);
    cursor.since = page.cursor;
    if (!page.more && missing.size) await new Promise((r) => setTimeout(r, 100));
  }
  if (missing.size) throw new Error(`${missing.size} of ${ids.size} tests never reached the server`);
}

async function appRun(browser: Browser, server: RunningServer, seed: Seed, admin: ApiSession, cursor: { since: number }, runSeed: number): Promise<number> {
  const context = await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  try {
    const { page, setNetwork } = await throttledPage(context, { cpu: false, network: false });
    await page.goto(`${server.url}/`);
    await signIn(page, server.url, seed.tester);
    await loadUnitList(page);
    await setNetwork({ ...MOBILE.network, offline: true });
    const records = queuedTests(runSeed, seed.unit);
    await page.goto(`${server.url}/#/settings`);
    await page.getByLabel('匯入備份檔').setInputFiles({ name: 'queued.json', mimeType: 'application/json', buffer: Buffer.from(backupOf(records)) });
    await page.getByText(`新增 ${QUEUED}`, { exact: false }).waitFor({ timeout: 120_000 });
    await page.goto(`${server.url}/#/`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
    const t0 = performance.now();
    await setNetwork({ ...MOBILE.network, offline: false }); // the 'online' event starts the sync
    await untilStored(admin, new Set(records.map((r) => r.id)), cursor, 600_000);
    return performance.now() - t0;
  } finally {
    await context.close();
  }
}

async function floorRun(browser: Browser, floorUrl: string, runSeed: number, unit: { id: string; name: string }): Promise<number> {
  const context = await browser.newContext();
  try {
    const { page, cdp } = await throttledPage(context, { cpu: false });
    await page.goto(`${floorUrl}/`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuRate });
    const records = queuedTests(runSeed, unit);
    const bodies: string[] = [];
    for (let k = 0; k < records.length; k += BATCH) {
      bodies.push(JSON.stringify({ clientId: 'floor', ops: records.slice(k, k + BATCH).map((record) => ({ opId: randomUUID(), record })) }));
    }
    return await page.evaluate(async (all) => {
      const t0 = performance.now();
      for (const body of all) await (await fetch('/sink', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
      return performance.now() - t0;
    }, bodies);
  } finally {
    await context.close();
  }
}

export const syncReconnect: Section = {
  name: 'syncReconnect',
  title: `Sync of ${QUEUED.toLocaleString('en')} queued tests on reconnect (mobile throttle)`,
  async run(ctx) {
    const browser = await ctx.browser();
    const server = await startServer();
    const floor = await serveStatic({ '/': '<!doctype html><title>floor</title>' });
    const appMs: number[] = [];
    const floorMs: number[] = [];
    const ratio: number[] = [];
    try {
      const seed = await seedViaApi(server.url, server.output());
      const admin = await ApiSession.login(server.url, seed.admin.username, seed.admin.password);
      const cursor = { since: 0 };
      for (let i = 0; i < ctx.runs; i++) {
        let a: number;
        let f: number;
        if (i % 2 === 0) {
          a = await appRun(browser, server, seed, admin, cursor, 500 + i);
          f = await floorRun(browser, floor.url, 500 + i, seed.unit);
        } else {
          f = await floorRun(browser, floor.url, 500 + i, seed.unit);
          a = await appRun(browser, server, seed, admin, cursor, 500 + i);
        }
        appMs.push(a);
        floorMs.push(f);
        ratio.push(a / f);
      }
    } finally {
      await floor.close();
      await server.dispose();
    }
    return {
      figures: {
        queuedTests: QUEUED,
        syncAllMsMedian: median(appMs),
        testsPerSecond: QUEUED / (median(appMs) / 1000),
        floorUploadMsMedian: median(floorMs),
        syncVsUploadFloor: median(ratio),
      },
      notes: [
        'queued by importing a backup file while offline (each test one outbox op); timed from the network coming back to the server holding all of them',
        `floor: the same push bodies in batches of ${BATCH} POSTed by fetch to a sink, same throttle`,
      ],
    };
  },
};
