import Dexie from 'dexie';
import { forceCloseDatabase, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeviceStorageError } from '../../src/device';
import { details, newPhone } from './helpers';

afterEach(() => vi.unstubAllGlobals());

describe('another tab upgrades the database', () => {
  it('closes this connection (so the upgrade is not blocked), emits versionchange, and later calls fail with a clear error', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const { id } = await device.createTest(details);
    const events: { type: string; message: string; zh: string }[] = [];
    device.onEvent((e) => events.push(e));

    // A newer release in another tab declares version 4 (this release is 3).
    const newer = new Dexie(phone.name, { indexedDB: phone.idb, IDBKeyRange });
    newer.version(4).stores({ tests: 'id, status, testedAt, updatedAt', outbox: '++seq, &opId, testId', meta: 'key', live: '[testId+itemId], testId', extra: 'id' });
    await newer.open(); // would hang if this tab kept the old connection open
    expect(events.map((e) => e.type)).toContain('versionchange');
    const event = events.find((e) => e.type === 'versionchange')!;
    expect(event.message).toMatch(/Reload/);
    expect(event.zh).toContain('重新載入');

    const error = await device.getTest(id).catch((e) => e);
    expect(error).toBeInstanceOf(DeviceStorageError);
    expect(error.kind).toBe('versionchange');
    // The newer tab still has the test.
    expect(await newer.table('tests').get(id)).toMatchObject({ id });
    newer.close();
  });

  it('a closed database gives a "closed" error with a bilingual message', async () => {
    const device = await newPhone().open();
    device.close();
    const error = await device.listTests().catch((e) => e);
    expect(error).toBeInstanceOf(DeviceStorageError);
    expect(error.kind).toBe('closed');
    expect(error.zh).toContain('重新載入');
  });
});

describe('persistent storage', () => {
  it('reports granted / denied / unsupported from navigator.storage', async () => {
    const device = await newPhone().open();
    vi.stubGlobal('navigator', { storage: { persist: async () => true, persisted: async () => false } });
    expect(await device.requestPersistence()).toBe('granted');
    expect(await device.persistenceState()).toBe('denied');
    vi.stubGlobal('navigator', {});
    expect(await device.requestPersistence()).toBe('unsupported');
    expect(await device.persistenceState()).toBe('unsupported');
    device.close();
  });
});

describe('the browser closes the connection', () => {
  it('emits a "closed" event (not for our own close), and the next change reopens the database with nothing lost', async () => {
    const phone = newPhone();
    // Capture the raw connection so the test can close it the way a browser would.
    let raw: IDBDatabase | undefined;
    const open = phone.idb.open.bind(phone.idb);
    phone.idb.open = (...args: Parameters<IDBFactory['open']>) => {
      const request = open(...args);
      request.addEventListener('success', () => (raw = request.result));
      return request;
    };
    const device = await phone.open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    const events: string[] = [];
    device.onEvent((e) => events.push(e.type));

    forceCloseDatabase(raw as never); // (its .d.ts types the argument as the class, not an instance)
    expect(events).toEqual(['closed']);
    const after = await device.setAnswer(id, '1.1.1', 'a');
    expect(after.answers).toEqual({ voiceSystem: true, '1.1.1': 'a' });

    device.close(); // our own close is not an event
    expect(events).toEqual(['closed']);
  });
});
