// The server's push throughput (tests per second through POST /api/sync/push: auth, validation,
// scoring, exactly-once bookkeeping, storage) on SQLite, and on PostgreSQL when TEST_DATABASE_URL is
// set, each against a floor measured in the same run: plain INSERTs of the same JSON rows in the
// same batches into the same engine. The ratio is the share of the raw engine speed the server keeps.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiSession } from '../../tests/e2e/support/apiClient';
import { seedViaApi } from '../../tests/e2e/support/seed';
import { startServer } from '../../tests/e2e/support/server';
import type { PushRecord } from '../../src/sync/protocol';
import { pushRecord, rng } from '../lib/generate';
import type { Section } from '../lib/section';
import { median } from '../lib/stats';

const PER_RUN = 1000;
const BATCH = 100;

interface Floor {
  insertBatch(rows: PushRecord[]): Promise<void>;
  close(): Promise<void>;
}

async function sqliteFloor(): Promise<Floor> {
  const { default: Database } = await import('better-sqlite3');
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  const many = db.transaction((rows: PushRecord[]) => rows.forEach((r) => insert.run(r.id, JSON.stringify(r))));
  return {
    async insertBatch(rows) {
      many(rows);
    },
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresFloor(url: string): Promise<Floor> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `bench_floor_${Date.now()}`;
  await client.query(`CREATE TABLE ${table} (id TEXT PRIMARY KEY, body JSONB NOT NULL)`);
  return {
    async insertBatch(rows) {
      await client.query('BEGIN');
      for (const r of rows) await client.query(`INSERT INTO ${table} (id, body) VALUES ($1, $2)`, [r.id, JSON.stringify(r)]);
      await client.query('COMMIT');
    },
    async close() {
      await client.query(`DROP TABLE ${table}`);
      await client.end();
    },
  };
}

/** A throwaway PostgreSQL database for one server, dropped afterwards. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function records(seed: number, unit: { id: string; name: string }): PushRecord[] {
  const r = rng(seed);
  const start = Date.parse('2026-10-01T09:00:00+08:00');
  return Array.from({ length: PER_RUN }, (_, i) => pushRecord(r, unit, new Date(start + i * 60_000).toISOString(), randomUUID()));
}

async function measure(engine: 'sqlite' | 'postgres', runs: number, env: Record<string, string>, floor: () => Promise<Floor>) {
  const server = await startServer({ env });
  const floorDb = await floor();
  const serverRate: number[] = [];
  const floorRate: number[] = [];
  const ratio: number[] = [];
  try {
    const seed = await seedViaApi(server.url, server.output());
    const tester = await ApiSession.login(server.url, seed.tester.username, seed.tester.password);
    for (let i = 0; i < runs; i++) {
      const batch = records(1000 + i, seed.unit);
      const f0 = performance.now();
      for (let k = 0; k < batch.length; k += BATCH) await floorDb.insertBatch(batch.slice(k, k + BATCH));
      const floorSec = (performance.now() - f0) / 1000;
      const s0 = performance.now();
      for (let k = 0; k < batch.length; k += BATCH) {
        const reply = await tester.push(`bench-${engine}`, batch.slice(k, k + BATCH).map((record) => ({ opId: randomUUID(), record })));
        const bad = reply.results.find((x) => x.status !== 'applied');
        if (bad) throw new Error(`push ${bad.status}: ${bad.error}`);
      }
      const serverSec = (performance.now() - s0) / 1000;
      serverRate.push(PER_RUN / serverSec);
      floorRate.push(PER_RUN / floorSec);
      ratio.push(PER_RUN / serverSec / (PER_RUN / floorSec));
    }
  } finally {
    await floorDb.close();
    await server.dispose();
  }
  return {
    [`${engine}ServerTestsPerSecMedian`]: median(serverRate),
    [`${engine}FloorInsertsPerSecMedian`]: median(floorRate),
    [`${engine}ServerVsFloor`]: median(ratio),
  };
}

export const pushThroughput: Section = {
  name: 'pushThroughput',
  title: `Server push throughput (${PER_RUN} tests per run in batches of ${BATCH})`,
  async run({ runs }) {
    const figures: Record<string, number> = await measure('sqlite', runs, {}, sqliteFloor);
    const notes = ['floor: plain INSERT of the same JSON rows, same batches, one transaction per batch'];
    const pgUrl = process.env.TEST_DATABASE_URL;
    if (!pgUrl) notes.push('postgres: skipped (TEST_DATABASE_URL not set)');
    else {
      const db = await scratchDatabase(pgUrl);
      try {
        Object.assign(figures, await measure('postgres', runs, { DATABASE_URL: db.url }, () => postgresFloor(db.url)));
      } finally {
        await db.drop();
      }
    }
    return { figures, notes };
  },
};
