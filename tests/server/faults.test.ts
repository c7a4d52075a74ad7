// Issue 12, faults: the server survives its database going away (503 + Retry-After meanwhile, reconnects
// by itself, never crashes), a PostgreSQL crash-restart in the middle of a stream of pushes loses no
// acknowledged op, and SQLite runs with synchronous=FULL on every start.
import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { createApp } from '../../src/server/app';
import { isDatabaseUnavailable } from '../../src/server/http/errors';
import { engines, makeRecord, op } from './fixtures';
import { Client } from './harness';
import { pushBody } from '../support/wire';
import { freePort, startThrowawayPostgres, throwawayPostgresUnavailable } from './throwawayPostgres';

const root = resolve(__dirname, '../..');

describe('what counts as "the database is away"', () => {
  it('connection errors and shutdowns, not bugs', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
  });
});

describe('SQLite durability', () => {
  it('runs WAL with synchronous=FULL and secure_delete on the first start and every later one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtesy-durable-'));
    try {
      for (let start = 1; start <= 3; start++) {
        const store = await openStore({ dataDir: dir });
        // synchronous: 2 = FULL (NORMAL is 1, which in WAL mode may lose the last commits on power loss).
        expect(await store.durability(), `start ${start}`).toEqual({ journal_mode: 'wal', synchronous: '2', secure_delete: '1' });
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(engines[1].skip)('PostgreSQL durability', () => {
  it('commits synchronously (an acknowledged push is on disk, as far as the server is configured to fsync)', async () => {
    const { store, cleanup } = await engines[1].open();
    try {
      // fsync itself is the server's configuration (the run's throwaway server turns it off for speed).
      expect(await store.durability()).toEqual({ synchronous_commit: 'on', fsync: expect.stringMatching(/^(on|off)$/) });
    } finally {
      await cleanup();
    }
  });
});

describe('SQLite locked by another process', () => {
  it('answers 503 with Retry-After while the lock is held, and works again once it is released', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtesy-locked-'));
    const file = join(dir, 'courtesy.sqlite');
    const store = await openStore({ file, sqliteBusyMs: 200 });
    let holder: ChildProcess | undefined;
    try {
      const unit = await store.createUnit({ name: '第一課' });
      await store.createUser({ username: 'tester', password: 'tester-password', role: 'tester' });
      const client = new Client(createApp({ store }));
      expect((await client.login('tester', 'tester-password')).status).toBe(200);
      // Another process (a backup tool, a stuck CLI) takes the write lock and keeps it.
      holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); process.stdin.once('data', () => { db.exec('COMMIT'); console.log('released'); });`], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
      const said = (word: string) => new Promise<void>((r) => holder!.stdout!.on('data', (d: Buffer) => d.toString().includes(word) && r()));
      await said('locked');
      const record = makeRecord(unit.id);
      const blocked = await client.post('/api/sync/push', pushBody('phone', [op(record, 'op-locked')]));
      expect(blocked.status).toBe(503);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(blocked.body.error).toMatch(/database unavailable/);
      const released = said('released');
      holder.stdin!.write('go\n');
      await released;
      const again = await client.post('/api/sync/push', pushBody('phone', [op(record, 'op-locked')]));
      expect(again.status).toBe(200);
      expect(again.body.results[0]).toMatchObject({ status: 'applied', rev: 1 });
    } finally {
      holder?.kill();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const noCluster = throwawayPostgresUnavailable();

describe.skipIf(!!noCluster)(`PostgreSQL restarted under load${noCluster ? ` (skipped: ${noCluster})` : ''}`, () => {
  it('keeps serving, answers 503 while the database is down, reconnects, and loses no acknowledged op', { timeout: 240_000 }, async () => {
    const pg = await startThrowawayPostgres();
    let server: ChildProcess | undefined;
    let log = '';
    try {
      const seed = await openStore({ databaseUrl: pg.url });
      const unit = await seed.createUnit({ name: '第一課' });
      await seed.createUser({ username: 'tester', password: 'tester-password', role: 'tester' });
      await seed.close();

      const port = await freePort();
      server = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/server/main.ts')], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: pg.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout!.on('data', (d: Buffer) => (log += d.toString()));
      server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 600 && !log.includes('listening'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(log).toContain('listening');

      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tester', password: 'tester-password' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const push = (ops: unknown[]) =>
        fetch(`${base}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(pushBody('phone', ops)) });

      const acknowledged = new Map<string, number>(); // test id → acknowledged rev
      const statuses: number[] = [];
      let stopAt = 0;
      // A device's sync loop: one op at a time, retried (same opId) until the server acknowledges it.
      const device = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const record = makeRecord(unit.id);
          const opId = randomUUID();
          for (;;) {
            let reply: Response | undefined;
            try {
              reply = await push([op(record, opId)]);
            } catch {
              /* connection refused/reset: retry */
            }
            if (reply) statuses.push(reply.status);
            if (reply?.status === 200) {
              const [result] = ((await reply.json()) as { results: { status: string; rev: number }[] }).results;
              expect(['applied', 'duplicate']).toContain(result.status);
              acknowledged.set(record.id, result.rev);
              break;
            }
            if (reply && reply.status !== 503) throw new Error(`push answered ${reply.status}: ${await reply.text()}`);
            if (reply) await reply.arrayBuffer();
            if (server!.exitCode !== null) throw new Error(`the server died: ${log.slice(-2000)}`);
            await new Promise((r) => setTimeout(r, 50));
          }
          if (stopAt && acknowledged.size >= stopAt) return;
        }
      };
      const devices = Promise.all([device(40), device(40), device(40)]);
      const until = async (cond: () => boolean) => {
        for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
      };
      // A crash of the database in the middle of the stream (no clean shutdown: recovery from its WAL) …
      await until(() => acknowledged.size >= 15);
      pg.restart('immediate');
      // … then an outage long enough to see: every push meanwhile is a 503 with Retry-After.
      await until(() => acknowledged.size >= 40);
      pg.stop('fast');
      const down = await push([op(makeRecord(unit.id))]);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await down.json()) as { error: string }).error).toMatch(/database unavailable/);
      expect(server.exitCode).toBeNull();
      pg.start();
      await devices;
      expect(server.exitCode).toBeNull();
      expect(acknowledged.size).toBe(120);
      expect(log).not.toMatch(/Unhandled 'error' event|uncaught/i);

      // Every acknowledged op is in the database, at (at least) the acknowledged revision.
      const check = await openStore({ databaseUrl: pg.url });
      try {
        const stored = new Map((await check.listTests({})).map((t) => [t.id, t.rev]));
        for (const [id, rev] of acknowledged) expect(stored.get(id), id).toBeGreaterThanOrEqual(rev);
      } finally {
        await check.close();
      }
    } finally {
      server?.kill('SIGTERM');
      if (server && server.exitCode === null) await new Promise((r) => server!.once('exit', r));
      pg.destroy();
    }
  });
});
