// Units, users, credentials, sessions and the login lockout.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Engine, UsersTable } from './db';
import type { Role, Unit, User } from './types';
import { hashPassword, verifyPassword, needsRehash, DUMMY_HASH } from './passwords';
import { DEFAULT_SESSION_POLICY, type LoginContext, type LoginOutcome, type Session, type SessionPolicy } from './authTypes';
import { QueueFullError } from './hashQueue';
import { releaseAttempt, reserveAttempt, throttleKeys, throttleName, unlock, USERNAME_RE } from './throttle';
import { recordScopeEnters, recordScopeExits } from './tests';
import { nowIso } from './rows';

type Db = Kysely<Database>;
export const ROLES: Role[] = ['tester', 'unitHead', 'admin'];
export { USERNAME_RE };

/** A bad argument to a store call (the HTTP layer turns it into 400, the CLI into exit 2). */
export class InputError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'InputError';
  }
}

const toUnit = (r: Database['units']): Unit => ({
  id: r.id,
  name: r.name,
  ...(r.phone ? { phone: r.phone } : {}),
  createdAt: r.created_at,
  ...(r.starts_on ? { startsOn: r.starts_on } : {}),
});

/** A calendar date as the plan reads it: YYYY-MM-DD that exists (no 2026-02-30). */
export function checkStartDate(value: unknown): string {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3]) || Number(m[1]) < 1912) {
    throw new InputError(`startsOn: must be a date YYYY-MM-DD such as 2026-05-01, not ${JSON.stringify(value)}`);
  }
  return value as string;
}

function toUser(r: UsersTable): User {
  return {
    id: r.id,
    username: r.username,
    ...(r.display_name ? { displayName: r.display_name } : {}),
    role: r.role as Role,
    unitIds: JSON.parse(r.unit_ids) as string[],
    createdAt: r.created_at,
    ...(Number(r.disabled) ? { disabled: true } : {}),
    ...(Number(r.must_change_password) ? { mustChangePassword: true } : {}),
  };
}

export async function createUnit(db: Db, input: { name: string; phone?: string; startsOn?: string }): Promise<Unit> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 200) throw new InputError('name: required, 1–200 characters');
  if (name.includes('\u0000') || input.phone?.includes('\u0000')) throw new InputError('name: must not contain NUL characters');
  if (input.phone !== undefined && (typeof input.phone !== 'string' || input.phone.length > 50)) throw new InputError('phone: must be a string of at most 50 characters');
  const startsOn = input.startsOn === undefined ? null : checkStartDate(input.startsOn);
  const row = { id: randomUUID(), name, phone: input.phone?.trim() || null, created_at: nowIso(), starts_on: startsOn };
  await db.insertInto('units').values(row).execute();
  return toUnit(row);
}

export async function listUnits(db: Db): Promise<Unit[]> {
  return (await db.selectFrom('units').selectAll().orderBy('name').orderBy('id').execute()).map(toUnit);
}

export async function setUnitStart(db: Db, id: string, startsOn: string | null): Promise<Unit> {
  const value = startsOn === null ? null : checkStartDate(startsOn);
  const result = await db.updateTable('units').set({ starts_on: value }).where('id', '=', id).executeTakeFirst();
  if (!Number(result.numUpdatedRows)) throw new InputError(`unit: no unit with id ${JSON.stringify(id)}`, 404);
  return (await getUnit(db, id))!;
}

export async function getUnit(db: Db, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnit(row);
}

