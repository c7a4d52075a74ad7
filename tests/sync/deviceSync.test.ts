import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimCursorFor, deviceClientId, startDeviceSync } from '../../src/sync/deviceSync';
import { browserTabLock } from '../../src/sync/tabLock';
import { details, newPhone } from '../device/helpers';
import { browserFetch, ContractServer } from './contractServer';
import { ManualTimers } from './timers';

let server: ContractServer;
beforeEach(async () => {
  server = await new ContractServer().start();
});
afterEach(() => server.stop());

describe('startDeviceSync', () => {
  it('pulls from the start again when another account signs in on the device', async () => {
    const device = await newPhone().open();
    expect(await claimCursorFor(device, 'user-a')).toBe(false);
    await device.syncStore.applyPulled([], 42);
    expect(await device.syncStore.getCursor()).toBe(42);
    expect(await claimCursorFor(device, 'user-a')).toBe(false);
    expect(await device.syncStore.getCursor()).toBe(42);
    expect(await claimCursorFor(device, 'user-b')).toBe(true);
    expect(await device.syncStore.getCursor()).toBe(0);
    device.close();
  });

  it('keeps one client id per device database, across reopen', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const id = await deviceClientId(device);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await deviceClientId(device)).toBe(id);
    device.close();
    const again = await phone.open();
    expect(await deviceClientId(again)).toBe(id);
    expect(await deviceClientId(await newPhone('other').open())).not.toBe(id);
    again.close();
  });

  it('syncs on start and remembers when it last synced for the next session', async () => {
    const phone = newPhone();
    const device = await phone.open();
    await device.createTest(details);
    const { cookie, csrf } = server.signIn();
    const timers = new ManualTimers();
    const opts = {
      fetch: browserFetch(cookie),
      baseUrl: server.url,
      getCsrfToken: () => csrf,
      lock: browserTabLock(undefined),
      triggers: { setInterval: timers.setTimeout, clearInterval: timers.clearTimeout, window: new EventTarget() as unknown as Window, document: Object.assign(new EventTarget(), { visibilityState: 'visible' }) as unknown as Document },
    };
    const first = await startDeviceSync(device, opts);
    for (let i = 0; i < 200 && first.engine.getState().phase !== 'idle'; i++) await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 200 && !first.engine.getState().lastSyncedAt; i++) await new Promise((r) => setTimeout(r, 5));
    expect(server.records.size).toBe(1);
    first.autoSync.stop();
    device.close();

    const reopened = await phone.open();
    const retries = new ManualTimers();
    const second = await startDeviceSync(reopened, {
      ...opts,
      setTimeout: retries.setTimeout,
      clearTimeout: retries.clearTimeout,
      fetch: async () => {
        throw new TypeError('offline');
      },
    });
    for (let i = 0; i < 200 && second.engine.getState().phase === 'syncing'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(second.engine.getState().phase).toBe('offline');
    second.autoSync.stop();
    expect(retries.pending.size).toBe(0);
    expect(second.clientId).toBe(first.clientId);
    expect(second.engine.getState().lastSyncedAt).toBeTruthy();
    reopened.close();
  });
});
