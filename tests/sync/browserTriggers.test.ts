// When sync runs: the triggers wired to a real engine, a real device and a real HTTP server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Device } from '../../src/device';
import { startAutoSync } from '../../src/sync/browserTriggers';
import { createSyncEngine, type SyncEngine } from '../../src/sync/client';
import { browserTabLock } from '../../src/sync/tabLock';
import { details, newPhone } from '../device/helpers';
import { browserFetch, ContractServer } from './contractServer';
import { ManualTimers } from './timers';

let server: ContractServer;
let device: Device;
beforeEach(async () => {
  server = await new ContractServer().start();
  device = await newPhone().open();
});
afterEach(async () => {
  device.close();
  await server.stop();
});

function setup(signedIn = true) {
  const session = signedIn ? server.signIn() : { cookie: 'sid=none', csrf: '' };
  const engine = createSyncEngine({
    store: device.syncStore,
    fetch: browserFetch(session.cookie),
    baseUrl: server.url,
    clientId: 'c1',
    getCsrfToken: () => session.csrf,
    lock: browserTabLock(undefined),
    setTimeout: new ManualTimers().setTimeout,
    clearTimeout: () => {},
  });
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  const timers = new ManualTimers();
  const intervals = new ManualTimers();
  const auto = startAutoSync(engine, {
    onLocalChange: (l) => device.subscribe(l),
    window: win as unknown as Window,
    document: doc as unknown as Document,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: intervals.setTimeout,
    clearInterval: intervals.clearTimeout,
  });
  return { engine, auto, win, doc, timers, intervals, syncs };
}

/** Completed runs, counted on the server: each run ends with one pull (few changes here). */
function syncs(): number {
  return server.requests.filter((r) => r.path === '/api/sync/pull').length;
}

async function settle(engine: SyncEngine) {
  for (let i = 0; i < 400; i++) {
    await new Promise((r) => setTimeout(r, 5));
    if (engine.getState().phase !== 'syncing') return;
  }
}

describe('automatic sync triggers', () => {
  it('syncs on start, on online, on becoming visible, and on the timer only while visible', async () => {
    await device.createTest(details);
    const { engine, auto, win, doc, intervals, syncs } = setup();
    await settle(engine);
    expect(syncs()).toBe(1);
    expect(server.records.size).toBe(1);
    expect(intervals.scheduled).toEqual([60_000]);

    win.dispatchEvent(new Event('online'));
    await settle(engine);
    expect(syncs()).toBe(2);

    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle(engine);
    expect(syncs()).toBe(2);
    const interval = [...intervals.pending.values()][0];
    interval.fn(); // the minute passes while hidden: nothing
    await settle(engine);
    expect(syncs()).toBe(2);

    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle(engine);
    expect(syncs()).toBe(3);
    interval.fn();
    await settle(engine);
    expect(syncs()).toBe(4);
    auto.stop();
  });

  it('syncs once, ~2 s after a burst of local changes (debounced)', async () => {
    const { engine, auto, timers, syncs } = setup();
    await settle(engine);
    const before = syncs();
    const t = await device.createTest(details);
    await device.setAnswer(t.id, 'voiceSystem', true);
    await device.setAnswer(t.id, '1.1.1', 'a');
    await new Promise((r) => setTimeout(r, 20)); // let the change notifications arrive
    expect(timers.pending.size).toBe(1); // one debounce timer, restarted by each change
    expect(timers.scheduled.every((ms) => ms === 2_000)).toBe(true);
    expect(syncs()).toBe(before);
    timers.fireAll();
    await settle(engine);
    expect(syncs()).toBe(before + 1);
    expect(server.records.get(t.id)).toMatchObject({ answers: { voiceSystem: true, '1.1.1': 'a' } });
    auto.stop();
  });

  it('while signed out, automatic triggers send nothing; "Sync now" still tries', async () => {
    await device.createTest(details);
    const { engine, auto, win, intervals } = setup(false);
    await settle(engine);
    expect(engine.getState().phase).toBe('signedOut');
    const count = server.requests.length;
    win.dispatchEvent(new Event('online'));
    [...intervals.pending.values()][0].fn();
    await settle(engine);
    expect(server.requests.length).toBe(count);
    await auto.syncNow();
    expect(server.requests.length).toBe(count + 1);
    auto.stop();
  });

  it('stop() removes every trigger', async () => {
    const { engine, auto, win, intervals, syncs } = setup();
    await settle(engine);
    auto.stop();
    const before = syncs();
    win.dispatchEvent(new Event('online'));
    await device.createTest(details);
    await settle(engine);
    expect(syncs()).toBe(before);
    expect(intervals.pending.size).toBe(0);
  });
});

describe('one tab at a time', () => {
  it('with navigator.locks-style locking, a second automatic run is skipped while the first holds the lock', async () => {
    // A minimal Web Locks implementation with the real semantics of ifAvailable (null when held).
    const held = new Set<string>();
    const locks = {
      async request<T>(name: string, opts: { ifAvailable?: boolean }, cb: (lock: unknown) => Promise<T>): Promise<T> {
        if (held.has(name)) {
          if (opts.ifAvailable) return cb(null);
          while (held.has(name)) await new Promise((r) => setTimeout(r, 2));
        }
        held.add(name);
        try {
          return await cb({ name });
        } finally {
          held.delete(name);
        }
      },
    };
    const session = server.signIn();
    const make = (clientId: string) =>
      createSyncEngine({ store: device.syncStore, fetch: browserFetch(session.cookie), baseUrl: server.url, clientId, getCsrfToken: () => session.csrf, lock: browserTabLock(locks) });
    const tab1 = make('tab-1');
    const tab2 = make('tab-2');
    await device.createTest(details);
    const first = tab1.syncNow({ wait: false });
    const second = await tab2.syncNow({ wait: false }); // tab 1 holds the lock: skipped
    expect(second.phase).toBe('idle');
    expect(second.lastSyncedAt).toBeUndefined();
    await first;
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // "Sync now" waits for the lock instead of skipping.
    const waited = await tab2.syncNow({ wait: true });
    expect(waited.lastSyncedAt).toBeTruthy();
  });
});
