// Writing a change: the test and its outbox op go into the SAME IndexedDB transaction, so a crash
// can never leave a saved change that sync does not know about (or an op without its change).
import type { CourtesyDb, OutboxOp } from './schema';
import { snapshotOf } from './records';
import type { DeviceTest } from './types';

/**
 * Save `test` and queue it for the server. Must run inside a rw transaction over tests + outbox.
 * Coalescing: while the test's newest op was never handed to the sync engine, it is replaced
 * (one op per burst of taps); once it was attempted, it may already be on the server, so a new op
 * with a new opId is queued and the old one is retried unchanged (a lost reply + retry stays safe).
 */
/** The test's queued ops, oldest first. */
export function opsOf(db: CourtesyDb, testId: string): Promise<OutboxOp[]> {
  return db.outbox.where('testId').equals(testId).sortBy('seq');
}

/** Save the test and queue (or refresh) its op; `ops`: its queued ops, when the caller read them already. */
export async function saveWithOp(db: CourtesyDb, test: DeviceTest, now: string, ops?: OutboxOp[]): Promise<DeviceTest> {
  return (await saveWithOps(db, test, now, ops)).test;
}

/** saveWithOp, also telling the test's queued ops after the write. With `ops` given, every request
 *  is issued before the first await (device.ts's tap path counts on it). */
export async function saveWithOps(db: CourtesyDb, test: DeviceTest, now: string, ops?: OutboxOp[]): Promise<{ test: DeviceTest; ops?: OutboxOp[] }> {
  if (test.sync.state === 'conflict') {
    // The tester is deciding between their copy and the server's: keep editing locally, and let
    // resolveConflict queue the op (sending now would only conflict again).
    await db.tests.put(test);
    return { test };
  }
  const next: DeviceTest = {
    ...test,
    sync: { state: test.sync.rev ? 'pending' : 'local', ...(test.sync.rev ? { rev: test.sync.rev } : {}) },
  };
  const [, queued] = await Promise.all([db.tests.put(next), queueOp(db, next, now, ops)]);
  return { test: next, ops: queued };
}

/** Queue (or refresh) the test's op; resolves to its queued ops after the write, oldest first. */
export async function queueOp(db: CourtesyDb, test: DeviceTest, now: string, known?: OutboxOp[]): Promise<OutboxOp[]> {
  const ops = known ?? (await opsOf(db, test.id));
  const last = ops[ops.length - 1];
  const snapshot = snapshotOf(test);
  if (last && !last.attempted) {
    const refreshed = { ...last, snapshot };
    await db.outbox.put(refreshed);
    return [...ops.slice(0, -1), refreshed];
  }
  const op: OutboxOp = { opId: crypto.randomUUID(), testId: test.id, createdAt: now, attempted: false, snapshot };
  const seq = await db.outbox.add(op);
  return [...ops, { ...op, seq } as OutboxOp];
}

export async function dropOps(db: CourtesyDb, testId: string): Promise<void> {
  await db.outbox.where('testId').equals(testId).delete();
}
