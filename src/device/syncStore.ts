// The SyncLocalStore the sync engine drives, over the device database. Every verdict from the
// server is recorded in one transaction with the outbox, so a crash mid-sync only means a retry.
import { isTombstone, type Change, type PushOp, type PushResult, type SyncLocalStore } from '../sync/protocol';
import { dropOps, queueOp } from './outbox';
import { fromServer, hasLocalChanges, nowIso } from './records';
import type { CourtesyDb, OutboxOp } from './schema';
import type { DeviceTest } from './types';

export const CURSOR_KEY = 'pullCursor';
export const LAST_SYNCED_KEY = 'lastSyncedAt';

export type DeviceSyncStore = SyncLocalStore & {
  pendingCount(): Promise<number>;
  /**
   * A shared phone: only the signed-in account's tests (and tests made without an account) are
   * sent. Another tester's unsent tests stay queued for them, never sent under someone else's name.
   */
  setOwner(userId: string | undefined): void;
  /**
   * Queue again the tests the server refused at least `olderThanMs` ago: the cause may be gone
   * (the quarter reopened, the unit added). The server answers again; nothing is lost either way.
   */
  requeueRejected(olderThanMs: number): Promise<number>;
};

export function createSyncStore(db: CourtesyDb, run: <T>(fn: () => Promise<T>) => Promise<T>): DeviceSyncStore {
  let owner: string | undefined;
  const ownedBy = (testerId: string | undefined) => !owner || !testerId || testerId === owner;
  const mine = (op: OutboxOp) => ownedBy(op.snapshot.testerId);
  return {
    pendingOps: (limit) => run(() => pendingOps(db, limit, mine)),
    applyPushResults: (results) => run(() => applyPushResults(db, results)),
    getCursor: () => run(async () => ((await db.meta.get(CURSOR_KEY))?.value as number | undefined) ?? 0),
    applyPulled: (changes, cursor) => run(() => applyPulled(db, changes, cursor)),
    pendingCount: () => run(() => (owner ? db.outbox.filter(mine).count() : db.outbox.count())),
    setOwner(userId) {
      owner = userId;
    },
    requeueRejected: (olderThanMs) => run(() => requeueRejected(db, olderThanMs, ownedBy)),
  };
}

async function requeueRejected(db: CourtesyDb, olderThanMs: number, ownedBy: (testerId: string | undefined) => boolean): Promise<number> {
  const now = nowIso();
  const before = Date.parse(now) - olderThanMs;
  return db.transaction('rw', db.tests, db.outbox, async () => {
    const rejected = await db.tests.filter((t) => t.sync.state === 'rejected' && !t.deleted).toArray();
    let queued = 0;
    for (const test of rejected) {
      const at = Date.parse(test.sync.rejectedAt ?? test.sync.syncedAt ?? test.updatedAt);
      if (Number.isFinite(at) && at > before) continue;
      if ((await db.outbox.where('testId').equals(test.id).count()) > 0) continue;
      // The refusal stays visible (error, rejectedAt) until the server answers this new try.
      const again: DeviceTest = { ...test, sync: { ...test.sync, state: test.sync.rev ? 'pending' : 'local' } };
      if (!ownedBy(test.testerId)) continue;
      await db.tests.put(again);
      await queueOp(db, again, now);
      queued++;
    }
    return queued;
  });
}

/**
 * Oldest ops first, at most ONE per test: a test's next op must carry the revision the server gives
 * its previous one as `baseRev`, so it waits for the next round. Handing an op out marks it
 * attempted (it may reach the server even if the reply is lost), which stops further coalescing.
 */
async function pendingOps(db: CourtesyDb, limit: number, mine: (op: OutboxOp) => boolean = () => true): Promise<PushOp[]> {
  return db.transaction('rw', db.tests, db.outbox, async () => {
    const out: PushOp[] = [];
    const seen = new Set<string>();
    const all = await db.outbox.orderBy('seq').toArray();
    for (const op of all) {
      if (out.length >= limit) break;
      if (seen.has(op.testId)) continue;
      seen.add(op.testId);
      if (!mine(op)) continue;
      const test = await db.tests.get(op.testId);
      if (!op.attempted) await db.outbox.update(op.seq!, { attempted: true });
      out.push({ opId: op.opId, record: { ...structuredClone(op.snapshot), baseRev: test?.sync.rev ?? 0 } });
    }
    return out;
  });
}

