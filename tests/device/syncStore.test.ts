import { describe, expect, it } from 'vitest';
import type { Device, DeviceTest } from '../../src/device';
import type { ServerRecord } from '../../src/sync/protocol';
import { details, newPhone } from './helpers';

/** What a server would send back for a test at a revision (score left out: the device ignores it). */
function serverCopy(test: DeviceTest, rev: number, seq: number, patch: Partial<ServerRecord> = {}): ServerRecord {
  const { sync: _s, rev: _r, ...record } = structuredClone(test);
  return { ...record, rev, seq, score: null, quarter: '115-Q4', ...patch };
}

async function pushAll(device: Device, rev: number) {
  const ops = await device.syncStore.pendingOps(50);
  await device.syncStore.applyPushResults(ops.map((op, i) => ({ opId: op.opId, status: 'applied' as const, rev, seq: i + 1 })));
  return ops;
}

describe('push results', () => {
  it('applied: the test is confirmed at the server revision and the op is gone', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await pushAll(device, 1);
    const test = (await device.getTest(id))!;
    expect(test.rev).toBe(1);
    expect(test.sync).toMatchObject({ state: 'confirmed', rev: 1 });
    expect(test.sync.syncedAt).toBeTruthy();
    expect(await device.syncStore.pendingCount()).toBe(0);
    // The next change is pending, based on revision 1.
    const changed = await device.setAnswer(id, 'voiceSystem', true);
    expect(changed.sync).toEqual({ state: 'pending', rev: 1 });
    expect((await device.syncStore.pendingOps(5))[0].record.baseRev).toBe(1);
    device.close();
  });

  it('duplicate (a retry of an op the server already has) confirms just like applied', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    const [op] = await device.syncStore.pendingOps(5);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'duplicate', rev: 1, seq: 1 }]);
    expect((await device.getTest(id))!.sync).toMatchObject({ state: 'confirmed', rev: 1 });
    // The same reply processed twice changes nothing.
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'duplicate', rev: 1, seq: 1 }]);
    expect((await device.getTest(id))!.sync).toMatchObject({ state: 'confirmed', rev: 1 });
    device.close();
  });

  it('a confirmation with a newer local change still queued keeps the test pending (no overwrite)', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    const [op] = await device.syncStore.pendingOps(5);
    await device.setAnswer(id, 'voiceSystem', true); // while the push is in flight
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'applied', rev: 1, seq: 1 }]);
    const test = (await device.getTest(id))!;
    expect(test.answers).toEqual({ voiceSystem: true });
    expect(test.sync).toMatchObject({ state: 'pending', rev: 1 });
    expect(test.rev).toBe(0);
    const [next] = await device.syncStore.pendingOps(5);
    expect(next.record).toMatchObject({ baseRev: 1, answers: { voiceSystem: true } });
    device.close();
  });

  it('conflict: the server copy is kept beside the local one, nothing is overwritten, and the tester resolves it', async () => {
    const device = await newPhone().open();
    const created = await device.createTest(details);
    await pushAll(device, 1);
    const mine = await device.setAnswer(created.id, 'voiceSystem', true);
    const theirs = serverCopy({ ...mine, answers: { voiceSystem: false } }, 2, 7);
    const [op] = await device.syncStore.pendingOps(5);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'conflict', record: theirs }]);
    let test = (await device.getTest(created.id))!;
    expect(test.answers).toEqual({ voiceSystem: true });
    expect(test.sync).toMatchObject({ state: 'conflict', rev: 1, server: theirs });
    expect(await device.syncStore.pendingCount()).toBe(0);

    // Edits during a conflict stay local and keep the conflict visible.
    test = await device.setAnswer(created.id, '1.1.1', 'a');
    expect(test.sync.state).toBe('conflict');
    expect(await device.syncStore.pendingCount()).toBe(0);

    // Keep mine: sent again, based on the server's revision.
    test = await device.resolveConflict(created.id, 'mine');
    expect(test.sync).toEqual({ state: 'pending', rev: 2 });
    const [again] = await device.syncStore.pendingOps(5);
    expect(again.record).toMatchObject({ baseRev: 2, answers: { voiceSystem: true, '1.1.1': 'a' } });
    device.close();
  });

  it('resolving a conflict with the server copy takes it as confirmed', async () => {
    const device = await newPhone().open();
    const created = await device.createTest(details);
    await pushAll(device, 1);
    const mine = await device.setAnswer(created.id, 'voiceSystem', true);
    const theirs = serverCopy({ ...mine, answers: { voiceSystem: false }, extension: '777' }, 3, 9);
    const [op] = await device.syncStore.pendingOps(5);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'conflict', record: theirs }]);
    const taken = await device.resolveConflict(created.id, 'server');
    expect(taken).toMatchObject({ answers: { voiceSystem: false }, extension: '777', rev: 3, sync: { state: 'confirmed', rev: 3 } });
    expect(taken).not.toHaveProperty('score');
    expect(taken).not.toHaveProperty('seq');
    expect(await device.syncStore.pendingCount()).toBe(0);
    await expect(device.resolveConflict(created.id, 'server')).rejects.toMatchObject({ kind: 'invalid' });
    device.close();
  });

  it('a conflict where the server has no copy (e.g. a restored backup) can only be resolved by keeping mine, sent as new', async () => {
    const device = await newPhone().open();
    const backup = await (async () => {
      const source = await newPhone('source').open();
      const t = await source.createTest(details);
      await pushAll(source, 4);
      const json = await source.exportBackup();
      source.close();
      return { json, id: t.id };
    })();
    expect(await device.importBackup(backup.json)).toMatchObject({ added: 1 });
    expect((await device.getTest(backup.id))!.sync).toEqual({ state: 'pending', rev: 4 });
    const [op] = await device.syncStore.pendingOps(5);
    expect(op.record.baseRev).toBe(4);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'conflict', error: 'record.baseRev: the server has no copy at rev 4' }]);
    expect((await device.getTest(backup.id))!.sync).toMatchObject({ state: 'conflict', serverRev: 0 });
    await expect(device.resolveConflict(backup.id, 'server')).rejects.toMatchObject({ kind: 'invalid' });
    await device.resolveConflict(backup.id, 'mine');
    const [again] = await device.syncStore.pendingOps(5);
    expect(again.record.baseRev).toBe(0);
    expect((await device.getTest(backup.id))!.sync.state).toBe('local');
    device.close();
  });

  it('rejected: the reason is shown and the local copy kept; the next change is queued again', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    const [op] = await device.syncStore.pendingOps(5);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'rejected', error: 'testedAt: quarter 115-Q3 is closed' }]);
    let test = (await device.getTest(id))!;
    expect(test.sync).toMatchObject({ state: 'rejected', error: 'testedAt: quarter 115-Q3 is closed' });
    expect(test.unitName).toBe(details.unitName);
    expect(await device.syncStore.pendingCount()).toBe(0);
    test = await device.updateDetails(id, { testedAt: '2026-11-20T10:00:00+08:00' });
    expect(test.sync.state).toBe('local');
    expect(await device.syncStore.pendingCount()).toBe(1);
    device.close();
  });

  it('discarding a draft the server has queues a deletion, and forgets it once confirmed', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await pushAll(device, 1);
    await device.discardTest(id);
    expect(await device.getTest(id)).toBeUndefined();
    expect(await device.listTests()).toEqual([]);
    const [op] = await device.syncStore.pendingOps(5);
    expect(op.record).toMatchObject({ id, deleted: true, baseRev: 1 });
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'applied', rev: 2, seq: 2 }]);
    expect(await device.syncStore.pendingCount()).toBe(0);
    // A pulled tombstone for it finds nothing left to delete.
    await device.syncStore.applyPulled([{ id, deleted: true, rev: 2, seq: 2 }], 2);
    expect(await device.getTest(id)).toBeUndefined();
    device.close();
  });
});

