// Shared fixtures for the server tests: storage engines to run over, and test records.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore, type ServerStore } from '../../src/server/store';
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
  /** A fresh, empty store; call the returned cleanup afterwards. */
  open(): Promise<{ store: ServerStore; cleanup(): Promise<void> }>;
}

export const engines: EngineCase[] = [
  {
    name: 'sqlite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'courtesy-store-'));
      const store = await openStore({ file: join(dir, 'test.sqlite') });
      return {
        store,
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
    async open() {
      if (!PG_URL) throw new Error('no PostgreSQL for this run: the unit project starts one in tests/support/postgresGlobalSetup.ts');
      // A fresh schema per store: runs never see each other's rows.
      const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      const store = await openStore({ databaseUrl: PG_URL, schema });
      return {
        store,
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
