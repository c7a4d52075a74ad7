// The SyncLocalStore the sync engine drives, over the device database. Every verdict from the
// server is recorded in one transaction with the outbox, so a crash mid-sync only means a retry.
import * as v from 'valibot';
import { errorsText, fromIssue, type RecordError } from '../record/errors';
import { ServerRecordSchema, TombstoneSchema } from '../record/schema';
import { sheets } from '../scoresheet';
import { isTombstone, sheetKey, type Change, type PushOp, type PushResult, type SyncLocalStore } from '../sync/protocol';
import { dropOps, queueOp } from './outbox';
import { fromServer, hasLocalChanges, nowIso } from './records';
import type { CourtesyDb, OutboxOp } from './schema';
import type { DeviceSyncStore, DeviceTest, SetAsidePull } from './types';

export const CURSOR_KEY = 'pullCursor';
export const LAST_SYNCED_KEY = 'lastSyncedAt';
/** Whose pull the cursor is, and for which sheet versions: either changing starts the pull over. */
const CURSOR_USER_KEY = 'syncUser';
const CURSOR_SHEETS_KEY = 'pullSheets';
/** Pulled changes this device could not store: kept (bounded) so the user can be told and helped. */
export const SET_ASIDE_KEY = 'setAsidePulls';
const CLIENT_ID_KEY = 'clientId';
const SET_ASIDE_MAX = 100;

/** The sheet versions this app renders; tests on others are withheld by the server until it can. */
const renderable = () => Object.values(sheets).map(sheetKey).sort().join(',');

export function createSyncStore(db: CourtesyDb, run: <T>(fn: () => Promise<T>) => Promise<T>): DeviceSyncStore {
  let owner: string | undefined;
  const ownedBy = (testerId: string | undefined) => !owner || !testerId || testerId === owner;
  const mine = (op: OutboxOp) => ownedBy(op.snapshot.testerId);
  return {
    pendingOps: (limit) => run(() => pendingOps(db, limit, mine)),
    applyPushResults: (results) => run(() => applyPushResults(db, results)),
    getCursor: () =>
      run(async () => {
        // An app that now renders more sheets pulls again from the start, to get what was withheld.
        if ((await db.meta.get(CURSOR_SHEETS_KEY))?.value !== renderable()) return 0;
        return ((await db.meta.get(CURSOR_KEY))?.value as number | undefined) ?? 0;
      }),
    applyPulled: (changes, cursor) => run(() => applyPulled(db, changes, cursor)),
    pendingCount: () => run(() => (owner ? db.outbox.filter(mine).count() : db.outbox.count())),
    setOwner(userId) {
      owner = userId;
    },
    requeueRejected: (olderThanMs) => run(() => requeueRejected(db, olderThanMs, ownedBy)),
    claimCursorFor: (userId) =>
      run(() =>
        db.transaction('rw', db.meta, async () => {
          const previous = (await db.meta.get(CURSOR_USER_KEY))?.value as string | undefined;
          if (previous === userId) return false;
          await db.meta.put({ key: CURSOR_KEY, value: 0 });
          await db.meta.put({ key: CURSOR_USER_KEY, value: userId });
          return previous !== undefined;
        }),
      ),
    setAsidePulls: () => run(async () => ((await db.meta.get(SET_ASIDE_KEY))?.value as SetAsidePull[] | undefined) ?? []),
    clientId: () =>
      run(() =>
        db.transaction('rw', db.meta, async () => {
          const existing = (await db.meta.get(CLIENT_ID_KEY))?.value as string | undefined;
          if (existing) return existing;
          const id = crypto.randomUUID();
          await db.meta.put({ key: CLIENT_ID_KEY, value: id });
          return id;
        }),
      ),
    lastSyncedAt: () => run(async () => (await db.meta.get(LAST_SYNCED_KEY))?.value as string | undefined),
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
      else {
        const errors = result.errors ?? [];
        await db.tests.put({ ...test, deleted: undefined, sync: { ...test.sync, state: 'rejected', error: result.error ?? (errors.length ? errorsText(errors) : 'rejected by the server'), errors, rejectedAt: now } });
      }
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
      ...(result.errors ? { errors: result.errors } : {}),
      syncedAt: now,
    },
  });
}

async function applyPulled(db: CourtesyDb, pulled: unknown[], cursor: number): Promise<{ setAside: number }> {
  const now = nowIso();
  return db.transaction('rw', db.tests, db.outbox, db.meta, async () => {
    const setAside: SetAsidePull[] = [];
    for (const raw of pulled) {
      // Each change is checked by the record contract, and stored on its own: one that cannot be
      // stored is set aside (and the user told), never aborting the rest of the page.
      // A tombstone carries no answers: check each shape with its own schema, so the reasons name fields.
      const schema = raw && typeof raw === 'object' && 'answers' in raw ? ServerRecordSchema : TombstoneSchema;
      const parsed = v.safeParse(schema, raw, { abortPipeEarly: true });
      if (!parsed.success) {
        setAside.push({ id: idOf(raw), at: now, errors: parsed.issues.map(fromIssue) });
        continue;
      }
      try {
        await applyChange(db, parsed.output, now);
      } catch (e) {
        setAside.push({ id: idOf(raw), at: now, errors: [{ field: '', rule: 'storable', message: { en: `this device could not store it: ${(e as Error).message}`, zh: `此裝置無法儲存：${(e as Error).message}` } }] });
      }
    }
    if (setAside.length) {
      const earlier = ((await db.meta.get(SET_ASIDE_KEY))?.value as SetAsidePull[] | undefined) ?? [];
      await db.meta.put({ key: SET_ASIDE_KEY, value: [...earlier, ...setAside].slice(-SET_ASIDE_MAX) });
    }
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
    await db.meta.put({ key: CURSOR_SHEETS_KEY, value: renderable() });
    await db.meta.put({ key: LAST_SYNCED_KEY, value: now });
    return { setAside: setAside.length };
  });
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 36) : '';
}

async function applyChange(db: CourtesyDb, change: Change, now: string): Promise<void> {
  const local = await db.tests.get(change.id);
  const queued = await db.outbox.where('testId').equals(change.id).count();
  if (isTombstone(change)) {
    if (!local) return;
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
    return;
  }
  if (!local) {
    await db.tests.put(fromServer(change, now));
  } else if ((local.sync.rev ?? 0) >= change.rev) {
    return; // this device already has that revision (often our own push coming back)
  } else if (hasLocalChanges(local, queued)) {
    await dropOps(db, change.id);
    await db.tests.put({ ...local, sync: { state: 'conflict', rev: local.sync.rev, server: change, serverRev: change.rev, syncedAt: now } });
  } else {
    await db.tests.put(fromServer(change, now));
  }
}
