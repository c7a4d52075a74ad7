// End to end: the sync engine on two devices (fake-indexeddb) against the REAL server
// (createApp + openStore over a temp SQLite file) listening on a random port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../src/device';
import { createApp } from '../../src/server/app';
import { openStore, type ServerStore, type Unit } from '../../src/server/store';
import { createSyncEngine } from '../../src/sync/client';
import { browserTabLock } from '../../src/sync/tabLock';
import { quarterKey, quarterOf } from '../../src/record/quarter';
import { details, fill, newPhone } from '../device/helpers';
import { ManualTimers } from './timers';

let dir: string;
let store: ServerStore;
let http: ServerType;
let baseUrl: string;
let unit: Unit;
let otherUnit: Unit;
const devices: Device[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtesy-sync-e2e-'));
  store = await openStore({ file: join(dir, 'store.sqlite') });
  unit = await store.createUnit({ name: '第一課' });
  otherUnit = await store.createUnit({ name: '嘉義辦事處' });
  await store.createUser({ username: 'tester1', password: 'tester1-secret-pw', role: 'tester' });
  await store.createUser({ username: 'tester2', password: 'tester2-secret-pw', role: 'tester' });
  await store.createUser({ username: 'head', password: 'head-secret-pw', role: 'unitHead', unitIds: [unit.id] });
  await store.createUser({ username: 'admin', password: 'admin-secret-pw', role: 'admin' });
  const app = createApp({ store, distDir: join(dir, 'no-dist') });
  await new Promise<void>((resolve) => {
    http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  devices.forEach((d) => d.close());
  await new Promise((resolve) => http.close(resolve));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sign in like the browser does and return a fetch that carries the session cookie. */
async function signIn(username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-secret-pw` }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = /sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { csrfToken, cookie };
}

async function deviceFor(username: string, clientId: string, opts: { cutNextPushReply?: () => boolean } = {}) {
  const device = await newPhone(`db-${clientId}`).open();
  devices.push(device);
  const { cookie, csrfToken } = await signIn(username);
  const timers = new ManualTimers();
  const engine = createSyncEngine({
    store: device.syncStore,
    clientId,
    baseUrl,
    getCsrfToken: () => csrfToken,
    lock: browserTabLock(undefined),
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    fetch: async (input, init = {}) => {
      const res = await fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
      // The connection drops after the server committed the push: the reply never arrives.
      if (String(input).endsWith('/api/sync/push') && opts.cutNextPushReply?.()) {
        await res.arrayBuffer();
        throw new TypeError('network connection lost');
      }
      return res;
    },
  });
  return { device, engine, timers };
}

async function serverCount(id: string): Promise<number> {
  return (await store.listTests({ includeDeleted: true })).filter((t) => t.id === id).length;
}

describe('sync engine ↔ real server (SQLite)', () => {
  it('two devices record offline, come online, and the store holds each test exactly once, even after a cut-off reply', async () => {
    let cut = true;
    const a = await deviceFor('tester1', 'phone-a', { cutNextPushReply: () => (cut ? !(cut = false) : false) });
    const b = await deviceFor('tester2', 'phone-b');

    const ta = await a.device.createTest({ ...details, unitId: unit.id, unitName: unit.name });
    await fill(a.device, ta.id);
    await a.device.completeTest(ta.id);
    const tb = await b.device.createTest({ ...details, unitId: otherUnit.id, unitName: otherUnit.name });
    await b.device.setAnswer(tb.id, 'voiceSystem', false);

    const cutState = await a.engine.syncNow();
    expect(cutState.phase).toBe('offline');
    expect(await serverCount(ta.id)).toBe(1); // committed despite the lost reply
    expect((await a.device.getTest(ta.id))!.sync.state).toBe('local');

    a.timers.fireAll(); // the backoff retry: same opId → duplicate
    for (let i = 0; i < 200 && a.engine.getState().phase !== 'idle'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(a.engine.getState()).toMatchObject({ phase: 'idle', pending: 0 });
    await b.engine.syncNow();

    expect(await serverCount(ta.id)).toBe(1);
    expect(await serverCount(tb.id)).toBe(1);
    const stored = (await store.listTests({})).find((t) => t.id === ta.id)!;
    expect(stored.rev).toBe(1);
    expect(stored.score?.total).toBe(79);
    expect(stored.quarter).toBe(quarterKey(quarterOf(ta.testedAt)));
    expect(await a.device.getTest(ta.id)).toMatchObject({ rev: 1, status: 'completed', sync: { state: 'confirmed', rev: 1 } });

    // Testers pull only their own tests.
    expect((await a.device.listTests()).map((t) => t.id)).toEqual([ta.id]);
    expect((await b.device.listTests()).map((t) => t.id)).toEqual([tb.id]);
  });

  it('a stale edit comes back as a conflict with the server copy, and "keep mine" resolves it', async () => {
    const a = await deviceFor('tester1', 'phone-a2');
    const t = await a.device.createTest({ ...details, unitId: unit.id, unitName: unit.name });
    await a.engine.syncNow();
    // The same tester on a second phone pulls it and edits it first.
    const a2 = await deviceFor('tester1', 'phone-a3');
    await a2.engine.syncNow();
    expect(await a2.device.getTest(t.id)).toMatchObject({ sync: { state: 'confirmed', rev: 1 } });
    await a2.device.updateDetails(t.id, { extension: '222' });
    await a2.engine.syncNow();

    await a.device.updateDetails(t.id, { extension: '111' });
    await a.engine.syncNow();
    const mine = (await a.device.getTest(t.id))!;
    expect(mine.extension).toBe('111');
    expect(mine.sync.state).toBe('conflict');
    expect(mine.sync.server).toMatchObject({ extension: '222', rev: 2 });
    expect((await store.listTests({})).find((x) => x.id === t.id)).toMatchObject({ extension: '222', rev: 2 });

    await a.device.resolveConflict(t.id, 'mine');
    expect(await a.engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect((await store.listTests({})).find((x) => x.id === t.id)).toMatchObject({ extension: '111', rev: 3 });
    await a2.engine.syncNow();
    expect(await a2.device.getTest(t.id)).toMatchObject({ extension: '111', sync: { state: 'confirmed', rev: 3 } });
  });

  it('a push into a closed quarter is rejected with the reason; a unit head pulls the unit’s tests without the tester', async () => {
    const a = await deviceFor('tester1', 'phone-q');
    const old = await a.device.createTest({ ...details, unitId: unit.id, unitName: unit.name, testedAt: '2025-02-10T10:00:00+08:00' });
    await store.setQuarterClosed('114-Q1', true, 'admin');
    await a.engine.syncNow();
    expect((await a.device.getTest(old.id))!.sync).toMatchObject({ state: 'rejected', error: expect.stringMatching(/114-Q1.*closed/) });

    const head = await deviceFor('head', 'phone-head');
    await head.engine.syncNow();
    const seen = await head.device.listTests();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => t.unitId === unit.id)).toBe(true);
    expect(seen.every((t) => !t.testerName && !t.testerId)).toBe(true);
  });

  it('a discarded draft reaches the server as a deletion', async () => {
    const a = await deviceFor('tester1', 'phone-d');
    const t = await a.device.createTest({ ...details, unitId: unit.id, unitName: unit.name });
    await a.engine.syncNow();
    await a.device.discardTest(t.id);
    expect(await a.engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect((await store.listTests({})).some((x) => x.id === t.id)).toBe(false);
    expect(await a.device.getTest(t.id)).toBeUndefined();
  });

  it('without a session the engine is signedOut and schedules no retry', async () => {
    const device = await newPhone('db-anon').open();
    devices.push(device);
    await device.createTest(details);
    const timers = new ManualTimers();
    const engine = createSyncEngine({ store: device.syncStore, clientId: 'anon', baseUrl, lock: browserTabLock(undefined), setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout });
    expect(await engine.syncNow()).toMatchObject({ phase: 'signedOut', pending: 1 });
    expect(timers.pending.size).toBe(0);
  });
});
