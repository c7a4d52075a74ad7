// The sync engine against a real HTTP server (node:http) speaking the push/pull contract, with real
// device databases (fake-indexeddb) as the local stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/device';
import { createSyncEngine, type SyncEngineOptions, type SyncState } from '../../src/sync/client';
import { backoffDelay } from '../../src/sync/backoff';
import { details, newPhone } from '../device/helpers';
import { browserFetch, ContractServer } from './contractServer';
import { ManualTimers } from './timers';

let server: ContractServer;
const devices: Device[] = [];

beforeEach(async () => {
  server = await new ContractServer().start();
});
afterEach(async () => {
  devices.splice(0).forEach((d) => d.close());
  await server.stop();
});

async function phone(name: string) {
  const device = await newPhone(name).open();
  devices.push(device);
  return device;
}

function engineFor(device: Device, clientId: string, extra: Partial<SyncEngineOptions> = {}) {
  const { cookie, csrf } = server.signIn();
  const timers = new ManualTimers();
  const states: SyncState[] = [];
  const engine = createSyncEngine({
    store: device.syncStore,
    fetch: browserFetch(cookie),
    baseUrl: server.url,
    clientId,
    getCsrfToken: () => csrf,
    onState: (s) => states.push(s),
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    random: () => 0.5,
    ...extra,
  });
  return { engine, timers, states, csrf };
}

