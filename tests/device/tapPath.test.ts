// The tap path (device.ts changeFrom): a tap writes what this device last wrote of the test, edited,
// in the same transaction as the reads that check that guess. These tests hold it to both halves:
// the writes really go out before the reads answer (so the disk commits while the screen draws),
// and a wrong guess (another tab, the sync engine) is never kept.
import { IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../src/device/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { aroundStoreRequests, details, newPhone } from './helpers';

/** Log, in order, when a put/add is issued and when a get answers. */
function watchRequests(log: string[]) {
  return aroundStoreRequests(['put', 'add', 'get'], (method, store, issue) => {
    if (method !== 'get') log.push(`${method} ${store}`);
    const request = issue();
    if (method === 'get') request.addEventListener('success', () => log.push(`got ${store}`));
    return request;
  });
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('a tap on the device', () => {
  it('issues its writes before the stored copy is read back, once the device has written the test', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    const log: string[] = [];
    restore = watchRequests(log);
    const saved = await device.setAnswer(id, 'voiceSystem', false);
    restore();
    expect(saved.answers.voiceSystem).toBe(false);
    expect(log.indexOf('put tests')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('put tests')).toBeLessThan(log.indexOf('got tests'));
    expect((await device.getTest(id))?.answers.voiceSystem).toBe(false);
    device.close();
  });

  it('builds on another tab’s change, never over it', async () => {
    const phone = newPhone();
    const tab1 = await phone.open();
    const tab2 = await phone.open();
    const { id } = await tab1.createTest(details);
    await tab1.setAnswer(id, 'voiceSystem', false);
    // The other tab answers an item this tab never saw.
    await tab2.setAnswer(id, '1.2', { outcome: 'answered', rings: 2 });
    const saved = await tab1.setAnswer(id, '1.3.1', true);
    expect(saved.answers).toMatchObject({ voiceSystem: false, '1.2': { outcome: 'answered', rings: 2 }, '1.3.1': true });
    expect((await tab2.getTest(id))?.answers).toEqual(saved.answers);
    // One op for the burst, carrying every answer.
    const ops = await tab1.syncStore.pendingOps(10);
    expect(ops).toHaveLength(1);
    expect(ops[0].record.answers).toEqual(saved.answers);
    tab1.close();
    tab2.close();
  });

  it('queues a new op once sync has taken the last one (the taken op is never rewritten)', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', false);
    const [taken] = await device.syncStore.pendingOps(10); // marks it attempted
    await device.setAnswer(id, '1.3.1', true);
    const raw = createDb(phone.name, { indexedDB: phone.idb, IDBKeyRange });
    const ops = await raw.outbox.orderBy('seq').toArray();
    raw.close();
    expect(ops.map((o) => [o.opId, o.attempted])).toEqual([[taken.opId, true], [expect.any(String), false]]);
    expect(ops[0].snapshot.answers).toEqual(taken.record.answers);
    expect(ops[1].snapshot.answers).toMatchObject({ voiceSystem: false, '1.3.1': true });
    device.close();
  });

  it('refuses what the stored test refuses, not what a stale guess would', async () => {
    const phone = newPhone();
    const tab1 = await phone.open();
    const tab2 = await phone.open();
    const { id } = await tab1.createTest(details);
    await tab1.setAnswer(id, 'voiceSystem', false);
    await tab2.completeTest(id).catch(() => undefined); // incomplete: refused, nothing changes
    await tab2.discardTest(id);
    await expect(tab1.setAnswer(id, '1.3.1', true)).rejects.toMatchObject({ kind: 'notFound' });
    tab1.close();
    tab2.close();
  });

  it('tells the list which test it wrote, and only that one', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true); // the long way: the device now has a guess
    const told: (string[] | null)[] = [];
    const stop = device.subscribeTests((ids) => told.push(ids));
    const log: string[] = [];
    restore = watchRequests(log);
    await device.setAnswer(id, 'voiceSystem', false);
    restore();
    stop();
    expect(log.indexOf('put tests')).toBeLessThan(log.indexOf('got tests')); // it was the tap path
    expect(told).toEqual([[id]]);
    device.close();
  });

  it('refuses on a confirmed guess and writes nothing', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    const before = await device.getTest(id);
    const error = await device.setAnswer(id, 'no-such-item', true).catch((e) => e);
    expect(error).toMatchObject({ kind: expect.any(String) });
    expect(await device.getTest(id)).toEqual(before);
    device.close();
  });
});
