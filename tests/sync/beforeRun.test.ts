// The engine checks the session before each round (after an offline start), and a device shared by
// two accounts sends only the signed-in one's tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../src/sync/client';
import { startDeviceSync } from '../../src/sync/deviceSync';
import { SyncFailure } from '../../src/sync/http';
import { browserTabLock } from '../../src/sync/tabLock';
import { details, newPhone } from '../device/helpers';
import { browserFetch, ContractServer } from './contractServer';
import { ManualTimers } from './timers';

let server: ContractServer;
beforeEach(async () => {
  server = await new ContractServer().start();
});
afterEach(() => server.stop());

describe('before each round', () => {
  it('an unreachable session check is "offline" (retried later); an ended one is "signedOut" (not retried)', async () => {
    const device = await newPhone().open();
    await device.createTest(details);
    const timers = new ManualTimers();
    let verdict: 'offline' | 'signedOut' | 'ok' = 'offline';
    const { cookie, csrf } = server.signIn();
    const engine = createSyncEngine({
      store: device.syncStore,
      fetch: browserFetch(cookie),
      baseUrl: server.url,
      clientId: 'c1',
      getCsrfToken: () => csrf,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      lock: browserTabLock(undefined),
      async beforeRun() {
        if (verdict === 'offline') throw new SyncFailure('offline', 'session check: unreachable');
        if (verdict === 'signedOut') throw new SyncFailure('signedOut', 'session ended', 401);
      },
    });
    expect((await engine.syncNow()).phase).toBe('offline');
    expect(timers.pending.size).toBe(1);
    expect(server.records.size).toBe(0);
    verdict = 'signedOut';
    expect((await engine.syncNow()).phase).toBe('signedOut');
    expect(timers.pending.size).toBe(0);
    verdict = 'ok';
    expect((await engine.syncNow()).phase).toBe('idle');
    expect(server.records.size).toBe(1);
    engine.stop();
    device.close();
  });

  it('on a shared phone only the signed-in account’s tests are sent', async () => {
    const device = await newPhone().open();
    const mine = await device.createTest({ ...details, testerId: 'user-a' });
    const theirs = await device.createTest({ ...details, testerId: 'user-b' });
    const { cookie, csrf } = server.signIn();
    const timers = new ManualTimers();
    const sync = await startDeviceSync(device, {
      userId: 'user-a',
      fetch: browserFetch(cookie),
      baseUrl: server.url,
      getCsrfToken: () => csrf,
      lock: browserTabLock(undefined),
      triggers: { setInterval: timers.setTimeout, clearInterval: timers.clearTimeout, window: new EventTarget() as unknown as Window, document: Object.assign(new EventTarget(), { visibilityState: 'visible' }) as unknown as Document },
    });
    await sync.autoSync.syncNow();
    expect([...server.records.keys()]).toEqual([mine.id]);
    expect(server.records.has(theirs.id)).toBe(false);
    expect((await device.getTest(theirs.id))?.sync.state).toBe('local');
    sync.autoSync.stop();
    device.close();
  });
});