export async function createUser(
  db: Db,
  input: { username: string; password: string; role: Role; unitIds?: string[]; displayName?: string },
): Promise<User> {
  if (typeof input.username !== 'string' || !USERNAME_RE.test(input.username)) {
    throw new InputError('username: 1–64 characters of letters, digits, . _ @ -');
  }
  checkPassword(input.password);
  const unitIds = await checkRoleAndUnits(db, input.role, input.unitIds ?? []);
  checkDisplayName(input.displayName);
  const username = input.username.toLowerCase();
  if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) {
    throw new InputError(`username: ${username} is already taken`, 409);
  }
  const row: UsersTable = {
    id: randomUUID(),
    username,
    display_name: input.displayName?.trim() || null,
    role: input.role,
    unit_ids: JSON.stringify([...new Set(unitIds)]),
    password_hash: await hashPassword(input.password),
    created_at: nowIso(),
    disabled: 0,
    must_change_password: 0,
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (e) {
    // The same name created at the same moment elsewhere: the unique key decides.
    if (/unique|duplicate/i.test((e as Error).message)) throw new InputError(`username: ${username} is already taken`, 409);
    throw e;
  }
  return toUser(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}


function checkPassword(password: unknown, field = 'password'): asserts password is string {
  if (typeof password !== 'string' || password.length < 10 || password.length > 200) throw new InputError(`${field}: must be 10–200 characters`);
  if (password.includes('\u0000')) throw new InputError(`${field}: must not contain NUL characters`);
}

async function checkRoleAndUnits(db: Db, role: Role, unitIds: unknown): Promise<string[]> {
  if (!ROLES.includes(role)) throw new InputError(`role: must be one of ${ROLES.join(', ')}`);
  if (!Array.isArray(unitIds) || unitIds.some((u) => typeof u !== 'string')) throw new InputError('unitIds: must be an array of unit ids');
  if (role === 'unitHead' && unitIds.length === 0) throw new InputError('unitIds: a unit head must head at least one unit');
  for (const id of unitIds as string[]) {
    if (!(await getUnit(db, id))) throw new InputError(`unitIds: no unit with id ${JSON.stringify(id)}`);
  }
  return [...new Set(unitIds as string[])];
}

function checkDisplayName(displayName: unknown) {
  if (displayName !== undefined && (typeof displayName !== 'string' || displayName.length > 100 || displayName.includes('\u0000'))) {
    throw new InputError('displayName: must be a string of at most 100 characters');
  }
}

async function userRow(db: Db, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new InputError(`user: no user with id ${JSON.stringify(id)}`, 404);
  return row;
}

/** Verify a password for a known row (or the dummy), through the throttles. */
async function checkThrottled(
  db: Db,
  engine: Engine,
  rawName: string,
  password: string,
  row: UsersTable | undefined,
  context: LoginContext,
): Promise<LoginOutcome & { row?: UsersTable }> {
  const now = context.now ?? new Date();
  const keys = throttleKeys(throttleName(rawName), context.address);
  const reserved = await reserveAttempt(db, engine, keys, now);
  if (!reserved.ok) return { ok: false, reason: 'locked', lockedUntil: reserved.lockedUntil, scope: reserved.scope };
  let good: boolean;
  try {
    good = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  } catch (e) {
    if (e instanceof QueueFullError) {
      // Not a guess that was checked: give the attempt back.
      await releaseAttempt(db, engine, keys);
      return { ok: false, reason: 'busy' };
    }
    throw e;
  }
  if (row && good && !Number(row.disabled)) {
    await releaseAttempt(db, engine, keys);
    return { ok: true, user: toUser(row), row };
  }
  if (reserved.lockedBy) return { ok: false, reason: 'locked', lockedUntil: reserved.lockedBy.until, scope: reserved.lockedBy.scope };
  return { ok: false, reason: 'bad-credentials' };
}

export async function login(db: Db, engine: Engine, usernameInput: string, password: string, context: LoginContext = {}): Promise<LoginOutcome> {
  const raw = String(usernameInput).slice(0, 200);
  const username = raw.toLowerCase();
  // Names that can never exist (PostgreSQL cannot even compare a NUL) are not looked up, but they are
  // throttled and hashed like any other, so they neither flood unchecked nor answer faster.
  const row = USERNAME_RE.test(username) ? await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst() : undefined;
  const outcome = await checkThrottled(db, engine, raw, String(password), row, context);
  if (!outcome.ok || !outcome.row) return stripRow(outcome);
  // Hashes from before today's parameters are upgraded now that we know the password.
  if (needsRehash(outcome.row.password_hash)) {
    try {
      const upgraded = await hashPassword(String(password));
      await db.updateTable('users').set({ password_hash: upgraded }).where('id', '=', outcome.row.id).where('password_hash', '=', outcome.row.password_hash).execute();
    } catch (e) {
      if (!(e instanceof QueueFullError)) throw e; // busy: upgrade at a later sign-in
    }
  }
  return stripRow(outcome);
}

function stripRow(outcome: LoginOutcome & { row?: UsersTable }): LoginOutcome {
  const { row: _row, ...rest } = outcome as LoginOutcome & { row?: UsersTable };
  return rest as LoginOutcome;
}

const sidHash = (sid: string) => createHash('sha256').update(sid).digest('hex');

export async function createSession(db: Db, userId: string, now = new Date(), policy: SessionPolicy = DEFAULT_SESSION_POLICY) {
  const sid = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  const end = new Date(now.getTime() + policy.maxMs).toISOString();
  // Sweep ended sessions as new ones start, so the table does not grow without bound.
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<=', new Date(now.getTime() - policy.idleMs).toISOString())]))
    .execute();
  await db.insertInto('sessions').values({ id: sidHash(sid), user_id: userId, csrf_token: csrfToken, created_at: at, expires_at: end, last_seen_at: at }).execute();
  return { sid, csrfToken, expiresAt: idleEnd(now, end, policy) };
}

const idleEnd = (lastSeen: Date, end: string, policy: SessionPolicy) => {
  const idle = new Date(lastSeen.getTime() + policy.idleMs).toISOString();
  return idle < end ? idle : end;
};

/** Activity moves the idle deadline; written at most once a minute per session, not on every request. */
const TOUCH_MS = 60_000;

export async function getSession(db: Db, sid: string, now = new Date(), policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<Session | undefined> {
  if (!sid || sid.length > 100) return undefined;
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sidHash(sid)).executeTakeFirst();
  if (!row) return undefined;
  const lastSeen = new Date(row.last_seen_at ?? row.created_at);
  const at = now.toISOString();
  if (row.expires_at <= at || lastSeen.getTime() + policy.idleMs <= now.getTime()) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return undefined;
  }
  const user = await getUser(db, row.user_id);
  if (!user || user.disabled) return undefined;
  let seen = lastSeen;
  if (now.getTime() - lastSeen.getTime() >= TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', row.id).execute();
    seen = now;
  }
  return { user, csrfToken: row.csrf_token, expiresAt: idleEnd(seen, row.expires_at, policy) };
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sidHash(sid)).execute();
}

