// The storage contract: one suite, run over every engine (see store.contract.test.ts).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { ServerStore, Actor, Unit, User } from '../../src/server/store';
import type { ServerRecord, Tombstone } from '../../src/sync/protocol';
import { makeRecord, op, type EngineCase } from './fixtures';

const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, unitIds: u.unitIds });

export function storeContract(engine: EngineCase) {
  describe.skipIf(engine.skip)(`Store contract on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
    let store: ServerStore;
    let cleanup: () => Promise<void>;
    let unitA: Unit;
    let unitB: Unit;
    let tester: User;
    let tester2: User;
    let head: User;
    let admin: User;

    beforeEach(async () => {
      ({ store, cleanup } = await engine.open());
      unitA = await store.createUnit({ name: '第一課', phone: '02-1234' });
      unitB = await store.createUnit({ name: '嘉義辦事處' });
      tester = await store.createUser({ username: 'tester1', password: 'tester-pass-1', role: 'tester', displayName: '測試員甲' });
      tester2 = await store.createUser({ username: 'tester2', password: 'tester-pass-2', role: 'tester' });
      head = await store.createUser({ username: 'head1', password: 'head-pass-01', role: 'unitHead', unitIds: [unitA.id] });
      admin = await store.createUser({ username: 'admin1', password: 'admin-pass-1', role: 'admin' });
    });
    afterEach(async () => cleanup());

    it('reports its engine', () => {
      expect(store.engine).toBe(engine.name);
    });

    it('creates and lists units and users, never exposing a hash', async () => {
      expect((await store.listUnits()).map((u) => u.name).sort()).toEqual(['嘉義辦事處', '第一課'].sort());
      expect(unitA.phone).toBe('02-1234');
      const users = await store.listUsers();
      expect(users.map((u) => u.username)).toEqual(['admin1', 'head1', 'tester1', 'tester2']);
      expect(JSON.stringify(users)).not.toMatch(/scrypt|pass/);
      expect(users.find((u) => u.username === 'head1')!.unitIds).toEqual([unitA.id]);
      expect(await store.countUsers()).toBe(4);
      await expect(store.createUser({ username: 'tester1', password: 'another-pass', role: 'tester' })).rejects.toThrow(/already taken/);
      await expect(store.createUser({ username: 'x', password: 'short', role: 'tester' })).rejects.toThrow(/password/);
      await expect(store.createUser({ username: 'h2', password: 'long-enough', role: 'unitHead', unitIds: ['nope'] })).rejects.toThrow(/unitIds/);
    });

    it('verifies passwords and locks a username after 5 failures', async () => {
      const now = new Date('2026-11-22T10:00:00Z');
      expect((await store.login('tester1', 'tester-pass-1', { now })).ok).toBe(true);
      for (let i = 0; i < 4; i++) expect(await store.login('tester1', 'wrong', { now })).toEqual({ ok: false, reason: 'bad-credentials' });
      const fifth = await store.login('tester1', 'wrong', { now });
      expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
      // Locked even with the right password, until 15 minutes have passed.
      expect(await store.login('tester1', 'tester-pass-1', { now: new Date(now.getTime() + 14 * 60_000) })).toMatchObject({ reason: 'locked' });
      expect((await store.login('tester1', 'tester-pass-1', { now: new Date(now.getTime() + 16 * 60_000) })).ok).toBe(true);
    });

    it('keeps sessions by an unguessable id and forgets them on logout or expiry', async () => {
      const now = new Date();
      const s = await store.createSession(tester.id, now);
      expect(s.sid.length).toBeGreaterThanOrEqual(40);
      const session = await store.getSession(s.sid, now);
      expect(session?.user.username).toBe('tester1');
      expect(session?.csrfToken).toBe(s.csrfToken);
      expect(await store.getSession(s.sid, new Date(now.getTime() + 15 * 24 * 3600_000))).toBeUndefined();
      const s2 = await store.createSession(tester.id, now);
      await store.deleteSession(s2.sid);
      expect(await store.getSession(s2.sid, now)).toBeUndefined();
    });

    it('applies a push once, replays it as duplicate, and recomputes the score', async () => {
      const record = makeRecord(unitA.id);
      // A client's score is not part of the record: refused by name, never stored.
      const bogusScore = { total: 100 };
      const [scored] = await store.push(actorOf(tester), 'device-1', [op({ ...record, score: bogusScore } as never, 'op-0')]);
      expect(scored).toMatchObject({ status: 'rejected', errors: [{ field: 'score', rule: 'unknown key' }] });
      const first = await store.push(actorOf(tester), 'device-1', [op(record, 'op-1')]);
      expect(first).toEqual([{ opId: 'op-1', status: 'applied', rev: 1, seq: 1 }]);
      // The reply was lost; the device retries the same op.
      const again = await store.push(actorOf(tester), 'device-1', [op(record, 'op-1')]);
      expect(again).toEqual([{ opId: 'op-1', status: 'duplicate', rev: 1, seq: 1 }]);
      const { changes, cursor, more } = await store.pull(actorOf(tester), 0, 100);
      expect(changes).toHaveLength(1);
      expect(cursor).toBe(1);
      expect(more).toBe(false);
      const stored = changes[0] as ServerRecord;
      expect(stored.score?.total).toBe(79);
      expect(stored.score?.sections['1.2']).toBe(9);
      expect(stored.testerId).toBe(tester.id);
      expect(stored.quarter).toBe('115-Q4');
      expect(stored).not.toHaveProperty('baseRev');
    });

    it('returns a conflict with the server copy for a stale baseRev', async () => {
      const record = makeRecord(unitA.id);
      await store.push(actorOf(tester), 'd1', [op(record)]);
      const edit1 = { ...record, baseRev: 1, answererSurname: '李' };
      expect((await store.push(actorOf(tester), 'd1', [op(edit1)]))[0]).toMatchObject({ status: 'applied', rev: 2 });
      const stale = { ...record, baseRev: 1, answererSurname: '陳' };
      const [result] = await store.push(actorOf(tester), 'd2', [op(stale)]);
      expect(result.status).toBe('conflict');
      expect(result.record?.rev).toBe(2);
      expect(result.record?.answererSurname).toBe('李');
      // Against a deletion the conflict carries only the tombstone's revision, as the feed does.
      await store.push(actorOf(tester), 'd1', [op({ ...record, baseRev: 2, deleted: true })]);
      const [late] = await store.push(actorOf(tester), 'd2', [op({ ...record, baseRev: 2 })]);
      expect(late).toMatchObject({ status: 'conflict', rev: 3, error: expect.stringMatching(/deleted on the server/) });
      expect(late.record).toBeUndefined();
    });

    it('rejects scoring-rule violations naming the item, but accepts incomplete drafts', async () => {
      const bad = makeRecord(unitA.id, { answers: { voiceSystem: true, '2.2.3': { band: 'a', points: 3 } } as never });
      const [r1] = await store.push(actorOf(tester), 'd', [op(bad)]);
      expect(r1.status).toBe('rejected');
      expect(r1.error).toMatch(/2\.2\.3/);
      expect(r1.error).toMatch(/band/);
      const draft = makeRecord(unitA.id, { status: 'draft', answers: { voiceSystem: false } as never });
      const [r2] = await store.push(actorOf(tester), 'd', [op(draft)]);
      expect(r2.status).toBe('applied');
      const [change] = (await store.pull(actorOf(tester), 0, 10)).changes as ServerRecord[];
      expect(change.score?.complete).toBe(false);
    });

    it('rejects malformed records with the field named, without touching the store', async () => {
      const cases: [unknown, RegExp][] = [
        [{ ...makeRecord(unitA.id), id: 'not-a-uuid' }, /^id: /],
        [{ ...makeRecord(unitA.id), testedAt: 'yesterday' }, /^testedAt: /],
        [{ ...makeRecord(unitA.id), unitId: 42 }, /^unitId: /],
        [{ ...makeRecord(unitA.id), baseRev: -1 }, /^baseRev: /],
        [{ ...makeRecord(unitA.id), answers: 'x' }, /^answers: /],
        [{ ...makeRecord(unitA.id), unitId: 'no-such-unit' }, /^unitId: no unit/],
        [null, /must be an object/],
      ];
      for (const [record, pattern] of cases) {
        const [r] = await store.push(actorOf(tester), 'd', [{ opId: crypto.randomUUID(), record } as never]);
        expect(r.status, String(pattern)).toBe('rejected');
        expect(r.error).toMatch(pattern);
      }
      expect((await store.pull(actorOf(admin), 0, 10)).changes).toHaveLength(0);
    });

    it('refuses pushes into a closed quarter, and accepts them again after reopening', async () => {
      await store.setQuarterClosed('115-Q3', true, 'admin1');
      const record = makeRecord(unitA.id, { testedAt: '2026-09-30T23:30:00+08:00' });
      const [r] = await store.push(actorOf(tester), 'd', [op(record)]);
      expect(r).toMatchObject({ status: 'rejected', error: expect.stringContaining('quarter 115-Q3 is closed') });
      // 2026-09-30T16:30Z is still Q3 in Taipei; its neighbour in Q4 is open.
      const q4 = makeRecord(unitA.id, { testedAt: '2026-09-30T16:30:00Z' });
      expect((await store.push(actorOf(tester), 'd', [op(q4)]))[0].status).toBe('applied');
      const quarters = await store.listQuarters();
      expect(quarters.find((q) => q.key === '115-Q3')).toMatchObject({ closed: true, closedBy: 'admin1' });
      await store.setQuarterClosed('115-Q3', false, 'admin1');
      expect((await store.push(actorOf(tester), 'd', [op(record)]))[0].status).toBe('applied');
    });

    it('enforces ownership: testers push only their own tests, unit heads never', async () => {
      const record = makeRecord(unitA.id);
      await store.push(actorOf(tester), 'd', [op(record)]);
      const [other] = await store.push(actorOf(tester2), 'd', [op({ ...record, baseRev: 1 })]);
      expect(other).toMatchObject({ status: 'rejected', error: expect.stringMatching(/another tester/) });
      const [byHead] = await store.push(actorOf(head), 'd', [op(makeRecord(unitA.id))]);
      expect(byHead).toMatchObject({ status: 'rejected', error: expect.stringMatching(/unit heads/) });
      // An admin may correct; the test keeps its tester, and the correction is audited.
      const [fix] = await store.push(actorOf(admin), 'd', [op({ ...record, baseRev: 1, extension: '5678' })]);
      expect(fix).toMatchObject({ status: 'applied', rev: 2 });
      const [copy] = (await store.pull(actorOf(tester), 0, 10)).changes as ServerRecord[];
      expect(copy.testerId).toBe(tester.id);
      expect((await store.listAudit(10)).some((a) => a.action === 'correction' && a.target === record.id)).toBe(true);
    });

    it('pulls by role: testers their own, unit heads their units without tester identity, admins all', async () => {
      const a = makeRecord(unitA.id);
      const b = makeRecord(unitB.id);
      const c = makeRecord(unitA.id);
      await store.push(actorOf(tester), 'd', [op(a), op(b)]);
      await store.push(actorOf(tester2), 'd', [op(c)]);
      const mine = (await store.pull(actorOf(tester), 0, 10)).changes.map((x) => x.id);
      expect(mine).toEqual([a.id, b.id]);
      const headView = (await store.pull(actorOf(head), 0, 10)).changes as ServerRecord[];
      expect(headView.map((x) => x.id)).toEqual([a.id, c.id]);
      for (const r of headView) {
        expect(r).not.toHaveProperty('testerId');
        expect(r.testerName).toBe('');
        expect(r.answererSurname).toBe('王○○');
        expect(r.extension).toBe('1○○○');
      }
      // The tester who made the call still sees what was typed.
      expect((await store.pull(actorOf(tester), 0, 10)).changes[0]).toMatchObject({ answererSurname: '王', extension: '1234' });
      expect((await store.pull(actorOf(admin), 0, 10)).changes).toHaveLength(3);
    });

    it("leaves a device's own writes out of its pull while the cursor moves past them", async () => {
      const [a, b] = [makeRecord(unitA.id), makeRecord(unitA.id)];
      await store.push(actorOf(tester), 'phone-1', [op(a)]);
      await store.push(actorOf(tester), 'phone-2', [op(b)]);
      // phone-2 edits phone-1's test: that change is news to phone-1, not to phone-2.
      await store.push(actorOf(tester), 'phone-2', [op({ ...a, baseRev: 1, answererSurname: '林' })]);
      const forPhone1 = await store.pull(actorOf(tester), 0, 10, { exceptClientId: 'phone-1' });
      expect(forPhone1.changes.map((c) => [c.id, c.rev])).toEqual([[b.id, 1], [a.id, 2]]);
      expect(forPhone1.cursor).toBe(3);
      const forPhone2 = await store.pull(actorOf(tester), 0, 10, { exceptClientId: 'phone-2' });
      expect(forPhone2.changes).toEqual([]);
      expect(forPhone2).toMatchObject({ cursor: 3, more: false });
      // Paging still moves on when a whole page is the caller's own (the feed holds b at seq 2, a at seq 3).
      const page = await store.pull(actorOf(tester), 0, 1, { exceptClientId: 'phone-2' });
      expect(page).toMatchObject({ changes: [], cursor: 2, more: true });
      // Without a client id, everything (the admin's and the reports' view).
      expect((await store.pull(actorOf(tester), 0, 10)).changes).toHaveLength(2);
    });

    it('pages the feed in seq order and includes tombstones', async () => {
      const records = Array.from({ length: 5 }, () => makeRecord(unitA.id));
      await store.push(actorOf(tester), 'd', records.map((r) => op(r)));
      const page1 = await store.pull(actorOf(tester), 0, 2);
      expect(page1.changes.map((c) => c.seq)).toEqual([1, 2]);
      expect(page1.more).toBe(true);
      const page2 = await store.pull(actorOf(tester), page1.cursor, 10);
      expect(page2.changes.map((c) => c.seq)).toEqual([3, 4, 5]);
      expect(page2.more).toBe(false);
      const [del] = await store.push(actorOf(tester), 'd', [op({ ...records[0], baseRev: 1, deleted: true })]);
      expect(del).toMatchObject({ status: 'applied', rev: 2, seq: 6 });
      const page3 = await store.pull(actorOf(tester), page2.cursor, 10);
      expect(page3.changes).toEqual([{ id: records[0].id, deleted: true, rev: 2, seq: 6 } satisfies Tombstone]);
      expect((await store.listTests({})).map((t) => t.id)).not.toContain(records[0].id);
      expect((await store.listTests({ includeDeleted: true })).map((t) => t.id)).toContain(records[0].id);
    });

    it('lists tests for reports by testedAt range and unit', async () => {
      const q3 = makeRecord(unitA.id, { testedAt: '2026-08-01T09:00:00+08:00' });
      const q4a = makeRecord(unitA.id, { testedAt: '2026-10-01T00:30:00+08:00' });
      const q4b = makeRecord(unitB.id, { testedAt: '2026-12-31T23:59:00+08:00' });
      // Pushed after the year is over: the record contract refuses tests dated in the future.
      await store.push(actorOf(tester), 'd', [op(q3), op(q4a), op(q4b)], new Date('2027-01-05T00:00:00Z'));
      const q4 = await store.listTests({ start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
      expect(q4.map((t) => t.id)).toEqual([q4a.id, q4b.id]);
      expect(q4[0].score?.total).toBe(79);
      expect((await store.listTests({ unitIds: [unitB.id] })).map((t) => t.id)).toEqual([q4b.id]);
    });

    it('purges the answerer surname and extension before a date, with a new revision', async () => {
      const old = makeRecord(unitA.id, { testedAt: '2025-01-10T10:00:00+08:00' });
      const recent = makeRecord(unitA.id, { testedAt: '2026-11-10T10:00:00+08:00' });
      await store.push(actorOf(tester), 'd', [op(old), op(recent)]);
      expect(await store.purgePersonalData('2026-01-01T00:00:00+08:00')).toBe(1);
      const all = await store.listTests({});
      const purged = all.find((t) => t.id === old.id)!;
      expect(purged).toMatchObject({ answererSurname: '', extension: '', rev: 2 });
      expect(all.find((t) => t.id === recent.id)).toMatchObject({ answererSurname: '王', extension: '1234' });
      expect((await store.pull(actorOf(tester), 2, 10)).changes.map((c) => c.id)).toEqual([old.id]);
    });

    it('keeps audit entries newest first, settings as JSON and acknowledgements per head', async () => {
      await store.audit({ actor: 'admin1', action: 'login' });
      await store.audit({ actor: 'admin1', action: 'export', target: 'annual-115', detail: 'ods' });
      expect(await store.listAudit(1)).toEqual([{ at: expect.any(String), actor: 'admin1', action: 'export', target: 'annual-115', detail: 'ods' }]);
      expect(await store.getSetting('grades')).toBeUndefined();
      await store.setSetting('grades', { 優: 90 });
      await store.setSetting('grades', { 優: 91 });
      expect(await store.getSetting('grades')).toEqual({ 優: 91 });
      await store.acknowledge({ testId: 't1', userId: head.id, comment: '已改善', at: '2026-11-22T00:00:00.000Z' });
      await store.acknowledge({ testId: 't1', userId: head.id, correctiveAction: '加強訓練', at: '2026-11-23T00:00:00.000Z' });
      expect(await store.listAcknowledgements(['t1'])).toEqual([{ testId: 't1', userId: head.id, correctiveAction: '加強訓練', at: '2026-11-23T00:00:00.000Z' }]);
      expect(await store.listAcknowledgements([])).toEqual([]);
    });

    it('survives races on accounts: one of two equal usernames wins, parallel failures are counted', async () => {
      const made = await Promise.allSettled([1, 2].map(() => store.createUser({ username: 'twin', password: 'twin-password', role: 'tester' })));
      expect(made.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((made.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/already taken/);
      const now = new Date();
      const failures = await Promise.all([1, 2, 3].map(() => store.login('fresh-name', 'wrong', { now })));
      expect(failures.every((f) => !f.ok)).toBe(true);
    });

    it('numbers concurrent pushes of different tests with distinct, gap-free seqs in commit order', async () => {
      const records = Array.from({ length: 12 }, () => makeRecord(unitA.id));
      const results = (await Promise.all(records.map((r) => store.push(actorOf(tester), 'd', [op(r)])))).map((r) => r[0]);
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      expect(results.map((r) => r.seq!).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const feed = (await store.pull(actorOf(admin), 0, 100)).changes;
      expect(feed.map((c) => c.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('serialises concurrent pushes of the same op into one record', async () => {
      const record = makeRecord(unitA.id);
      const results = await Promise.all([1, 2, 3].map(() => store.push(actorOf(tester), 'd', [op(record, 'same-op')])));
      const statuses = results.map((r) => r[0].status).sort();
      expect(statuses).toEqual(['applied', 'duplicate', 'duplicate']);
      expect((await store.pull(actorOf(admin), 0, 10)).changes).toHaveLength(1);
    });
  });
}
