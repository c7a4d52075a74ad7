// Issue 12: sign-in throttling that cannot be raced (parallel guesses are counted before any hash) or
// turned against the real user (a flood from one address does not lock them out from another), names
// that fail the format check are throttled too, an admin unlocks, and the hash queue is bounded.
// Addresses: the socket peer as @hono/node-server reports it (here passed to app.request, and over a
// real socket from 127.0.0.x in http.sockets.test.ts).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { engines } from './fixtures';
import { Client, makeWorld, passwordOf, type World } from './harness';
import { hashQueue } from '../../src/server/store/hashQueue';

const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();
const count = (replies: { status: number }[], status: number) => replies.filter((r) => r.status === status).length;

for (const engine of engines) {
  describe.skipIf(engine.skip)(`sign-in throttling on ${engine.name}`, { timeout: 120_000 }, () => {
    let world: World;
    beforeEach(async () => {
      world = await makeWorld(engine);
    });
    afterEach(async () => world.cleanup());

    it('checks at most 5 of 40 parallel wrong guesses from one address; the rest are refused unhashed', async () => {
      const attacker = new Client(world.app, '127.0.0.2');
      const replies = await Promise.all(Array.from({ length: 40 }, () => attacker.login('tester', 'wrong-guess-123')));
      // 1st–4th: checked and wrong (401); 5th: checked, wrong and now locked (423); 6th–40th: refused at the counter.
      expect(count(replies, 401)).toBe(4);
      expect(count(replies, 423)).toBe(36);
      expect(replies.find((r) => r.status === 423)!.headers.get('retry-after')).toMatch(/^\d+$/);
      // The counter says exactly how many got through to a password check.
      const [pair] = await world.query("select failures from login_throttle where key = 'pair:tester|127.0.0.2'");
      expect(Number(pair.failures)).toBe(5);
    });

    it('refuses the right password sent inside a burst, after the wrong ones reached the limit', async () => {
      const attacker = new Client(world.app, '127.0.0.2');
      let settled = 0;
      const burst = Array.from({ length: 30 }, () => attacker.login('tester', 'wrong-guess-123').finally(() => settled++));
      // Wait until the counter has locked (the 5th guess is counted before its hash is done) …
      for (let i = 0; i < 400 && (await world.store.listLoginLocks()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await world.store.listLoginLocks()).toContainEqual(expect.objectContaining({ kind: 'pair', username: 'tester', address: '127.0.0.2' }));
      // … while most of the burst is still waiting for the hash queue.
      expect(settled).toBeLessThan(30);
      const right = await attacker.login('tester');
      expect(right.status).toBe(423);
      await Promise.all(burst);
      expect(right.headers.get('set-cookie')).toBeNull();
    });

    it('a flood from one address does not lock the real user out from another address', async () => {
      const attacker = new Client(world.app, '127.0.0.2');
      const flood = await Promise.all(Array.from({ length: 30 }, () => attacker.login('head', 'wrong-guess-123')));
      expect(count(flood, 423)).toBeGreaterThanOrEqual(25);
      expect((await attacker.login('head')).status).toBe(423); // the attacker's address stays locked for that account
      const user = new Client(world.app, '127.0.0.3');
      const reply = await user.login('head');
      expect(reply.status).toBe(200);
      expect((await user.get('/api/units')).status).toBe(200);
      // The admin account too: anonymous requests cannot lock it for everyone.
      await Promise.all(Array.from({ length: 10 }, () => attacker.login('admin', 'wrong-guess-123')));
      expect((await new Client(world.app, '127.0.0.4').login('admin')).status).toBe(200);
      expect((await world.store.listAudit(200)).some((a) => a.action === 'login-locked' && a.target === 'head')).toBe(true);
    });

    it('locks an address that sprays many accounts, without locking those accounts elsewhere', async () => {
      const sprayer = new Client(world.app, '127.0.0.9');
      const names = Array.from({ length: 25 }, (_, i) => `victim${i}`);
      const replies = [];
      for (const name of names) replies.push(await sprayer.login(name, 'Spring2026!'));
      expect(count(replies, 401)).toBe(19);
      expect(replies[19].status).toBe(423);
      expect(replies[19].body.error).toMatch(/network/);
      // Locked from that address, even for a real account with its right password …
      expect((await sprayer.login('tester2')).status).toBe(423);
      // … but not from another.
      expect((await new Client(world.app, '127.0.0.10').login('tester2')).status).toBe(200);
    });

    it('a good sign-in does not count against its address (an office behind one NAT)', async () => {
      const office = new Client(world.app, '127.0.0.20');
      for (let i = 0; i < 25; i++) expect((await office.login(i % 2 ? 'tester' : 'tester2')).status).toBe(200);
    });

    it('throttles usernames that fail the format check like any other', async () => {
      const client = new Client(world.app, '127.0.0.5');
      // (A NUL is refused as bad input, 400, before any lookup or hash.)
      const names = ['bad name!', 'x'.repeat(150), "admin' --", 'ＡＤＭＩＮ'];
      for (const name of names) {
        const replies = [];
        for (let i = 0; i < 7; i++) replies.push(await client.login(name, 'whatever-1'));
        expect(statuses(replies), name.slice(0, 20)).toEqual([401, 401, 401, 401, 423, 423, 423]);
        await world.store.unlockLogin({ address: '127.0.0.5' }); // keep the address counter out of it
      }
    });

    it('an admin lists the locks and unlocks an account (audited); the user then signs in from the locked address', async () => {
      const from = new Client(world.app, '127.0.0.6');
      for (let i = 0; i < 6; i++) await from.login('tester2', 'wrong-guess-123');
      expect((await from.login('tester2')).status).toBe(423);
      const admin = await world.as('admin');
      const locks = await admin.get('/api/admin/login-locks');
      expect(locks.status).toBe(200);
      expect(locks.body).toContainEqual(expect.objectContaining({ kind: 'pair', username: 'tester2', address: '127.0.0.6', lockedUntil: expect.any(String) }));
      expect((await (await world.as('tester')).get('/api/admin/login-locks')).status).toBe(403);
      const unlocked = await admin.post('/api/admin/unlock-login', { username: 'tester2' });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.cleared).toBeGreaterThanOrEqual(1);
      expect((await from.login('tester2')).status).toBe(200);
      expect((await world.store.listAudit(20)).some((a) => a.action === 'login-unlock' && a.target === 'tester2' && a.actor === 'admin')).toBe(true);
      expect((await admin.post('/api/admin/unlock-login', {})).status).toBe(400);
    });

    it('a full hash queue answers 503 with Retry-After instead of piling up, and counts no failure', async () => {
      const saved = hashQueue.capacity;
      hashQueue.capacity = 2;
      try {
        const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => new Client(world.app, `127.0.1.${i + 1}`).login(`nobody${i}`, 'wrong-guess-123')));
        const busy = replies.filter((r) => r.status === 503);
        expect(busy.length).toBeGreaterThan(0);
        expect(busy[0].headers.get('retry-after')).toMatch(/^\d+$/);
        expect(count(replies, 401) + busy.length).toBe(12);
        // Never more hashes at once than the queue allows.
        expect(hashQueue.size).toEqual({ running: 0, waiting: 0 });
        const rows = await world.query("select key, failures from login_throttle where key like 'account:nobody%'");
        expect(rows.reduce((n, r) => n + Number(r.failures), 0)).toBe(count(replies, 401));
      } finally {
        hashQueue.capacity = saved;
      }
      expect((await new Client(world.app, '127.0.0.30').login('tester')).status).toBe(200);
    });
  });
}

describe('the bounded hash queue', () => {
  it('runs at most `concurrency` tasks at once and refuses beyond `capacity` waiting', async () => {
    const { BoundedQueue, QueueFullError } = await import('../../src/server/store/hashQueue');
    const queue = new BoundedQueue(2, 3);
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      queue.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
      });
    const accepted = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toBeInstanceOf(QueueFullError);
    expect(queue.size).toEqual({ running: 2, waiting: 3 });
    while (gates.length || queue.size.running) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });
});

export { passwordOf };
