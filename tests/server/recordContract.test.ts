// Issue 9's findings, one test each, on SQLite and PostgreSQL: what a hostile or careless client got
// through before the record contract, and what the server answers now. Over HTTP where the finding
// was over HTTP; stored-data findings write rows as an older server did, then reopen the store.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore, type ServerStore } from '../../src/server/store';
import { PULL_MAX_BYTES, RECORD_MAX_BYTES } from '../../src/record/limits';
import type { ServerRecord } from '../../src/sync/protocol';
import { makeRecord, op, PG_URL, type EngineCase } from './fixtures';
import { makeWorld, type World } from './harness';
import { pullPath, pushBody } from '../support/wire';

/** An engine that can also write rows behind the store's back (as a pre-contract server did) and reopen. */
interface LegacyEngine extends EngineCase {
  insertRaw(row: Record<string, unknown>): Promise<void>;
  forgetContractCheck(): Promise<void>;
  reopen(): Promise<ServerStore>;
}

function legacyEngines(): LegacyEngine[] {
  const dir = mkdtempSync(join(tmpdir(), 'courtesy-contract-'));
  const file = join(dir, 'courtesy.sqlite');
  const schema = `rc_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const sqlite: LegacyEngine = {
    name: 'sqlite',
    skip: false,
    async open() {
      const store = await openStore({ file });
      return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
    async insertRaw(row) {
      const db = new Database(file);
      const keys = Object.keys(row);
      db.prepare(`insert into tests (${keys.join(', ')}) values (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k]));
      db.close();
    },
    async forgetContractCheck() {
      const db = new Database(file);
      db.prepare(`delete from settings where key = 'recordContractChecked'`).run();
      db.close();
    },
    reopen: () => openStore({ file }),
  };
  const withPg = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const postgres: LegacyEngine = {
    name: 'postgres',
    skip: !PG_URL,
    async open() {
      const store = await openStore({ databaseUrl: PG_URL, schema });
      return { store, cleanup: () => withPg((c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => undefined) };
    },
    insertRaw: (row) =>
      withPg(async (c) => {
        const keys = Object.keys(row);
        await c.query(`insert into tests (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`, keys.map((k) => row[k]));
      }),
    forgetContractCheck: () => withPg((c) => c.query(`delete from settings where key = 'recordContractChecked'`)).then(() => undefined),
    reopen: () => openStore({ databaseUrl: PG_URL, schema }),
  };
  return [sqlite, postgres];
}

