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
  if (test.sync.state === 'conflict') {
    // The tester is deciding between their copy and the server's: keep editing locally, and let
    // resolveConflict queue the op (sending now would only conflict again).
    await db.tests.put(test);
    return test;
  }
  const next: DeviceTest = {
    ...test,
    sync: { state: test.sync.rev ? 'pending' : 'local', ...(test.sync.rev ? { rev: test.sync.rev } : {}) },
  };
  await Promise.all([db.tests.put(next), queueOp(db, next, now, ops)]);
  return next;
}

export async function queueOp(db: CourtesyDb, test: DeviceTest, now: string, known?: OutboxOp[]): Promise<void> {
  const ops = known ?? (await opsOf(db, test.id));
  const last = ops[ops.length - 1];
  const snapshot = snapshotOf(test);
  if (last && !last.attempted) {
    await db.outbox.put({ ...last, snapshot });
  } else {
    const op: OutboxOp = { opId: crypto.randomUUID(), testId: test.id, createdAt: now, attempted: false, snapshot };
    await db.outbox.add(op);
  }
}

export async function dropOps(db: CourtesyDb, testId: string): Promise<void> {
  await db.outbox.where('testId').equals(testId).delete();
}
