// Units, users, credentials, sessions and the login lockout.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from './db';
import type { Role, Unit, User } from './types';
import { hashPassword, verifyPassword, DUMMY_HASH } from './passwords';
import { LOCKOUT_FAILURES, LOCKOUT_MS, SESSION_MS, type LoginOutcome, type Session } from './authTypes';
import { nowIso } from './rows';

type Db = Kysely<Database>;
export const ROLES: Role[] = ['tester', 'unitHead', 'admin'];
export const USERNAME_RE = /^[A-Za-z0-9._@-]{1,64}$/;

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
  if (typeof input.password !== 'string' || input.password.length < 10 || input.password.length > 200) {
    throw new InputError('password: must be 10–200 characters');
  }
  if (!ROLES.includes(input.role)) throw new InputError(`role: must be one of ${ROLES.join(', ')}`);
  const unitIds = input.unitIds ?? [];
  if (!Array.isArray(unitIds) || unitIds.some((u) => typeof u !== 'string')) throw new InputError('unitIds: must be an array of unit ids');
  if (input.role === 'unitHead' && unitIds.length === 0) throw new InputError('unitIds: a unit head must head at least one unit');
  for (const id of unitIds) {
    if (!(await getUnit(db, id))) throw new InputError(`unitIds: no unit with id ${JSON.stringify(id)}`);
  }
  if (input.displayName !== undefined && (typeof input.displayName !== 'string' || input.displayName.length > 100 || input.displayName.includes('\u0000'))) {
    throw new InputError('displayName: must be a string of at most 100 characters');
  }
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

export async function login(db: Db, usernameInput: string, password: string, now = new Date()): Promise<LoginOutcome> {
  const username = String(usernameInput).toLowerCase().slice(0, 64);
  // Names that can never exist (PostgreSQL cannot even compare a NUL): a failure without a lookup.
  if (!USERNAME_RE.test(username)) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: 'bad-credentials' };
  }
  const failure = await db.selectFrom('login_failures').selectAll().where('username', '=', username).executeTakeFirst();
  if (failure?.locked_until && failure.locked_until > now.toISOString()) return { ok: false, reason: 'locked', lockedUntil: failure.locked_until };
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const good = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (row && good && !Number(row.disabled)) {
    await db.deleteFrom('login_failures').where('username', '=', username).execute();
    return { ok: true, user: toUser(row) };
  }
  // A lock that has run out starts a fresh count.
  const previous = failure && !failure.locked_until ? Number(failure.failures) : 0;
  const failures = previous + 1;
  const lockedUntil = failures >= LOCKOUT_FAILURES ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
  const values = { username, failures: lockedUntil ? 0 : failures, locked_until: lockedUntil, last_failure_at: now.toISOString() };
  // Upsert: two wrong passwords at once for a fresh name must not collide on the key.
  const { username: _u, ...update } = values;
  await db.insertInto('login_failures').values(values).onConflict((oc) => oc.column('username').doUpdateSet(update)).execute();
  return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'bad-credentials' };
}

const sidHash = (sid: string) => createHash('sha256').update(sid).digest('hex');

export async function createSession(db: Db, userId: string, now = new Date()) {
  const sid = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MS).toISOString();
  // Sweep expired sessions as new ones start, so the table does not grow without bound.
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  await db.insertInto('sessions').values({ id: sidHash(sid), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt }).execute();
  return { sid, csrfToken, expiresAt };
}

export async function getSession(db: Db, sid: string, now = new Date()): Promise<Session | undefined> {
  if (!sid || sid.length > 100) return undefined;
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', sidHash(sid)).executeTakeFirst();
  if (!row) return undefined;
  if (row.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return undefined;
  }
  const user = await getUser(db, row.user_id);
  if (!user || user.disabled) return undefined;
  return { user, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sidHash(sid)).execute();
}
