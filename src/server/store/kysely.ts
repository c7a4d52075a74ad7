// openStore: the one Store implementation, over SQLite (default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Database as Schema, Engine } from './db';
import { DEFAULT_SESSION_POLICY, type ServerStore, type SessionPolicy } from './authTypes';
import * as throttle from './throttle';
import { migrateToLatest } from './migrations';
import * as accounts from './accounts';
import * as tests from './tests';
import * as quarters from './quarters';
import * as auditLog from './audit';
import * as settings from './settings';
import * as improvements from './improvements';
import * as sheetVersions from './sheetVersions';
import { checkStoredRecords, listRecordProblems } from './storedRecords';

export interface OpenStoreOptions {
  /** postgres://… switches to PostgreSQL. */
  databaseUrl?: string;
  /** Directory of the SQLite file (default: $DATA_DIR or ./data), created if missing. */
  dataDir?: string;
  /** SQLite file path; overrides dataDir. */
  file?: string;
  /** PostgreSQL only: use (and create) this schema, e.g. a fresh one per test run. */
  schema?: string;
  /** Sliding sessions: idle timeout and absolute maximum (default 12 h and 30 days). */
  session?: Partial<SessionPolicy>;
  /** SQLite: how long a write waits for another process's lock before failing (503), default 5000 ms. */
  sqliteBusyMs?: number;
  /** PostgreSQL: how long to wait for a connection before failing (503), default 5000 ms. */
  pgConnectMs?: number;
}

/** Applied to every SQLite connection on every start (these pragmas are per connection, not stored). */
export function configureSqlite(db: Database.Database, busyMs = 5000): void {
  // WAL lets readers run while a push commits; a busy timeout rides out a CLI writing at the same time.
  db.pragma('journal_mode = WAL');
  // FULL: in WAL mode NORMAL may lose the last commits on power loss; an acknowledged push must not be.
  db.pragma('synchronous = FULL');
  // Freed cells are zeroed, so purged personal data does not linger in free pages.
  db.pragma('secure_delete = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyMs))}`);
  db.pragma('foreign_keys = ON');
}

function sqliteDialect(file: string, busyMs?: number) {
  const db = new Database(file);
  configureSqlite(db, busyMs);
  return new SqliteDialect({ database: db });
}

/** Every client of the pool, idle or busy, gets an error listener. pg emits 'error' on a checked-out client
 *  when the server goes away mid-query (restart, failover); with no listener that is an uncaught
 *  exception that kills the process. The query itself still rejects, and the route answers 503. */
export function guardPool(pool: pg.Pool, log: (line: string) => void = (l) => console.error(l)): void {
  pool.on('error', (e) => log(`postgres: idle connection lost: ${e.message}`));
  pool.on('connect', (client) => {
    client.on('error', (e) => log(`postgres: connection lost: ${e.message}`));
  });
}

export async function openStore(options: OpenStoreOptions = {}): Promise<ServerStore> {
  let engine: Engine;
  let db: Kysely<Schema>;
  if (options.databaseUrl) {
    engine = 'postgres';
    const schema = options.schema;
    if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema: invalid name ${schema}`);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // While the database is away, fail fast (503 + Retry-After) rather than hold requests for ever.
      connectionTimeoutMillis: options.pgConnectMs ?? 5000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A connection dropped by the server (restart, network) must not crash the process; the pool
    // replaces it on the next query.
    guardPool(pool);
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } else {
    engine = 'sqlite';
    const file = options.file ?? join(resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data'), 'courtesy.sqlite');
    mkdirSync(resolve(file, '..'), { recursive: true });
    db = new Kysely<Schema>({ dialect: sqliteDialect(file, options.sqliteBusyMs) });
  }
  try {
    await migrateToLatest(db, engine, engine === 'postgres' ? options.schema : undefined);
    await checkStoredRecords(db, engine);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return makeStore(db, engine, { ...DEFAULT_SESSION_POLICY, ...options.session });
}

function makeStore(db: Kysely<Schema>, engine: Engine, policy: SessionPolicy): ServerStore {
  return {
    engine,
    sessionPolicy: policy,
    close: () => db.destroy(),
    createUnit: (input) => accounts.createUnit(db, input),
    listUnits: () => accounts.listUnits(db),
    setUnitStart: (id, startsOn) => accounts.setUnitStart(db, id, startsOn),
    getUnit: (id) => accounts.getUnit(db, id),
    createUser: (input) => accounts.createUser(db, input),
    listUsers: () => accounts.listUsers(db),
    countUsers: () => accounts.countUsers(db),
    getUser: (id) => accounts.getUser(db, id),
    login: (username, password, context) => accounts.login(db, engine, username, password, context),
    createSession: (userId, now) => accounts.createSession(db, userId, now, policy),
    getSession: (sid, now) => accounts.getSession(db, sid, now, policy),
    deleteSession: (sid) => accounts.deleteSession(db, sid),
    revokeSessions: (userId, exceptSid) => accounts.revokeSessions(db, userId, exceptSid),
    setUserDisabled: (userId, disabled) => accounts.setUserDisabled(db, userId, disabled),
    updateUser: (userId, changes) => accounts.updateUser(db, engine, userId, changes),
    resetPassword: (userId) => accounts.resetPassword(db, userId),
    changePassword: (userId, current, next, context) => accounts.changePassword(db, engine, userId, current, next, context),
    listLoginLocks: (now) => throttle.listLocks(db, now ?? new Date()),
    unlockLogin: (target) => throttle.unlock(db, target),
    countPersonalDataBefore: (before) => tests.countPersonalDataBefore(db, before),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    durability: async (): Promise<Record<string, string>> => {
      if (engine === 'sqlite') {
        const read = async (name: string) => String(Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0]);
        return { journal_mode: await read('journal_mode'), synchronous: await read('synchronous'), secure_delete: await read('secure_delete') };
      }
      const read = async (name: string) => String(Object.values((await sql.raw(`show ${name}`).execute(db)).rows[0] as object)[0]);
      return { synchronous_commit: await read('synchronous_commit'), fsync: await read('fsync') };
    },
    push: (actor, clientId, ops, now) => tests.push(db, engine, actor, clientId, ops, now),
    pull: (actor, since, limit, options) => tests.pull(db, actor, since, limit, options),
    listTests: (query) => tests.listTests(db, query),
    purgePersonalData: (before) => tests.purgePersonalData(db, engine, before),
    checkRecords: (options) => checkStoredRecords(db, engine, { force: true, ...options }),
    listRecordProblems: () => listRecordProblems(db),
    listQuarters: () => quarters.listQuarters(db),
    setQuarterClosed: (key, closed, actor) => quarters.setQuarterClosed(db, key, closed, actor),
    audit: (entry) => auditLog.audit(db, entry),
    listAudit: (limit) => auditLog.listAudit(db, limit),
    getSetting: (key) => settings.getSetting(db, key),
    setSetting: (key, value) => settings.setSetting(db, key, value),
    acknowledge: (ack) => settings.acknowledge(db, ack),
    listAcknowledgements: (testIds) => settings.listAcknowledgements(db, testIds),
    submitImprovement: (report) => improvements.submitImprovement(db, report),
    closeImprovement: (testId, by, note, at) => improvements.closeImprovement(db, testId, by, note, at),
    listImprovements: (testIds) => improvements.listImprovements(db, testIds),
    saveSheetVersion: (input) => sheetVersions.saveSheetVersion(db, input),
    publishSheetVersion: (input) => sheetVersions.publishSheetVersion(db, input),
    listSheetVersions: () => sheetVersions.listSheetVersions(db),
  };
}
