// Issue 12, personal data: the purge clears history[] too and is remembered — a late push of an old
// test, or a conflict resolved as 「保留我的」, cannot bring the surname or extension back, and the device
// that sent them is told to drop them (a newer server revision in its next pull). Nothing purged stays
// in the SQLite file or its WAL. The retention period is a setting with a reminder. Both engines.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { engines, makeRecord, op } from './fixtures';
import { makeWorld, type World } from './harness';
import type { ServerRecord } from '../../src/sync/protocol';
import type { Actor } from '../../src/server/store';
import { dueBefore } from '../../src/server/retention';

const SURNAME = '鍾離';
const EXTENSION = '98765';
const OLD = '2025-03-10T10:00:00+08:00';
const CUTOFF = '2026-01-01T00:00:00+08:00';

for (const engine of engines) {
  describe.skipIf(engine.skip)(`personal data on ${engine.name}`, { timeout: 60_000 }, () => {
    let world: World;
    let tester: Actor;
    let admin: Actor;
    beforeEach(async () => {
      world = await makeWorld(engine);
      tester = { userId: world.users.tester.id, role: 'tester', unitIds: [] };
      admin = { userId: world.users.admin.id, role: 'admin', unitIds: [] };
    });
    afterEach(async () => world.cleanup());

    const serverCopy = async (id: string) => (await world.store.listTests({ includeDeleted: true })).find((t) => t.id === id)!;
    const personal = (r: object) => JSON.stringify(r).includes(SURNAME) || JSON.stringify(r).includes(EXTENSION);

    it('clears the surname and extension in history[] as well', async () => {
      // The record contract (issue 9) no longer lets a push put them into history[]; records stored before
      // it may still have them there, as planted here behind the store's back.
      const record = makeRecord(world.unitA.id, { testedAt: OLD, answererSurname: SURNAME, extension: EXTENSION });
      expect((await world.store.push(tester, 'phone', [op(record)]))[0].status).toBe('applied');
      const [row] = await world.query('select record from tests where id = ?', [record.id]);
      const legacy = JSON.parse(String(row.record));
      legacy.history = [{ savedAt: OLD, status: 'completed', answers: {}, answererSurname: SURNAME, extension: EXTENSION }];
      await world.query('update tests set record = ? where id = ?', [JSON.stringify(legacy), record.id]);
      expect(await world.store.purgePersonalData(CUTOFF)).toBe(1);
      const stored = await serverCopy(record.id);
      expect(stored).toMatchObject({ answererSurname: '', extension: '', rev: 2 });
      expect(personal(stored)).toBe(false);
      expect(stored.history).toHaveLength(1);
    });

    it('a late push of an old test (never seen before the purge) is stored without the personal data, and its device is told', async () => {
      await world.store.purgePersonalData(CUTOFF);
      const late = makeRecord(world.unitA.id, { testedAt: OLD, answererSurname: SURNAME, extension: EXTENSION });
      const [result] = await world.store.push(tester, 'phone', [op(late)]);
      expect(result).toMatchObject({ status: 'applied', rev: 1 });
      const stored = await serverCopy(late.id);
      expect(personal(stored)).toBe(false);
      expect(stored.score?.total).toBe(79); // the rest of the test is kept
      // The sending device's next pull brings a newer revision without the personal data.
      const pulled = await world.store.pull(tester, 0, 100, { exceptClientId: 'phone' });
      expect(pulled.changes).toContainEqual(expect.objectContaining({ id: late.id, rev: 2, answererSurname: '', extension: '' }));
      // A test after the cut-off keeps its personal data as usual.
      const recent = makeRecord(world.unitA.id, { answererSurname: SURNAME });
      await world.store.push(tester, 'phone', [op(recent)]);
      expect((await serverCopy(recent.id)).answererSurname).toBe(SURNAME);
    });

    it('「保留我的」 after a stale-edit conflict cannot put the surname back', async () => {
      const record = makeRecord(world.unitA.id, { testedAt: OLD, answererSurname: SURNAME, extension: EXTENSION });
      await world.store.push(tester, 'phone', [op(record)]);
      await world.store.purgePersonalData(CUTOFF); // server now at rev 2, purged
      // The phone edits its rev-1 copy (still holding the surname): a conflict with the purged rev 2 …
      const [conflict] = await world.store.push(tester, 'phone', [op({ ...record, baseRev: 1, switchboardNumber: '02-1111' })]);
      expect(conflict.status).toBe('conflict');
      expect(personal(conflict.record!)).toBe(false);
      // … resolved as "keep mine": pushed again on top of the server's revision, surname and all.
      const [mine] = await world.store.push(tester, 'phone', [op({ ...record, baseRev: 2, switchboardNumber: '02-1111' })]);
      expect(mine.status).toBe('applied');
      const stored = await serverCopy(record.id);
      expect(stored.switchboardNumber).toBe('02-1111');
      expect(personal(stored)).toBe(false);
      const pulled = await world.store.pull(tester, 0, 100, { exceptClientId: 'phone' });
      const latest = pulled.changes.filter((c) => c.id === record.id).pop() as ServerRecord;
      expect(latest.rev).toBeGreaterThan(mine.rev!);
      expect(latest.answererSurname).toBe('');
      // An admin correction cannot bring it back either.
      await world.store.push(admin, 'desk', [op({ ...record, baseRev: stored.rev, answererSurname: SURNAME })]);
      expect(personal(await serverCopy(record.id))).toBe(false);
    });

    it('leaves nothing purged in what the database keeps (SQLite: the file and its WAL; PostgreSQL: every row and kept revision)', async () => {
      const records = Array.from({ length: 20 }, () => makeRecord(world.unitA.id, { testedAt: OLD, answererSurname: SURNAME, extension: `${EXTENSION}` }));
      await world.store.push(tester, 'phone', records.map((r) => op(r)));
      if (engine.name === 'sqlite') {
        const file = (await world.query('pragma database_list'))[0].file as string;
        const bytes = () => Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
        expect(bytes().includes(Buffer.from(SURNAME))).toBe(true); // the probe finds it before the purge
        await world.store.purgePersonalData(CUTOFF);
        expect(bytes().includes(Buffer.from(SURNAME))).toBe(false);
        expect(bytes().includes(Buffer.from(`"extension":"${EXTENSION}"`))).toBe(false);
      } else {
        // PostgreSQL's pages are not ours to read; what it keeps is every live row, the kept
        // revisions, and dead row versions until VACUUM, which the purge runs.
        const holding = async () =>
          Number((await world.query(`select (select count(*) from tests where record like '%${SURNAME}%') + (select count(*) from test_revisions where record like '%${SURNAME}%') as n`))[0].n);
        expect(await holding()).toBeGreaterThan(0);
        await world.store.purgePersonalData(CUTOFF);
        expect(await holding()).toBe(0);
      }
    });

    it('keeps the retention period as a setting and reminds admins when a purge is due (audited)', async () => {
      const admin = await world.as('admin');
      const initial = await admin.get('/api/admin/retention');
      expect(initial.status).toBe(200);
      expect(initial.body).toMatchObject({ months: 36, due: 0 });
      const old = makeRecord(world.unitA.id, { testedAt: '2022-05-01T10:00:00+08:00' });
      expect((await world.store.push(tester, 'phone', [op(old)]))[0].status).toBe('applied');
      expect((await admin.get('/api/admin/retention')).body.due).toBe(1);
      expect((await admin.send('PUT', '/api/settings/retention', { json: { months: 0 } })).status).toBe(400);
      const set = await admin.send('PUT', '/api/settings/retention', { json: { months: 12 } });
      expect(set.body).toEqual({ months: 12 });
      const status = (await admin.get('/api/admin/retention')).body;
      expect(status.months).toBe(12);
      expect(status.dueBefore).toBe(dueBefore(12));
      await admin.post('/api/admin/purge-personal-data', { before: status.dueBefore });
      expect((await admin.get('/api/admin/retention')).body).toMatchObject({ due: 0, purgedBefore: new Date(status.dueBefore).toISOString() });
      expect((await world.store.listAudit(20)).some((a) => a.action === 'settings.retention' && a.detail === 'months 36 → 12')).toBe(true);
      expect((await (await world.as('tester')).get('/api/admin/retention')).status).toBe(403);
    });
  });
}

describe('the retention cut-off', () => {
  it('is midnight in Taipei on the first of the month, N months before this one', () => {
    expect(dueBefore(36, new Date('2026-12-02T01:00:00Z'))).toBe('2023-11-30T16:00:00.000Z');
    expect(dueBefore(1, new Date('2026-01-15T00:00:00Z'))).toBe('2025-11-30T16:00:00.000Z');
    // 31 December 20:00 UTC is already 1 January in Taipei.
    expect(dueBefore(12, new Date('2026-12-31T20:00:00Z'))).toBe('2025-12-31T16:00:00.000Z');
  });
});
