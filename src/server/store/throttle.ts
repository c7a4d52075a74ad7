// Login throttling, counted atomically in the store. Each attempt is counted BEFORE the password is
// hashed, inside one transaction that locks the counter rows (PostgreSQL: SELECT … FOR UPDATE; SQLite:
// the write lock taken by the first statement), so parallel guesses queue on the counter: the sixth of
// a burst of forty is refused without a hash, and a right password sent after the limit is refused too.
//
// Three counters, so that one attacker cannot lock the real user out:
// - pair:<name>|<address>: one account from one address (5 → 15 minutes), the usual lockout;
// - address:<address>: one address across accounts (20), against password spraying;
// - account:<name>: one account from every address together (50), against a distributed attack. A single
//   address is stopped by its pair limit long before it can reach this, so the user signing in from
//   another address still gets in.
// A successful sign-in clears its pair and account counters and takes its own attempt back off the address.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Engine, LoginThrottleTable } from './db';
import { ACCOUNT_FAILURES, ADDRESS_FAILURES, LOCKOUT_FAILURES, LOCKOUT_MS, type LockScope, type LoginLock } from './authTypes';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export const USERNAME_RE = /^[A-Za-z0-9._@-]{1,64}$/;

/** The name as counted: a valid username as is (lower case), anything else by a digest, so names that
 *  fail the format check are throttled too without storing arbitrary (or NUL-carrying) text. */
export function throttleName(raw: string): string {
  const lower = String(raw).toLowerCase();
  if (USERNAME_RE.test(lower)) return lower;
  return `#${createHash('sha256').update(lower).digest('hex').slice(0, 24)}`;
}

export interface ThrottleKeys {
  address: string;
  account: string;
  pair: string;
}

export function throttleKeys(name: string, address = 'unknown'): ThrottleKeys {
  const addr = address.replace(/[\u0000|]/g, '').slice(0, 100) || 'unknown';
  return { address: `address:${addr}`, account: `account:${name}`, pair: `pair:${name}|${addr}` };
}

const LIMITS = (keys: ThrottleKeys) => [
  { key: keys.address, limit: ADDRESS_FAILURES, scope: 'address' as LockScope },
  { key: keys.pair, limit: LOCKOUT_FAILURES, scope: 'account' as LockScope },
  { key: keys.account, limit: ACCOUNT_FAILURES, scope: 'account' as LockScope },
];

export type Reservation = { ok: true; lockedBy?: { scope: LockScope; until: string } } | { ok: false; scope: LockScope; lockedUntil: string };

/** Count one attempt on all three counters, or refuse it (counting nothing) when any is locked. */
export async function reserveAttempt(db: Db, engine: Engine, keys: ThrottleKeys, now: Date): Promise<Reservation> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - LOCKOUT_MS).toISOString();
  const limits = LIMITS(keys).sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order: no deadlocks
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values(limits.map(({ key }) => ({ key, failures: 0, window_start: nowIso, locked_until: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await lockRows(trx, engine, limits.map((l) => l.key));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const l of limits) {
      const row = byKey.get(l.key)!;
      if (row.locked_until && row.locked_until > nowIso) return { ok: false, scope: l.scope, lockedUntil: row.locked_until };
    }
    let lockedBy: { scope: LockScope; until: string } | undefined;
    for (const l of limits) {
      const row = byKey.get(l.key)!;
      // A lock that has run out, or a window that has, starts a fresh count.
      const fresh = (row.locked_until && row.locked_until <= nowIso) || row.window_start <= windowStart;
      const failures = fresh ? 1 : Number(row.failures) + 1;
      const lockedUntil = failures >= l.limit ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
      if (lockedUntil && (!lockedBy || l.scope === 'address')) lockedBy = { scope: l.scope, until: lockedUntil };
      await trx
        .updateTable('login_throttle')
        .set({ failures, window_start: fresh ? nowIso : row.window_start, locked_until: lockedUntil })
        .where('key', '=', l.key)
        .execute();
    }
    return { ok: true, ...(lockedBy ? { lockedBy } : {}) };
  });
}

async function lockRows(trx: Trx, engine: Engine, keys: string[]): Promise<LoginThrottleTable[]> {
  let q = trx.selectFrom('login_throttle').selectAll().where('key', 'in', keys).orderBy('key');
  if (engine === 'postgres') q = q.forUpdate();
  else {
    // SQLite: make sure this transaction holds the write lock before it reads (the insert above may
    // have changed nothing); another process writing meanwhile would otherwise leave our read stale.
    await trx.updateTable('login_throttle').set((eb) => ({ failures: eb.ref('failures') })).where('key', 'in', keys).execute();
  }
  return q.execute();
}

/** A good password: this attempt was not an attack. */
export async function releaseAttempt(db: Db, engine: Engine, keys: ThrottleKeys): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_throttle').where('key', 'in', [keys.account, keys.pair]).execute();
    const [row] = await lockRows(trx, engine, [keys.address]);
    if (!row) return;
    const failures = Math.max(0, Number(row.failures) - 1);
    await trx
      .updateTable('login_throttle')
      .set({ failures, locked_until: failures < ADDRESS_FAILURES ? null : row.locked_until })
      .where('key', '=', keys.address)
      .execute();
  });
}

function describe(row: LoginThrottleTable): LoginLock {
  const [kind, rest] = [row.key.slice(0, row.key.indexOf(':')), row.key.slice(row.key.indexOf(':') + 1)];
  const base = { key: row.key, failures: Number(row.failures), lockedUntil: row.locked_until! };
  if (kind === 'address') return { ...base, kind: 'address', address: rest };
  if (kind === 'account') return { ...base, kind: 'account', username: rest };
  const [username, address] = rest.split('|');
  return { ...base, kind: 'pair', username, address };
}

export async function listLocks(db: Db, now: Date): Promise<LoginLock[]> {
  const rows = await db.selectFrom('login_throttle').selectAll().where('locked_until', '>', now.toISOString()).orderBy('key').execute();
  return rows.map(describe);
}

/** Clears a username's counters (from every address) or an address's own counter. */
export async function unlock(db: Db, target: { username?: string; address?: string }): Promise<number> {
  let cleared = 0;
  if (target.username) {
    const name = throttleName(target.username);
    // Range, not LIKE: '_' in a username is a LIKE wildcard. '|' (0x7C) is followed by '}' (0x7D).
    const r1 = await db.deleteFrom('login_throttle').where('key', '=', `account:${name}`).executeTakeFirst();
    const r2 = await db.deleteFrom('login_throttle').where('key', '>=', `pair:${name}|`).where('key', '<', `pair:${name}}`).executeTakeFirst();
    cleared += Number(r1.numDeletedRows) + Number(r2.numDeletedRows);
  }
  if (target.address) {
    const r = await db.deleteFrom('login_throttle').where('key', '=', `address:${target.address}`).executeTakeFirst();
    cleared += Number(r.numDeletedRows);
  }
  return cleared;
}
