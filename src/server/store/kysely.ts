// openStore: the one Store implementation, over SQLite (default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Database as Schema, Engine } from './db';
import type { ServerStore } from './authTypes';
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
}

function sqliteDialect(file: string) {
  const db = new Database(file);
  // WAL lets readers run while a push commits; a busy timeout rides out a CLI writing at the same time.
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: db });
}

export async function openStore(options: OpenStoreOptions = {}): Promise<ServerStore> {
  let engine: Engine;
  let db: Kysely<Schema>;
  if (options.databaseUrl) {
    engine = 'postgres';
    const schema = options.schema;
    if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema: invalid name ${schema}`);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    // An idle connection dropped by the server (restart, network) must not crash the process; the
    // pool replaces it on the next query.
    pool.on('error', (e) => console.error(`postgres: idle connection lost: ${e.message}`));
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } else {
    engine = 'sqlite';
    const file = options.file ?? join(resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data'), 'courtesy.sqlite');
    mkdirSync(resolve(file, '..'), { recursive: true });
    db = new Kysely<Schema>({ dialect: sqliteDialect(file) });
  }
  try {
    await migrateToLatest(db, engine, engine === 'postgres' ? options.schema : undefined);
    await checkStoredRecords(db, engine);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return makeStore(db, engine);
}

function makeStore(db: Kysely<Schema>, engine: Engine): ServerStore {
  return {
    engine,
    close: () => db.destroy(),
    createUnit: (input) => accounts.createUnit(db, input),
    listUnits: () => accounts.listUnits(db),
    setUnitStart: (id, startsOn) => accounts.setUnitStart(db, id, startsOn),
    getUnit: (id) => accounts.getUnit(db, id),
    createUser: (input) => accounts.createUser(db, input),
    listUsers: () => accounts.listUsers(db),
    countUsers: () => accounts.countUsers(db),
    getUser: (id) => accounts.getUser(db, id),
    login: (username, password, now) => accounts.login(db, username, password, now),
    createSession: (userId, now) => accounts.createSession(db, userId, now),
    getSession: (sid, now) => accounts.getSession(db, sid, now),
    deleteSession: (sid) => accounts.deleteSession(db, sid),
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