for (const engine of legacyEngines()) {
  describe.skipIf(engine.skip)(`record contract on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await makeWorld(engine);
    });
    afterAll(async () => world?.cleanup());

    const push = async (who: 'tester' | 'admin', records: unknown[]) => {
      const reply = await (await world.as(who)).post('/api/sync/push', pushBody(`${who}-phone`, records.map((r) => ({ opId: randomUUID(), record: r }))));
      expect(reply.status).toBe(200);
      return reply.body.results as Array<{ status: string; errors?: Array<{ field: string; rule: string; message: { zh: string; en: string } }>; seq?: number }>;
    };
    const pullAll = async (who: 'head' | 'admin' | 'tester') => {
      const reply = await (await world.as(who)).get(pullPath('since=0&limit=1000'));
      expect(reply.status).toBe(200);
      return reply.body.changes as ServerRecord[];
    };

    it('refuses an unknown field nested 4,100 deep (400 before parsing), and every pull still works', async () => {
      let deep = '1';
      for (let i = 0; i < 4100; i++) deep = `{"x":${deep}}`;
      const record = JSON.stringify(makeRecord(world.unitA.id)).replace(/}$/, `,"extra":${deep}}`);
      const tester = await world.as('tester');
      const reply = await tester.send('POST', '/api/sync/push', { raw: `{"protocol":2,"clientId":"d","sheets":[],"ops":[{"opId":"deep","record":${record}}]}` });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ field: 'body', rule: 'max depth', message: { zh: expect.stringContaining('巢狀') } });
      // Shallow enough to parse, it is still an unknown key: refused by name, never stored.
      const [shallow] = await push('tester', [{ ...makeRecord(world.unitA.id), extra: { x: { x: { x: 1 } } } }]);
      expect(shallow).toMatchObject({ status: 'rejected', errors: [{ field: 'extra', rule: 'unknown key' }] });
      for (const who of ['head', 'admin'] as const) expect(JSON.stringify(await pullAll(who))).not.toContain('"extra"');
    });

    it('bounds records and pushes by bytes: a 4.4 MB record is 413, one over the record limit is refused by name', async () => {
      const huge = makeRecord(world.unitA.id, { unitName: 'x'.repeat(4_400_000) });
      expect((await (await world.as('tester')).post('/api/sync/push', pushBody('d', [op(huge)]))).status).toBe(413);
      // Under the push limit but over the record's: every string is bounded, so even a record made
      // of maximal fields is refused only when it is stuffed with a long history.
      const history = Array.from({ length: 50 }, (_, i) => ({ savedAt: '2026-11-20T10:15:00+08:00', status: 'completed' as const, answers: makeRecord('').answers, reason: `${i}`.padEnd(500, '理') }));
      const [stuffed] = await push('tester', [makeRecord(world.unitA.id, { history })]);
      expect(stuffed.status).toBe('rejected');
      expect(stuffed.errors?.[0]).toMatchObject({ rule: 'max size', message: { en: expect.stringContaining(String(RECORD_MAX_BYTES)) } });
      expect((await world.store.listTests({ includeDeleted: true })).some((t) => t.id === huge.id || t.unitName.length > 100)).toBe(false);
    });

    it('keeps a pull page under its byte limit as well as its count', async () => {
      const records = Array.from({ length: 30 }, () => makeRecord(world.unitB.id, { unitName: '大'.repeat(100) }));
      await push('tester', records);
      const admin = { userId: world.users.admin.id, role: 'admin' as const, unitIds: [] };
      const page = await world.store.pull(admin, 0, 1000, { maxBytes: 20_000 });
      expect(page.more).toBe(true);
      expect(JSON.stringify(page.changes).length).toBeLessThan(20_000 + RECORD_MAX_BYTES);
      const all: unknown[] = [];
      for (let since = 0, more = true; more; ) {
        const next = await world.store.pull(admin, since, 1000, { maxBytes: 20_000 });
        all.push(...next.changes);
        more = next.more;
        since = next.cursor;
      }
      expect(all.length).toBeGreaterThanOrEqual(30);
      expect(PULL_MAX_BYTES).toBeGreaterThan(RECORD_MAX_BYTES);
    });

    it('refuses unknown keys at the top and inside history[], naming each; nothing unknown reaches a unit head', async () => {
      const [full] = await push('tester', [{ ...makeRecord(world.unitA.id), answererFullName: '王小明' }]);
      expect(full).toMatchObject({ status: 'rejected', errors: [{ field: 'answererFullName', rule: 'unknown key' }] });
      const [nested] = await push('tester', [makeRecord(world.unitA.id, { history: [{ savedAt: '2026-11-20T10:15:00+08:00', status: 'completed', answers: {}, surname: '王' } as never] })]);
      expect(nested).toMatchObject({ status: 'rejected', errors: [{ field: 'history[0].surname', rule: 'unknown key' }] });
      const head = JSON.stringify(await pullAll('head'));
      expect(head).not.toContain('王小明');
      expect(head).not.toContain('answererFullName');
    });

    it('refuses a completed test with {} as its answers; the unit average is unchanged', async () => {
      const [good] = await push('tester', [makeRecord(world.unitA.id, { testedAt: '2026-07-10T10:00:00+08:00' })]);
      expect(good.status).toBe('applied');
      const [empty] = await push('tester', [makeRecord(world.unitA.id, { answers: {}, testedAt: '2026-07-11T10:00:00+08:00' })]);
      expect(empty).toMatchObject({ status: 'rejected', errors: [{ field: 'answers', rule: 'complete' }] });
      const review = await (await world.as('admin')).get('/api/review?quarter=115-Q3');
      expect(review.status).toBe(200);
      expect(review.body.units.find((u: { unitId: string }) => u.unitId === world.unitA.id)).toMatchObject({ testCount: 1, averageText: '79.00' });
    });

    it('refuses a record without status instead of filing it as a draft', async () => {
      const { status: _s, ...noStatus } = makeRecord(world.unitA.id);
      const [r] = await push('tester', [noStatus]);
      expect(r).toMatchObject({ status: 'rejected', errors: [{ field: 'status', rule: 'required', message: { zh: '必填' } }] });
    });

    it('refuses a test dated 1900, in 2911, before its sheet was in force or days ahead; /api/quarters keeps answering', async () => {
      for (const testedAt of ['1900-01-01T00:00:00Z', '2911-01-01T00:00:00Z', '2021-06-01T10:00:00+08:00', new Date(Date.now() + 3 * 86_400_000).toISOString()]) {
        const [r] = await push('tester', [makeRecord(world.unitA.id, { testedAt })]);
        expect(r.status, testedAt).toBe('rejected');
        expect(r.errors?.[0].field).toBe('testedAt');
      }
      for (const who of ['tester', 'head', 'admin'] as const) expect((await (await world.as(who)).get('/api/quarters')).status).toBe(200);
    });

    it('stamps the tester from the signed-in account: 「冒名者」 never reaches a review or the annual CSV', async () => {
      const record = makeRecord(world.unitA.id, { testerName: '冒名者', testerId: world.users.admin.id, testedAt: '2026-08-03T10:00:00+08:00' });
      expect((await push('tester', [record]))[0].status).toBe('applied');
      const stored = (await pullAll('admin')).find((c) => c.id === record.id)!;
      expect(stored).toMatchObject({ testerName: 'tester', testerId: world.users.tester.id });
      const csv = await (await world.as('admin')).get('/api/report/annual.csv?year=115');
      expect(csv.status).toBe(200);
      expect(String(csv.body)).not.toContain('冒名者');
      const review = await (await world.as('admin')).get('/api/review?quarter=115-Q3');
      expect(JSON.stringify(review.body)).not.toContain('冒名者');
    });

    it('refuses 「連打 2 次無人接聽」 without two logged tries ≥ 10 minutes apart, unless an override gives a reason', async () => {
      const answers = { ...makeRecord('').answers, '1.2': { outcome: 'unansweredTwice' } } as never;
      for (const key of ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8']) delete (answers as Record<string, unknown>)[key];
      const tries = (minutes: number) => [
        { at: '2026-11-20T10:00:00+08:00', outcome: 'unanswered' as const },
        { at: new Date(Date.parse('2026-11-20T10:00:00+08:00') + minutes * 60_000).toISOString(), outcome: 'unanswered' as const },
      ];
      const [none] = await push('tester', [makeRecord(world.unitA.id, { answers })]);
      expect(none).toMatchObject({ status: 'rejected', errors: [{ field: 'attempts', rule: 'retest', message: { zh: expect.stringContaining('10 分鐘') } }] });
      expect((await push('tester', [makeRecord(world.unitA.id, { answers, attempts: tries(9) })]))[0].status).toBe('rejected');
      expect((await push('tester', [makeRecord(world.unitA.id, { answers, attempts: tries(10) })]))[0].status).toBe('applied');
      const overridden = makeRecord(world.unitA.id, { answers, retestOverride: { reason: '第二次撥打時總機轉入語音信箱', at: '2026-11-20T10:30:00+08:00' } });
      expect((await push('tester', [overridden]))[0].status).toBe('applied');
      expect((await pullAll('admin')).find((c) => c.id === overridden.id)?.retestOverride?.reason).toBe('第二次撥打時總機轉入語音信箱');
    });

    it('answers an app that sends no protocol (every app before this one) with 426 「請更新 App」, not a failure loop', async () => {
      const tester = await world.as('tester');
      const oldPush = await tester.post('/api/sync/push', { clientId: 'old-app', ops: [op(makeRecord(world.unitA.id))] });
      expect(oldPush.status).toBe(426);
      expect(oldPush.body).toMatchObject({ field: 'protocol', rule: 'outdated app', message: { zh: expect.stringContaining('請更新 App') } });
      expect((await tester.get('/api/sync/pull?since=0')).status).toBe(426);
      expect((await tester.get('/api/sync/pull?since=0&protocol=2')).body).toMatchObject({ field: 'sheets', rule: 'required' });
    });

    it('withholds tests on a sheet the app cannot render, and counts them', async () => {
      const record = makeRecord(world.unitB.id);
      await push('tester', [record]);
      const tester = await world.as('tester');
      const other = await tester.get('/api/sync/pull?protocol=2&sheets=someone-else@3&since=0&limit=1000');
      expect(other.status).toBe(200);
      expect(other.body.changes.some((c: ServerRecord) => c.id === record.id)).toBe(false);
      expect(other.body.withheld).toBeGreaterThan(0);
      const mine = await tester.get(pullPath('since=0&limit=1000'));
      expect(mine.body.changes.some((c: ServerRecord) => c.id === record.id)).toBe(true);
      expect(mine.body.withheld).toBe(0);
    });

    it('checks data already stored: repairs what it can (unknown keys, tester names), sets the rest aside, lists both', async () => {
      const row = (id: string, record: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
        id,
        rev: 1,
        seq: 900_000 + Math.floor(Math.random() * 10_000),
        unit_id: world.unitA.id,
        tester_id: world.users.tester.id,
        tested_at: '2026-11-20T02:15:00.000Z',
        quarter: '115-Q4',
        status: String(record.status ?? 'draft'),
        record: JSON.stringify(record),
        score: null,
        deleted: 0,
        updated_at: '2026-11-20T02:15:00.000Z',
        ...over,
      });
      const { baseRev: _b, ...base } = makeRecord(world.unitA.id);
      const leaky = { ...base, id: randomUUID(), testerName: '冒名者', answererFullName: '王小明', history: [{ savedAt: '2026-11-20T10:15:00+08:00', status: 'completed', answers: {}, surname: '王' }] };
      const emptyCompleted = { ...base, id: randomUUID(), answers: {} };
      const ancient = { ...base, id: randomUUID(), testedAt: '1900-01-01T00:00:00Z' };
      await engine.insertRaw(row(leaky.id, leaky));
      await engine.insertRaw(row(emptyCompleted.id, emptyCompleted));
      await engine.insertRaw(row(ancient.id, ancient, { quarter: '-11-Q1', tested_at: '1900-01-01T00:00:00.000Z' }));
      await engine.forgetContractCheck();
      const store = await engine.reopen();
      try {
        const problems = await store.listRecordProblems();
        const of = (id: string) => problems.find((p) => p.testId === id);
        expect(of(leaky.id)).toMatchObject({ action: 'repaired', setAside: false, detail: expect.stringContaining('answererFullName') });
        expect(of(leaky.id)!.detail).not.toContain('王小明');
        expect(of(emptyCompleted.id)).toMatchObject({ action: 'set aside', setAside: true, errors: [expect.objectContaining({ rule: 'complete' })] });
        expect(of(ancient.id)).toMatchObject({ action: 'set aside', setAside: true, errors: [expect.objectContaining({ field: 'testedAt' })] });
        const admin = { userId: world.users.admin.id, role: 'admin' as const, unitIds: [] };
        const pulled = [] as Array<Record<string, unknown>>;
        for (let since = 0, more = true; more; ) {
          const page = await store.pull(admin, since, 1000);
          pulled.push(...(page.changes as never[]));
          more = page.more;
          since = page.cursor;
        }
        const repaired = pulled.find((c) => c.id === leaky.id)!;
        expect(repaired).toMatchObject({ testerName: 'tester', rev: 2 });
        expect(JSON.stringify(repaired)).not.toMatch(/王小明|surname|answererFullName/);
        expect(pulled.some((c) => c.id === emptyCompleted.id || c.id === ancient.id)).toBe(false);
        expect((await store.listTests({})).some((t) => t.id === emptyCompleted.id)).toBe(false);
        expect((await store.listQuarters()).every((q) => /^\d{1,3}-Q[1-4]$/.test(q.key))).toBe(true);
        // Checking again finds the same: nothing is dropped, nothing is repaired twice.
        const again = await store.checkRecords();
        expect(again).toMatchObject({ repaired: 0, setAside: 2 });
      } finally {
        await store.close();
      }
    });
  });
}