async function applyPushResults(db: CourtesyDb, results: PushResult[]): Promise<void> {
  const now = nowIso();
  await db.transaction('rw', db.tests, db.outbox, db.meta, async () => {
    for (const result of results) {
      const op = await db.outbox.where('opId').equals(result.opId).first();
      if (!op) continue; // already handled (e.g. a reply processed twice)
      const test = await db.tests.get(op.testId);
      await db.outbox.delete(op.seq!);
      if (!test) continue;
      if (result.status === 'applied' || result.status === 'duplicate') await confirm(db, test, result.rev, now);
      else if (result.status === 'conflict') await markConflict(db, test, result, now);
      else await db.tests.put({ ...test, deleted: undefined, sync: { ...test.sync, state: 'rejected', error: result.error ?? 'rejected by the server', rejectedAt: now } });
    }
    await db.meta.put({ key: LAST_SYNCED_KEY, value: now });
  });
}

async function confirm(db: CourtesyDb, test: DeviceTest, rev: number | undefined, now: string): Promise<void> {
  const remaining = await db.outbox.where('testId').equals(test.id).count();
  const confirmedRev = rev ?? test.sync.rev ?? 0;
  if (test.deleted && remaining === 0) {
    await db.tests.delete(test.id); // the server has the deletion: the local tombstone has done its job
    return;
  }
  if (test.sync.state === 'conflict') {
    await db.tests.put({ ...test, sync: { ...test.sync, rev: confirmedRev } });
  } else if (remaining === 0) {
    await db.tests.put({ ...test, rev: confirmedRev, sync: { state: 'confirmed', rev: confirmedRev, syncedAt: now } });
  } else {
    // A newer local change is still queued: remember the confirmed revision (its baseRev) only.
    await db.tests.put({ ...test, sync: { state: 'pending', rev: confirmedRev, syncedAt: now } });
  }
}

async function markConflict(db: CourtesyDb, test: DeviceTest, result: PushResult, now: string): Promise<void> {
  // Later queued ops would conflict the same way; the local copy holds every change, and
  // resolveConflict('mine') queues it again.
  await dropOps(db, test.id);
  if (test.deleted && result.record) {
    // The tester discarded a draft that someone changed on the server meanwhile: keep the newer
    // server copy rather than deleting it (nothing is lost; it can be discarded again).
    await db.tests.put(fromServer(result.record, now));
    return;
  }
  await db.tests.put({
    ...test,
    sync: {
      state: 'conflict',
      rev: test.sync.rev,
      server: result.record,
      // Without a record the server has no copy (e.g. a restored backup naming a revision it never had).
      serverRev: result.record?.rev ?? result.rev ?? 0,
      error: result.error,
      syncedAt: now,
    },
  });
}

async function applyPulled(db: CourtesyDb, changes: Change[], cursor: number): Promise<void> {
  const now = nowIso();
  await db.transaction('rw', db.tests, db.outbox, db.meta, async () => {
    for (const change of changes) {
      const local = await db.tests.get(change.id);
      const queued = await db.outbox.where('testId').equals(change.id).count();
      if (isTombstone(change)) {
        if (!local) continue;
        if (!hasLocalChanges(local, queued) || local.deleted) {
          await dropOps(db, change.id);
          await db.tests.delete(change.id);
        } else if ((local.sync.rev ?? 0) < change.rev) {
          await dropOps(db, change.id);
          await db.tests.put({
            ...local,
            sync: {
              state: 'conflict',
              rev: local.sync.rev,
              serverRev: change.rev,
              serverDeletedRev: change.rev,
              error: 'Deleted on the server while this device had unsent changes.',
              syncedAt: now,
            },
          });
        }
        continue;
      }
      if (!local) {
        await db.tests.put(fromServer(change, now));
      } else if ((local.sync.rev ?? 0) >= change.rev) {
        continue; // this device already has that revision (often our own push coming back)
      } else if (hasLocalChanges(local, queued)) {
        await dropOps(db, change.id);
        await db.tests.put({ ...local, sync: { state: 'conflict', rev: local.sync.rev, server: change, serverRev: change.rev, syncedAt: now } });
      } else {
        await db.tests.put(fromServer(change, now));
      }
    }
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
    await db.meta.put({ key: LAST_SYNCED_KEY, value: now });
  });
}
