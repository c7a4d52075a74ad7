// Shared fixtures for the server tests: storage engines to run over, and test records.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore, type OpenStoreOptions, type ServerStore } from '../../src/server/store';
import Database from 'better-sqlite3';
import type { PushRecord } from '../../src/sync/protocol';
import { specExampleAnswers } from '../support/answers';

/**
 * The PostgreSQL server of this run: TEST_DATABASE_URL when given, else the throwaway one that
 * tests/support/postgresGlobalSetup.ts started. Always set: the PostgreSQL half never skips.
 */
export const PG_URL: string = inject('testDatabaseUrl') || process.env.TEST_DATABASE_URL || '';

export interface EngineCase {
  name: 'sqlite' | 'postgres';
  /** Kept for the suites' `describe.skipIf`: false for both engines since every run has a PostgreSQL. */
  skip: boolean;
  /** A fresh, empty store; call the returned cleanup afterwards. `options` go to openStore (session policy …).
   *  `query` runs raw SQL on the same database behind the store's back (to plant or inspect rows);
   *  `file` is the SQLite file. */
  open(options?: Omit<OpenStoreOptions, 'databaseUrl' | 'schema' | 'file' | 'dataDir'>): Promise<{
    store: ServerStore;
    cleanup(): Promise<void>;
    query?(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
    file?: string;
  }>;
}

export const engines: EngineCase[] = [
  {
    name: 'sqlite',
    skip: false,
    async open(options = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'courtesy-store-'));
      const file = join(dir, 'test.sqlite');
      const store = await openStore({ ...options, file });
      return {
        store,
        file,
        async query(sql, params = []) {
          const db = new Database(file);
          try {
            db.pragma('busy_timeout = 5000');
            const stmt = db.prepare(sql);
            return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []);
          } finally {
            db.close();
          }
        },
        async cleanup() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: false,
    async open(options = {}) {
      if (!PG_URL) throw new Error('no PostgreSQL for this run: the unit project starts one in tests/support/postgresGlobalSetup.ts');
      // A fresh schema per store: runs never see each other's rows.
      const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      const store = await openStore({ ...options, databaseUrl: PG_URL, schema });
      return {
        store,
        async query(sql, params = []) {
          const pg = (await import('pg')).default;
          const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
          await client.connect();
          try {
            // $1-style placeholders; the SQLite half uses ?, so translate.
            let i = 0;
            return (await client.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows;
          } finally {
            await client.end();
          }
        },
        async cleanup() {
          await store.close();
          const pg = (await import('pg')).default;
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  },
];

/** The complete example sheet from scoring-rules.md (total 79). */
export const exampleAnswers = specExampleAnswers();

export function makeRecord(unitId: string, overrides: Partial<PushRecord> = {}): PushRecord {
  const testedAt = overrides.testedAt ?? '2026-11-20T10:15:00+08:00';
  return {
    id: randomUUID(),
    unitId,
    unitName: '第一課',
    switchboardNumber: '02-23431700',
    answererSurname: '王',
    extension: '1234',
    testerName: '測試員甲',
    testedAt,
    sheet: { id: 'bsmi-fubiao3', version: 1 },
    answers: { ...exampleAnswers } as PushRecord['answers'],
    attempts: [],
    status: 'completed',
    history: [],
    createdAt: testedAt,
    updatedAt: testedAt,
    baseRev: 0,
    ...overrides,
  };
}

export const op = (record: PushRecord, opId: string = randomUUID()) => ({ opId, record });