describe('pulled changes', () => {
  it('inserts tests the device does not have and stores the cursor', async () => {
    const phone = newPhone();
    const source = await newPhone('other').open();
    const remote = await source.createTest({ ...details, unitName: '報驗發證科' });
    const device = await phone.open();
    expect(await device.syncStore.getCursor()).toBe(0);
    await device.syncStore.applyPulled([serverCopy(remote, 4, 12)], 12);
    expect(await device.getTest(remote.id)).toMatchObject({ unitName: '報驗發證科', rev: 4, sync: { state: 'confirmed', rev: 4 } });
    expect(await device.syncStore.getCursor()).toBe(12);
    expect(await device.syncStore.pendingCount()).toBe(0);
    device.close();
    expect(await (await phone.open()).syncStore.getCursor()).toBe(12);
    source.close();
  });

  it('updates a clean copy, ignores an older or equal revision (our own push coming back)', async () => {
    const device = await newPhone().open();
    const created = await device.createTest(details);
    await pushAll(device, 2);
    const confirmed = (await device.getTest(created.id))!;
    await device.syncStore.applyPulled([serverCopy({ ...confirmed, extension: 'old' }, 2, 3)], 3);
    expect((await device.getTest(created.id))!.extension).toBe(details.extension);
    await device.syncStore.applyPulled([serverCopy({ ...confirmed, extension: '888' }, 3, 4)], 4);
    expect(await device.getTest(created.id)).toMatchObject({ extension: '888', rev: 3, sync: { state: 'confirmed', rev: 3 } });
    device.close();
  });

  it('a pulled change for a test with a pending local change marks a conflict instead of overwriting', async () => {
    const device = await newPhone().open();
    const created = await device.createTest(details);
    await pushAll(device, 1);
    const mine = await device.setAnswer(created.id, 'voiceSystem', true);
    const theirs = serverCopy({ ...mine, answers: { voiceSystem: false } }, 2, 5);
    await device.syncStore.applyPulled([theirs], 5);
    const test = (await device.getTest(created.id))!;
    expect(test.answers).toEqual({ voiceSystem: true });
    expect(test.sync).toMatchObject({ state: 'conflict', rev: 1, server: theirs });
    expect(await device.syncStore.pendingCount()).toBe(0);
    device.close();
  });

  it('tombstones delete clean copies only; a dirty copy becomes a conflict', async () => {
    const device = await newPhone().open();
    const clean = await device.createTest({ ...details, unitName: 'clean' });
    const dirty = await device.createTest({ ...details, unitName: 'dirty' });
    await pushAll(device, 1);
    await device.setAnswer(dirty.id, 'voiceSystem', true);
    await device.syncStore.applyPulled(
      [
        { id: clean.id, deleted: true, rev: 2, seq: 8 },
        { id: dirty.id, deleted: true, rev: 2, seq: 9 },
      ],
      9,
    );
    expect(await device.getTest(clean.id)).toBeUndefined();
    const kept = (await device.getTest(dirty.id))!;
    expect(kept.answers).toEqual({ voiceSystem: true });
    expect(kept.sync).toMatchObject({ state: 'conflict', serverDeletedRev: 2 });
    // Keep mine: re-sent based on the tombstone's revision.
    await device.resolveConflict(dirty.id, 'mine');
    expect((await device.syncStore.pendingOps(5))[0].record).toMatchObject({ id: dirty.id, baseRev: 2 });
    device.close();
  });

  it('a tombstone for a test that only this device has (never confirmed) does not delete it', async () => {
    const device = await newPhone().open();
    const local = await device.createTest(details);
    await device.syncStore.applyPulled([{ id: local.id, deleted: true, rev: 1, seq: 1 }], 1);
    expect(await device.getTest(local.id)).toBeDefined();
    device.close();
  });
});
