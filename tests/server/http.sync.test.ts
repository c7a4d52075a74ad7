// The sync protocol over HTTP, on every engine: exactly-once pushes (also when the reply is lost after
// the commit), conflicts, rejections, closed quarters and what each role may pull.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { engines, makeRecord, op } from './fixtures';
import { makeWorld, type World } from './harness';
import { createApp } from '../../src/server/app';
import type { ServerStore } from '../../src/server/store';
import type { PushResult, ServerRecord } from '../../src/sync/protocol';
import { pullPath, pushBody } from '../support/wire';

for (const engine of engines) {
  describe.skipIf(engine.skip)(`sync over HTTP on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await makeWorld(engine);
    });
    afterAll(async () => world?.cleanup());

    const push = async (who: 'tester' | 'tester2' | 'admin', ops: ReturnType<typeof op>[]) => {
      const reply = await (await world.as(who)).post('/api/sync/push', pushBody(`${who}-phone`, ops));
      expect(reply.status).toBe(200);
      return reply.body.results as PushResult[];
    };
    const pullAll = async (who: 'tester' | 'tester2' | 'admin' | 'head' | 'headB') => (await (await world.as(who)).get(pullPath('since=0&limit=1000'))).body.changes as ServerRecord[];

    it('applies an op once; the same opId again is a duplicate and leaves one record', async () => {
      const record = makeRecord(world.unitA.id);
      const [first] = await push('tester', [op(record, `op-${record.id}`)]);
      expect(first).toMatchObject({ status: 'applied', rev: 1 });
      const [second] = await push('tester', [op(record, `op-${record.id}`)]);
      expect(second).toEqual({ opId: `op-${record.id}`, status: 'duplicate', rev: 1, seq: first.seq });
      expect((await pullAll('admin')).filter((c) => c.id === record.id)).toHaveLength(1);
    });

    it('a push committed whose reply was lost, then retried, yields one record and `duplicate`', async () => {
      // A store that lets the test cut the connection after the commit, before the reply is written.
      let committed!: () => void;
      const committedP = new Promise<void>((r) => (committed = r));
      let gone!: () => void;
      const goneP = new Promise<void>((r) => (gone = r));
      let cut = true;
      const store: ServerStore = {
        ...world.store,
        async push(actor, clientId, ops) {
          const results = await world.store.push(actor, clientId, ops);
          if (cut) {
            cut = false;
            committed();
            await goneP;
          }
          return results;
        },
      };
      const server = serve({ fetch: createApp({ store, distDir: '/nonexistent-dist' }).fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((r) => server.once('listening', () => r()));
      const { port } = server.address() as AddressInfo;
      try {
        const tester = await world.as('tester');
        const record = makeRecord(world.unitA.id);
        const body = JSON.stringify(pushBody('flaky-phone', [op(record, `lost-${record.id}`)]));
        const headers = { 'content-type': 'application/json', cookie: `sid=${tester.sid}`, 'x-csrf-token': tester.csrf! };
        const outcome = await new Promise<string>((resolve) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/api/sync/push', method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
          req.on('response', () => resolve('got a reply'));
          req.on('error', () => resolve('connection lost'));
          req.on('close', () => resolve('connection lost'));
          req.end(body);
          void committedP.then(() => {
            req.destroy();
            gone();
          });
        });
        expect(outcome).toBe('connection lost');
        // The device never saw the reply; it retries the same op over a new connection.
        const retry = await fetch(`http://127.0.0.1:${port}/api/sync/push`, { method: 'POST', headers, body });
        expect(retry.status).toBe(200);
        const { results } = (await retry.json()) as { results: PushResult[] };
        expect(results).toEqual([{ opId: `lost-${record.id}`, status: 'duplicate', rev: 1, seq: expect.any(Number) }]);
        expect((await pullAll('admin')).filter((c) => c.id === record.id)).toHaveLength(1);
      } finally {
        await new Promise((r) => server.close(r));
      }
    });

    it('answers a stale baseRev with a conflict carrying the server copy', async () => {
      const record = makeRecord(world.unitA.id);
      await push('tester', [op(record)]);
      const [fromPhone] = await push('tester', [op({ ...record, baseRev: 1, answers: { ...record.answers, '2.2.2': false } })]);
      expect(fromPhone).toMatchObject({ status: 'applied', rev: 2 });
      const [fromTablet] = await push('tester', [op({ ...record, baseRev: 1, answers: { ...record.answers, '1.3.1': false } })]);
      expect(fromTablet.status).toBe('conflict');
      expect(fromTablet.record).toMatchObject({ id: record.id, rev: 2, answers: { '2.2.2': false, '1.3.1': true } });
      expect(fromTablet.record!.score!.total).toBe(74);
    });

    it('rejects a record that breaks a scoring rule, naming the item; recomputes a good one', async () => {
      const broken = makeRecord(world.unitA.id, { answers: { voiceSystem: false, '1.1.1': 'a' } as never });
      const [r] = await push('tester', [op(broken)]);
      expect(r.status).toBe('rejected');
      expect(r.error).toMatch(/1\.1\.1/);
      const good = makeRecord(world.unitA.id);
      const [withScore] = await push('tester', [op({ ...good, score: { total: 100 } } as never)]);
      expect(withScore).toMatchObject({ status: 'rejected', errors: [{ field: 'score', rule: 'unknown key', message: { zh: expect.stringContaining('score') } }] });
      await push('tester', [op(good)]);
      const stored = (await pullAll('tester')).find((c) => c.id === good.id)!;
      expect(stored.score!.total).toBe(79);
      expect(stored.quarter).toBe('115-Q4');
      expect((await pullAll('admin')).some((c) => c.id === broken.id)).toBe(false);
    });

    it('rejects pushes into a closed quarter; reopening needs a reason and is audited', async () => {
      const admin = await world.as('admin');
      expect((await admin.post('/api/quarters/114-Q2/close', { reason: '季末結算' })).status).toBe(200);
      const record = makeRecord(world.unitA.id, { testedAt: '2025-05-05T10:00:00+08:00' });
      const [r] = await push('tester', [op(record)]);
      expect(r).toMatchObject({ status: 'rejected', error: expect.stringContaining('quarter 114-Q2 is closed') });
      const quarters = (await (await world.as('tester')).get('/api/quarters')).body;
      expect(quarters).toContainEqual(expect.objectContaining({ key: '114-Q2', closed: true, closedBy: 'admin' }));
      const noReason = await admin.post('/api/quarters/114-Q2/reopen', {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error).toMatch(/reason/);
      expect((await admin.post('/api/quarters/114-Q2/reopen', { reason: '補登漏送的測試' })).body).toEqual({ key: '114-Q2', closed: false });
      const audit = (await admin.get('/api/audit?limit=50')).body as { action: string; target?: string; detail?: string; actor: string }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'quarter-reopen', target: '114-Q2', detail: '補登漏送的測試', actor: 'admin' }));
      expect(audit).toContainEqual(expect.objectContaining({ action: 'quarter-close', target: '114-Q2', detail: '季末結算' }));
      expect((await push('tester', [op(record)]))[0].status).toBe('applied');
      expect((await admin.post('/api/quarters/115-Q9/close', {})).status).toBe(400);
      // Closing is routine: no body at all, or an empty one with its JSON content type, is fine.
      expect((await admin.post('/api/quarters/114-Q3/close')).status).toBe(200);
      expect((await admin.send('POST', '/api/quarters/114-Q4/close', { raw: '' })).status).toBe(200);
      expect((await admin.send('POST', '/api/quarters/114-Q1/close', { raw: '{"reason": 5}' })).body.error).toMatch(/^reason: must be a string/);
    });

    it('lets testers touch only their own tests, and audits corrections and pushes', async () => {
      const record = makeRecord(world.unitA.id);
      await push('tester', [op(record)]);
      const [stolen] = await push('tester2', [op({ ...record, baseRev: 1, answererSurname: '林' })]);
      expect(stolen).toMatchObject({ status: 'rejected', error: expect.stringMatching(/another tester.*403/) });
      expect((await pullAll('tester2')).some((c) => c.id === record.id)).toBe(false);
      const [fixed] = await push('tester', [op({ ...record, baseRev: 1, extension: '999' })]);
      expect(fixed.status).toBe('applied');
      const audit = await world.store.listAudit(200);
      expect(audit).toContainEqual(expect.objectContaining({ action: 'correction', target: record.id, actor: 'tester' }));
      expect(audit).toContainEqual(expect.objectContaining({ action: 'push', actor: 'tester2', detail: expect.stringContaining('rejected 1') }));
    });

    it('shows unit heads their own units’ tests only, without the tester’s identity', async () => {
      const inA = makeRecord(world.unitA.id);
      const inB = makeRecord(world.unitB.id);
      await push('tester', [op(inA), op(inB)]);
      const headView = await pullAll('head');
      expect(headView.some((c) => c.id === inA.id)).toBe(true);
      expect(headView.some((c) => c.id === inB.id)).toBe(false);
      expect(headView.every((c) => c.unitId === world.unitA.id)).toBe(true);
      for (const c of headView) {
        expect(c.testerId).toBeUndefined();
        expect(c.testerName).toBe('');
      }
      const headBView = await pullAll('headB');
      expect(headBView.map((c) => c.id)).toContain(inB.id);
      expect(headBView.some((c) => c.id === inA.id)).toBe(false);
      // Testers see their own tests with their identity, as the server stamped it from the signed-in
      // account (the client wrote 測試員甲); admins see everything.
      expect((await pullAll('tester')).find((c) => c.id === inA.id)).toMatchObject({ testerId: world.users.tester.id, testerName: 'tester' });
      expect((await pullAll('admin')).map((c) => c.id)).toEqual(expect.arrayContaining([inA.id, inB.id]));
    });

    it('pages the feed with cursor and more, and sends deletions as tombstones', async () => {
      const records = [makeRecord(world.unitB.id), makeRecord(world.unitB.id), makeRecord(world.unitB.id)];
      const results = await push('tester2', records.map((r) => op(r)));
      const tester2 = await world.as('tester2');
      const firstSeq = results[0].seq!;
      const page = (await tester2.get(pullPath(`since=${firstSeq - 1}&limit=2`))).body;
      expect(page.changes.map((c: ServerRecord) => c.id)).toEqual([records[0].id, records[1].id]);
      expect(page.more).toBe(true);
      expect(page.cursor).toBe(page.changes[1].seq);
      const [del] = await push('tester2', [op({ ...records[0], baseRev: 1, deleted: true })]);
      const rest = (await tester2.get(pullPath(`since=${page.cursor}`))).body;
      expect(rest.changes.map((c: ServerRecord) => c.id)).toEqual([records[2].id, records[0].id]);
      expect(rest.changes[1]).toEqual({ id: records[0].id, deleted: true, rev: 2, seq: del.seq });
      expect(rest.more).toBe(false);
    });
  });
}
