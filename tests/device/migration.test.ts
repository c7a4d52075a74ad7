// Opens a database left by the first release (frozen fixture), lets the current app upgrade it,
// and checks every test came through intact and queued for sync.
import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { currentSheet, score } from '../../src/scoresheet';
import fixture from './fixtures/device-db.v1.json';
import { newPhone } from './helpers';

async function seedV1(phone: ReturnType<typeof newPhone>) {
  // The v1 schema as frozen in the fixture: what the old app declared, not what the code says now.
  const old = new Dexie(phone.name, { indexedDB: phone.idb, IDBKeyRange });
  old.version(fixture.schemaVersion).stores(fixture.stores);
  await old.open();
  await old.table('tests').bulkAdd(fixture.tests);
  await old.table('answers').bulkAdd(fixture.answers);
  old.close();
}

describe('device database upgrade v1 → v2', () => {
  it('keeps every test, its details and its answers, and queues each for sync', async () => {
    const phone = newPhone();
    await seedV1(phone);
    const device = await phone.open();
    const tests = await device.listTests();
    expect(tests).toHaveLength(fixture.tests.length);

    for (const old of fixture.tests) {
      const test = (await device.getTest(old.id))!;
      expect(test).toBeDefined();
      expect(test).toMatchObject({
        id: old.id,
        unitId: (old as { unitId?: string }).unitId ?? '',
        unitName: old.unitName,
        switchboardNumber: old.switchboardNumber,
        answererSurname: old.answererSurname,
        extension: old.extension,
        testerName: old.testerName,
        testedAt: old.testedAt,
        status: old.status,
        createdAt: old.createdAt,
        updatedAt: old.updatedAt,
        sheet: { id: 'bsmi-fubiao3', version: old.sheetVersion },
        attempts: [],
        history: [],
        rev: 0,
        sync: { state: 'local' },
      });
      const expected = Object.fromEntries(fixture.answers.filter((a) => a.testId === old.id).map((a) => [a.itemId, a.value]));
      expect(test.answers).toEqual(expected);
    }

    // The completed one still scores as before (the spec's example: 79).
    const completed = (await device.getTest(fixture.tests[0].id))!;
    expect(score(currentSheet, { format: 'courtesy-answers/1', answers: completed.answers }).total).toBe(79);
    // Read-only rules apply to migrated completed tests too.
    await expect(device.setAnswer(completed.id, '2.2.2', false)).rejects.toMatchObject({ kind: 'readonly' });

    const ops = await device.syncStore.pendingOps(10);
    expect(ops.map((op) => op.record.id).sort()).toEqual(fixture.tests.map((t) => t.id).sort());
    expect(ops.every((op) => op.record.baseRev === 0)).toBe(true);
    device.close();
  });

  it('the upgraded database opens again without a second migration (nothing doubled)', async () => {
    const phone = newPhone();
    await seedV1(phone);
    const first = await phone.open();
    const tests = await first.listTests();
    const pending = await first.syncStore.pendingCount();
    first.close();
    const second = await phone.open();
    expect(await second.listTests()).toEqual(tests);
    expect(await second.syncStore.pendingCount()).toBe(pending);
    second.close();
  });

  it('drops the old per-item answers table', async () => {
    const phone = newPhone();
    await seedV1(phone);
    (await phone.open()).close();
    const raw = new Dexie(phone.name, { indexedDB: phone.idb, IDBKeyRange });
    await raw.open(); // dynamic mode: the schema as it is on disk
    expect(raw.tables.map((t) => t.name).sort()).toEqual(['live', 'meta', 'outbox', 'tests']);
    raw.close();
  });
});

describe('device database upgrade v2 → v3 (live-call tools table)', () => {
  it('keeps every test and its queue, and starts with no live tools', async () => {
    const phone = newPhone();
    // A database as the v2 release left it: the fixture's tests in the v2 record shape, each queued.
    const { SCHEMA_V1, SCHEMA_V2, testFromV1 } = await import('../../src/device/schema');
    const v2 = new Dexie(phone.name, { indexedDB: phone.idb, IDBKeyRange });
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const tests = fixture.tests.map((old) => testFromV1(old as never, fixture.answers.filter((a) => a.testId === old.id) as never));
    await v2.table('tests').bulkAdd(tests);
    await v2.table('outbox').bulkAdd(tests.map((t) => ({ opId: `op-${t.id}`, testId: t.id, createdAt: t.updatedAt, attempted: false, snapshot: t })));
    v2.close();

    const device = await phone.open();
    expect(await device.listTests()).toEqual([...tests].sort((a, b) => Date.parse(b.testedAt) - Date.parse(a.testedAt) || b.createdAt.localeCompare(a.createdAt)));
    expect(await device.syncStore.pendingCount()).toBe(tests.length);
    for (const t of tests) expect(await device.liveOf(t.id)).toEqual([]);
    device.close();
  });
});
