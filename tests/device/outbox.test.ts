import { afterEach, describe, expect, it } from 'vitest';
import { DeviceStorageError } from '../../src/device';
import { aroundStoreRequests, details, newPhone } from './helpers';

/** Make IndexedDB refuse writes to one object store, as a full disk would. */
function failWritesTo(storeName: string, error = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')) {
  return aroundStoreRequests(['put', 'add'], (_method, store, issue) => {
    if (store === storeName) throw error();
    return issue();
  });
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('outbox', () => {
  it('queues one op per change, with the test as it was', async () => {
    const device = await newPhone().open();
    const test = await device.createTest(details);
    const ops = await device.syncStore.pendingOps(10);
    expect(ops).toHaveLength(1);
    const { sync: _sync, rev: _rev, ...record } = test;
    expect(ops[0].record).toEqual({ ...record, baseRev: 0 });
    device.close();
  });

  it('writes the test and its op in one transaction: a failed op write leaves the test unchanged', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    const before = await device.getTest(id);
    restore = failWritesTo('outbox');
    const error = await device.setAnswer(id, '1.1.1', 'a').catch((e) => e);
    expect(error).toBeInstanceOf(DeviceStorageError);
    restore();
    restore = undefined;
    // Neither the answer nor an op: the transaction was aborted as a whole.
    expect(await device.getTest(id)).toEqual(before);
    const ops = await device.syncStore.pendingOps(10);
    expect(ops).toHaveLength(1);
    expect(ops[0].record.answers).toEqual({ voiceSystem: true });
    device.close();
  });

  it('coalesces changes while the op was never sent, and queues a new op once it was', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    await device.setAnswer(id, '1.1.1', 'a');
    expect(await device.syncStore.pendingCount()).toBe(1);

    const first = await device.syncStore.pendingOps(10); // handed to the engine: attempted
    expect(first).toHaveLength(1);
    expect(first[0].record.answers).toEqual({ voiceSystem: true, '1.1.1': 'a' });

    await device.setAnswer(id, '1.1.2', 'b');
    await device.setAnswer(id, '1.1.3', 'c');
    expect(await device.syncStore.pendingCount()).toBe(2);

    // The reply was lost: the retry sends the SAME op (same opId, same content), and only that
    // one, because the next op must be based on the revision the server gives the first.
    const retry = await device.syncStore.pendingOps(10);
    expect(retry).toEqual(first);

    await device.syncStore.applyPushResults([{ opId: first[0].opId, status: 'applied', rev: 1, seq: 1 }]);
    const next = await device.syncStore.pendingOps(10);
    expect(next).toHaveLength(1);
    expect(next[0].opId).not.toBe(first[0].opId);
    expect(next[0].record.baseRev).toBe(1);
    expect(next[0].record.answers).toEqual({ voiceSystem: true, '1.1.1': 'a', '1.1.2': 'b', '1.1.3': 'c' });
    device.close();
  });

  it('hands out oldest first, up to the limit, one op per test', async () => {
    const device = await newPhone().open();
    const a = await device.createTest({ ...details, unitName: 'A' });
    const b = await device.createTest({ ...details, unitName: 'B' });
    const c = await device.createTest({ ...details, unitName: 'C' });
    expect((await device.syncStore.pendingOps(2)).map((op) => op.record.id)).toEqual([a.id, b.id]);
    expect((await device.syncStore.pendingOps(10)).map((op) => op.record.id)).toEqual([a.id, b.id, c.id]);
    device.close();
  });

  it('the outbox survives a reopen, with the same opIds', async () => {
    const phone = newPhone();
    const device = await phone.open();
    await device.createTest(details);
    const ops = await device.syncStore.pendingOps(10);
    device.close();
    const again = await phone.open();
    expect(await again.syncStore.pendingOps(10)).toEqual(ops);
    again.close();
  });
});

describe('a full disk', () => {
  it('gives a clear bilingual quota error, emits a quota event, and loses nothing saved before', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    await device.setAnswer(id, '1.1.1', 'a');
    const before = await device.getTest(id);
    const opsBefore = await device.syncStore.pendingCount();
    const events: string[] = [];
    device.onEvent((e) => events.push(e.type));

    restore = failWritesTo('tests');
    const error = await device.setAnswer(id, '1.1.2', 'b').catch((e) => e);
    expect(error).toBeInstanceOf(DeviceStorageError);
    expect(error.kind).toBe('quota');
    expect(error.message).toMatch(/storage is full/);
    expect(error.message).toMatch(/saved before is intact/);
    expect(error.zh).toContain('儲存空間已滿');
    expect(events).toEqual(['quota']);
    const createError = await device.createTest(details).catch((e) => e);
    expect(createError.kind).toBe('quota');
    restore();
    restore = undefined;

    expect(await device.getTest(id)).toEqual(before);
    expect(await device.listTests()).toHaveLength(1);
    expect(await device.syncStore.pendingCount()).toBe(opsBefore); // no orphan op either
    device.close();
    const reopened = await phone.open();
    expect((await reopened.getTest(id))!.answers).toEqual({ voiceSystem: true, '1.1.1': 'a' });
    // Space is back: the same change now saves.
    expect((await reopened.setAnswer(id, '1.1.2', 'b')).answers['1.1.2']).toBe('b');
    reopened.close();
  });
});