export async function revokeSessions(db: Db, userId: string, exceptSid?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSid) q = q.where('id', '!=', sidHash(exceptSid));
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<User> {
  await userRow(db, userId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
    // A disabled user's sessions end at once, not at their next expiry.
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
  return toUser(await userRow(db, userId));
}

export async function updateUser(db: Db, engine: Engine, userId: string, changes: { role?: Role; unitIds?: string[]; displayName?: string }): Promise<User> {
  const row = await userRow(db, userId);
  const before = toUser(row);
  const role = changes.role ?? before.role;
  const unitIds = await checkRoleAndUnits(db, role, changes.unitIds ?? (changes.role && changes.role !== 'unitHead' && changes.role !== before.role ? [] : before.unitIds));
  checkDisplayName(changes.displayName);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ role, unit_ids: JSON.stringify(unitIds), ...(changes.displayName !== undefined ? { display_name: changes.displayName.trim() || null } : {}) })
      .where('id', '=', userId)
      .execute();
    // A unit head who no longer heads a unit (or is no longer a head) must drop that unit's tests.
    if (before.role === 'unitHead') {
      const kept = role === 'unitHead' ? new Set(unitIds) : new Set<string>();
      const left = before.unitIds.filter((u) => !kept.has(u));
      if (left.length) await recordScopeExits(trx, engine, { userId, unitIds: left, keepUnitIds: [...kept] });
    }
    if (role === 'unitHead') {
      const had = new Set(before.role === 'unitHead' ? before.unitIds : []);
      await recordScopeEnters(trx, engine, { userId, unitIds: unitIds.filter((u) => !had.has(u)) });
    }
  });
  return toUser(await userRow(db, userId));
}

/** Readable, 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export async function resetPassword(db: Db, userId: string): Promise<{ user: User; temporaryPassword: string }> {
  const row = await userRow(db, userId);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 1 }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
  await unlockUsername(db, row.username);
  return { user: toUser(await userRow(db, userId)), temporaryPassword: password };
}

async function unlockUsername(db: Db, username: string) {
  await unlock(db, { username });
}

export async function changePassword(
  db: Db,
  engine: Engine,
  userId: string,
  current: string,
  next: string,
  context: LoginContext & { keepSid?: string } = {},
): Promise<LoginOutcome> {
  const row = await userRow(db, userId);
  checkPassword(next, 'newPassword');
  if (next === current) throw new InputError('newPassword: must differ from the current password');
  const outcome = await checkThrottled(db, engine, row.username, String(current), row, context);
  if (!outcome.ok) return stripRow(outcome);
  const hash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', userId).execute();
    // Other sessions (a lost phone, a shared computer) end; the one making the change stays.
    let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (context.keepSid) q = q.where('id', '!=', sidHash(context.keepSid));
    await q.execute();
  });
  return { ok: true, user: toUser(await userRow(db, userId)) };
}