describe('sync engine', () => {
  it('two devices: every test reaches the server exactly once and each device pulls the other’s', async () => {
    const a = await phone('a');
    const b = await phone('b');
    const ta = await a.createTest({ ...details, unitName: '第一課' });
    await a.setAnswer(ta.id, 'voiceSystem', true);
    const tb = await b.createTest({ ...details, unitName: '嘉義辦事處' });
    const { engine: ea, csrf } = engineFor(a, 'client-a');
    const { engine: eb } = engineFor(b, 'client-b');

    const sa = await ea.syncNow();
    expect(sa).toMatchObject({ phase: 'idle', pending: 0, error: undefined });
    expect(sa.lastSyncedAt).toBeTruthy();
    await eb.syncNow();
    await ea.syncNow(); // a now pulls b's test

    expect([...server.records.keys()].sort()).toEqual([ta.id, tb.id].sort());
    expect(server.ops.size).toBe(2);
    expect(server.records.get(ta.id)).toMatchObject({ rev: 1, answers: { voiceSystem: true } });
    expect(await a.getTest(ta.id)).toMatchObject({ rev: 1, sync: { state: 'confirmed', rev: 1 } });
    expect(await a.getTest(tb.id)).toMatchObject({ unitName: '嘉義辦事處', sync: { state: 'confirmed', rev: 1 } });
    expect(await b.getTest(ta.id)).toMatchObject({ unitName: '第一課' });
    // Pushes carried the CSRF token.
    expect(server.requests.filter((r) => r.method === 'POST').every((r) => r.csrf)).toBe(true);
    expect(server.requests.find((r) => r.method === 'POST')!.csrf).toBe(csrf);
  });

  it('a push cut off after the server committed it is retried with the same opId: stored exactly once', async () => {
    const a = await phone('a');
    const t = await a.createTest(details);
    const { engine, timers } = engineFor(a, 'client-a');
    server.faults.push({ path: '/api/sync/push', kind: 'cut' });

    const failed = await engine.syncNow();
    expect(failed.phase).toBe('offline');
    expect(failed.error).toMatch(/unreachable/);
    expect(failed.pending).toBe(1);
    expect(server.records.get(t.id)).toMatchObject({ rev: 1 }); // committed on the server
    expect(timers.pending.size).toBe(1); // a retry is scheduled

    await a.setAnswer(t.id, 'voiceSystem', true); // the tester keeps working meanwhile
    timers.fireAll();
    await waitFor(async () => engine.getState().phase === 'idle');
    await engine.syncNow();

    expect(server.ops.size).toBe(2); // the replayed op was a duplicate, then the new change
    expect(server.records.get(t.id)).toMatchObject({ rev: 2, answers: { voiceSystem: true } });
    expect([...server.records.keys()]).toEqual([t.id]);
    expect(await a.getTest(t.id)).toMatchObject({ rev: 2, sync: { state: 'confirmed', rev: 2 } });
    expect(engine.getState()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('a stale edit comes back as a conflict with the server copy; nothing is overwritten', async () => {
    const a = await phone('a');
    const b = await phone('b');
    const t = await a.createTest(details);
    const { engine: ea } = engineFor(a, 'client-a');
    const { engine: eb } = engineFor(b, 'client-b');
    await ea.syncNow();
    await eb.syncNow(); // b has the test at rev 1
    await b.updateDetails(t.id, { extension: '222' });
    await eb.syncNow(); // rev 2 on the server
    await a.updateDetails(t.id, { extension: '111' }); // a still at rev 1
    await ea.syncNow();

    const mine = (await a.getTest(t.id))!;
    expect(mine.extension).toBe('111');
    expect(mine.sync.state).toBe('conflict');
    expect(mine.sync.server).toMatchObject({ extension: '222', rev: 2 });
    expect(server.records.get(t.id)).toMatchObject({ extension: '222', rev: 2 });

    await a.resolveConflict(t.id, 'mine');
    await ea.syncNow();
    expect(server.records.get(t.id)).toMatchObject({ extension: '111', rev: 3 });
    await eb.syncNow();
    expect(await b.getTest(t.id)).toMatchObject({ extension: '111', sync: { state: 'confirmed', rev: 3 } });
  });

  it('rejected ops show the server’s reason', async () => {
    const a = await phone('a');
    const t = await a.createTest({ ...details, unitName: 'CLOSED' });
    const { engine } = engineFor(a, 'client-a');
    expect(await engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect((await a.getTest(t.id))!.sync).toMatchObject({ state: 'rejected', error: 'quarter 115-Q3 is closed: its tests are read-only' });
  });

  it('deletions travel both ways as tombstones', async () => {
    const a = await phone('a');
    const b = await phone('b');
    const keep = await a.createTest({ ...details, unitName: 'keep' });
    const drop = await a.createTest({ ...details, unitName: 'drop' });
    const { engine: ea } = engineFor(a, 'client-a');
    const { engine: eb } = engineFor(b, 'client-b');
    await ea.syncNow();
    await eb.syncNow();
    await a.discardTest(drop.id);
    await ea.syncNow();
    expect(server.records.get(drop.id)).toMatchObject({ deleted: true, rev: 2 });
    await eb.syncNow();
    expect(await b.getTest(drop.id)).toBeUndefined();
    expect(await b.getTest(keep.id)).toBeDefined();
  });

  it('401 → signedOut, with no retry scheduled (no retry storm); "Sync now" after sign-in works', async () => {
    const a = await phone('a');
    await a.createTest(details);
    const timers = new ManualTimers();
    let cookie = 'sid=expired';
    let csrf = '';
    const engine = createSyncEngine({
      store: a.syncStore,
      fetch: (input, init = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }),
      baseUrl: server.url,
      clientId: 'client-a',
      getCsrfToken: () => csrf,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
    });
    const state = await engine.syncNow();
    expect(state).toMatchObject({ phase: 'signedOut', pending: 1, error: 'not signed in' });
    expect(timers.pending.size).toBe(0);
    expect(server.requests).toHaveLength(1);

    ({ cookie, csrf } = server.signIn());
    expect(await engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(server.records.size).toBe(1);
  });

  it('backs off exponentially with jitter on failures, and resets after a success', async () => {
    const a = await phone('a');
    await a.createTest(details);
    const randoms = [0, 1, 0.5, 0.25];
    const { engine, timers } = engineFor(a, 'client-a', { random: () => randoms.shift() ?? 0.5, backoff: { baseMs: 1000, maxMs: 4000 } });
    for (let i = 0; i < 4; i++) server.faults.push({ path: '/api/sync/push', kind: 503 });

    const first = await engine.syncNow();
    expect(first).toMatchObject({ phase: 'error', error: 'injected failure 503', pending: 1 });
    expect(first.nextRetryAt).toBeTruthy();
    for (let i = 0; i < 3; i++) {
      timers.fireAll();
      await waitFor(async () => timers.pending.size === 1 && engine.getState().phase === 'error');
    }
    // step 1000, 2000, 4000, 4000 (capped); equal jitter: half the step + random × half.
    expect(timers.scheduled).toEqual([500, 2000, 3000, 2500]);
    expect(timers.scheduled).toEqual([1, 2, 3, 4].map((n, i) => backoffDelay(n, () => [0, 1, 0.5, 0.25][i], { baseMs: 1000, maxMs: 4000 })));

    timers.fireAll();
    await waitFor(async () => engine.getState().phase === 'idle');
    expect(server.records.size).toBe(1);
    server.faults.push({ path: '/api/sync/pull', kind: 500 });
    await engine.syncNow();
    expect(timers.scheduled.at(-1)).toBe(750); // back to the first step after the success (random 0.5)
  });

  it('an explicit sync cancels the pending retry timer', async () => {
    const a = await phone('a');
    await a.createTest(details);
    const { engine, timers } = engineFor(a, 'client-a');
    server.faults.push({ path: '/api/sync/push', kind: 502 });
    await engine.syncNow();
    expect(timers.pending.size).toBe(1);
    await engine.syncNow();
    expect(timers.pending.size).toBe(0);
    expect(engine.getState().phase).toBe('idle');
  });

  it('pushes in batches, halving a batch the server finds too large (413)', async () => {
    const a = await phone('a');
    for (let i = 0; i < 7; i++) await a.createTest({ ...details, unitName: `unit ${i}` });
    server.maxOps = 2;
    const { engine } = engineFor(a, 'client-a', { batchSize: 5 });
    expect(await engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
    expect(server.records.size).toBe(7);
    const pushes = server.requests.filter((r) => r.method === 'POST').map((r) => r.opCount);
    // 5 refused (413), then 5 → 2 per request: 2 + 2 + 2 + 1.
    expect(pushes).toEqual([5, 2, 2, 2, 1]);
  });

  it('pulls page by page until the server says there is no more', async () => {
    const a = await phone('a');
    for (let i = 0; i < 5; i++) await a.createTest({ ...details, unitName: `unit ${i}` });
    await engineFor(a, 'client-a').engine.syncNow();
    const b = await phone('b');
    const { engine } = engineFor(b, 'client-b', { pullLimit: 2 });
    await engine.syncNow();
    expect(await b.listTests()).toHaveLength(5);
    expect(await b.syncStore.getCursor()).toBe(5);
    expect(server.requests.filter((r) => r.path === '/api/sync/pull').length).toBeGreaterThanOrEqual(4);
  });

  it('a broken reply is an error naming the problem, and nothing is lost', async () => {
    const a = await phone('a');
    const t = await a.createTest(details);
    const { engine } = engineFor(a, 'client-a');
    server.faults.push({ path: '/api/sync/push', kind: 'badJson' });
    const state = await engine.syncNow();
    expect(state.phase).toBe('error');
    expect(state.error).toMatch(/not JSON/);
    expect(await a.getTest(t.id)).toMatchObject({ sync: { state: 'local' } });
    expect(await engine.syncNow()).toMatchObject({ phase: 'idle', pending: 0 });
  });

  it('concurrent syncNow calls share one run', async () => {
    const a = await phone('a');
    await a.createTest(details);
    const { engine } = engineFor(a, 'client-a');
    const [x, y] = await Promise.all([engine.syncNow(), engine.syncNow()]);
    expect(x).toBe(y);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('skips an automatic run while another tab holds the sync lock', async () => {
    const a = await phone('a');
    await a.createTest(details);
    let held = true;
    const { engine } = engineFor(a, 'client-a', {
      lock: async (task, { wait }) => (held && !wait ? { ran: false } : { ran: true, value: await task() }),
    });
    expect(await engine.syncNow({ wait: false })).toMatchObject({ phase: 'idle', pending: 0 });
    expect(server.requests).toHaveLength(0);
    held = false;
    await engine.syncNow({ wait: false });
    expect(server.records.size).toBe(1);
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached');
}
