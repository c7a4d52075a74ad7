// Issue 12, scale-out on PostgreSQL: two server processes on one database act as one. Sessions and
// sign-in throttles are shared, a quarter closed through one is closed for the other, and under
// concurrent pushes through both, pullers on both see every change exactly once (the feed counter row
// is locked by every writing transaction, so seq order is commit order across processes), and a process
// killed mid-stream loses nothing it acknowledged.
import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/server/store';
import { PG_URL, makeRecord, op } from './fixtures';
import { freePort } from './throwawayPostgres';
import { pullPath, pushBody } from '../support/wire';

const root = resolve(__dirname, '../..');

async function startServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess; log: () => string }> {
  const port = await freePort();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 1200 && !out.includes('listening'); i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base: `http://127.0.0.1:${port}`, child, log: () => out };
}

describe.skipIf(!PG_URL)('two server processes on one PostgreSQL', () => {
  it('share sessions, throttles and quarter locks, and every change reaches every puller exactly once', { timeout: 240_000 }, async () => {
    const name = `scale_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_URL!);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const servers: Awaited<ReturnType<typeof startServer>>[] = [];
    try {
      const seed = await openStore({ databaseUrl });
      const unit = await seed.createUnit({ name: '第一課' });
      await seed.createUser({ username: 'tester', password: 'tester-password', role: 'tester' });
      await seed.createUser({ username: 'boss', password: 'boss-password', role: 'admin' });
      await seed.close();
      servers.push(await startServer(databaseUrl), await startServer(databaseUrl));
      const [a, b] = servers;

      const call = async (base: string, path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {}) => {
        const res = await fetch(`${base}${path}`, {
          method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
          headers: { 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}) },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0], body: (await res.json().catch(() => undefined)) as any };
      };

      // A session started on one process works on the other; signing out on the other ends it everywhere.
      const login = await call(a.base, '/api/auth/login', { body: { username: 'tester', password: 'tester-password' } });
      expect(login.status).toBe(200);
      const session = { cookie: login.cookie!, csrf: login.body.csrfToken as string };
      expect((await call(b.base, '/api/auth/session', session)).body.user.username).toBe('tester');

      // Failures counted on one process lock the account on the other.
      for (let i = 0; i < 3; i++) await call(a.base, '/api/auth/login', { body: { username: 'boss', password: 'wrong-password' } });
      for (let i = 0; i < 2; i++) await call(b.base, '/api/auth/login', { body: { username: 'boss', password: 'wrong-password' } });
      expect((await call(a.base, '/api/auth/login', { body: { username: 'boss', password: 'boss-password' } })).status).toBe(423);
      const seed2 = await openStore({ databaseUrl });
      await seed2.unlockLogin({ username: 'boss' });
      await seed2.close();
      const bossLogin = await call(b.base, '/api/auth/login', { body: { username: 'boss', password: 'boss-password' } });
      expect(bossLogin.status).toBe(200);
      const boss = { cookie: bossLogin.cookie!, csrf: bossLogin.body.csrfToken as string };

      // A quarter closed through one process is closed for pushes through the other.
      expect((await call(a.base, '/api/quarters/115-Q3/close', { ...boss, body: {} })).status).toBe(200);
      const late = await call(b.base, '/api/sync/push', { ...session, body: pushBody('p', [op(makeRecord(unit.id, { testedAt: '2026-08-01T10:00:00+08:00' }))]) });
      expect(late.body.results[0]).toMatchObject({ status: 'rejected', error: expect.stringMatching(/closed/) });

      // Concurrent pushes through both processes; two pullers (one per process) follow the feed meanwhile.
      const pushed = new Set<string>();
      let writing = true;
      const writer = async (base: string, device: string) => {
        for (let i = 0; i < 30; i++) {
          const records = [makeRecord(unit.id), makeRecord(unit.id)];
          const reply = await call(base, '/api/sync/push', { ...session, body: pushBody(device, records.map((r) => op(r))) });
          expect(reply.status).toBe(200);
          for (const [j, result] of (reply.body.results as { status: string }[]).entries()) {
            expect(result.status).toBe('applied');
            pushed.add(records[j].id);
          }
        }
      };
      const puller = async (base: string) => {
        const seen: string[] = [];
        let cursor = 0;
        for (;;) {
          const done = !writing;
          const reply = await call(base, pullPath(`since=${cursor}&limit=7`), boss);
          expect(reply.status).toBe(200);
          seen.push(...(reply.body.changes as { id: string }[]).map((c) => c.id));
          cursor = reply.body.cursor;
          if (done && !reply.body.more) return seen;
        }
      };
      const pulls = [puller(a.base), puller(b.base)];
      await Promise.all([writer(a.base, 'phone-a'), writer(b.base, 'phone-b'), writer(a.base, 'phone-c'), writer(b.base, 'phone-d')]);
      writing = false;
      const [seenA, seenB] = await Promise.all(pulls);
      expect(pushed.size).toBe(240);
      for (const seen of [seenA, seenB]) {
        expect(seen.length).toBe(new Set(seen).size); // nothing twice
        expect(new Set(seen)).toEqual(pushed); // nothing skipped
      }
      for (const s of servers) expect(s.child.exitCode).toBeNull();

      // One process dies (kill -9) in the middle of a device's pushes: the device retries the same op on the
      // other, and everything either process acknowledged is there.
      const acknowledged = new Set<string>();
      let killed = false;
      for (let i = 0; i < 30; i++) {
        const record = makeRecord(unit.id);
        const opId = randomUUID();
        if (i === 10) {
          a.child.kill('SIGKILL');
          killed = true;
        }
        for (const base of killed ? [a.base, b.base] : [a.base]) {
          const reply = await call(base, '/api/sync/push', { ...session, body: pushBody('phone-k', [op(record, opId)]) }).catch(() => undefined);
          if (reply?.status === 200) {
            expect(['applied', 'duplicate']).toContain(reply.body.results[0].status);
            acknowledged.add(record.id);
            break;
          }
        }
      }
      expect(acknowledged.size).toBe(30);
      const check = await openStore({ databaseUrl });
      const stored = new Set((await check.listTests({})).map((t) => t.id));
      await check.close();
      for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
    } finally {
      for (const s of servers) {
        if (s.child.exitCode !== null || s.child.signalCode !== null) continue;
        s.child.kill('SIGTERM');
        if (s.child.exitCode === null) await new Promise((r) => s.child.once('exit', r));
      }
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
