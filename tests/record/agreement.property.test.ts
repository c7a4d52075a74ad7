// The device and the server accept exactly the same records, and give the same reason for a refusal:
// fast-check draws records (valid ones, and valid ones broken in one or two of the ways a careless or
// hostile client breaks them) and hands each to a real device (fake-indexeddb; backup import, which
// takes a whole record) and to a real server store (SQLite push), under the same clock and unit list.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDevice, type Device } from '../../src/device';
import { BACKUP_FORMAT } from '../../src/device/backup';
import { openStore, type ServerStore, type Unit, type User } from '../../src/server/store';
import { completeAnswers, invalidCase, validAnswers } from '../scoresheet/arbitraries';

const NOW = '2026-11-30T04:00:00.000Z';
const FIELDS = ['id', 'unitId', 'unitName', 'switchboardNumber', 'answererSurname', 'extension', 'testerName', 'testedAt', 'sheet', 'answers', 'attempts', 'status', 'history', 'createdAt', 'updatedAt'];

type Rec = Record<string, unknown>;
type Mutation = (r: Rec, unit: string) => Rec;

const instant = fc.date({ min: new Date('2022-02-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

/** Ways records go wrong in the field (the findings of the record-contract issue among them). */
const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom<Mutation>(
    (r) => ({ ...r, answererFullName: '王小明' }),
    (r) => ({ ...r, history: [{ savedAt: NOW, status: 'completed', answers: {}, surname: '王' }] }),
    (r) => ({ ...r, id: 'not-a-uuid' }),
    (r) => ({ ...r, testedAt: '1900-01-01T00:00:00Z' }),
    (r) => ({ ...r, testedAt: '2911-06-01T00:00:00Z' }),
    (r) => ({ ...r, testedAt: '2021-12-31T00:00:00+08:00' }),
    (r) => ({ ...r, testedAt: '2026-12-05T00:00:00Z' }),
    (r) => ({ ...r, testedAt: 'yesterday' }),
    (r) => ({ ...r, status: 'completed', answers: {} }),
    (r) => ({ ...r, status: 'completed', unitId: '' }),
    (r) => ({ ...r, unitId: 'no-such-unit' }),
    (r) => ({ ...r, unitName: '單'.repeat(101) }),
    (r) => ({ ...r, extension: 42 }),
    (r) => ({ ...r, attempts: [{ at: NOW }] }),
    (r) => ({ ...r, attempts: Array.from({ length: 21 }, () => ({ at: NOW, outcome: 'unanswered' })) }),
    (r) => ({ ...r, sheet: { id: 'bsmi-fubiao3', version: 99 } }),
    (r) => ({ ...r, sheet: { id: 'bsmi-fubiao3' } }),
    (r) => ({ ...r, deleted: 'yes' }),
    (r) => ({ ...r, answers: { ...(r.answers as Rec), '1.2': { outcome: 'unansweredTwice' } } }),
    (r) => ({ ...r, answers: { ...(r.answers as Rec), '1.2': { outcome: { deep: { er: 1 } } } } }),
    (r) => ({ ...r, retestOverride: { reason: '' } }),
    (r) => ({ ...r, score: { total: 100 } }),
  ),
  fc.constantFrom(...FIELDS).map<Mutation>((field) => (r) => {
    const { [field]: _gone, ...rest } = r;
    return rest;
  }),
  invalidCase.map<Mutation>((c) => (r) => ({ ...r, answers: (c.doc as { answers: Rec }).answers })),
);

const baseRecord = (unit: string) =>
  fc
    .record({
      status: fc.constantFrom('draft', 'completed'),
      answers: fc.oneof(validAnswers, completeAnswers),
      testedAt: instant,
      surname: fc.constantFrom('王', '歐陽', ''),
      attempts: fc.array(fc.record({ at: instant, outcome: fc.constantFrom('answered', 'unanswered', 'outOfOrder') }), { maxLength: 3 }),
      typedOnly: fc.boolean(),
    })
    .map(
      (g): Rec => ({
        id: crypto.randomUUID(),
        unitId: g.typedOnly ? '' : unit,
        unitName: '第一課',
        switchboardNumber: '02-2343-1700',
        answererSurname: g.surname,
        extension: '1234',
        testerName: '林',
        testedAt: g.testedAt,
        sheet: { id: 'bsmi-fubiao3', version: 1 },
        answers: g.answers,
        attempts: g.attempts,
        status: g.status,
        history: [],
        createdAt: g.testedAt,
        updatedAt: g.testedAt,
      }),
    );

/** (field, rule) pairs of a refusal, the device's `tests[0].` prefix taken off. */
const reasons = (errors: Array<{ field: string; rule: string }>) =>
  errors.map((e) => `${e.field.replace(/^tests\[0\]\.?/, '')} ${e.rule}`).sort();

describe('device and server agree on every record', () => {
  let dir: string;
  let store: ServerStore;
  let unit: Unit;
  let tester: User;
  let device: Device;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'courtesy-agree-'));
    store = await openStore({ file: join(dir, 's.sqlite') });
    unit = await store.createUnit({ name: '第一課' });
    tester = await store.createUser({ username: 'tester1', password: 'tester-pass-1', role: 'tester' });
    device = await openDevice('agreement', { indexedDB: new IDBFactory(), IDBKeyRange, now: () => NOW });
    await device.rememberUnits([unit.id]);
  });
  afterAll(async () => {
    device?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts and refuses the same records, for the same reasons', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => baseRecord(unit.id)),
        fc.array(mutations, { maxLength: 2 }),
        async (base, broken) => {
          const record = broken.reduce<Rec>((r, m) => m(r, unit.id), { ...base, id: crypto.randomUUID() });
          const file = JSON.stringify({ format: BACKUP_FORMAT, exportedAt: NOW, tests: [{ ...record, rev: 0 }] });
          const onDevice = await device.importBackup(file);
          const [onServer] = await store.push({ userId: tester.id, role: 'tester', unitIds: [] }, 'prop', [{ opId: crypto.randomUUID(), record: { ...record, baseRev: 0 } as never }], new Date(NOW));
          const deviceOk = onDevice.added === 1;
          expect(onServer.status === 'applied', JSON.stringify({ record, onDevice, onServer })).toBe(deviceOk);
          if (!deviceOk) {
            expect(reasons(onDevice.errors)).toEqual(reasons(onServer.errors ?? []));
            for (const e of onDevice.errors) expect(e.message.zh.length).toBeGreaterThan(0);
          }
          seen[deviceOk ? 'accepted' : 'refused']++;
        },
      ),
      { numRuns: 300 },
    );
    // The draw exercised both sides of the contract.
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });
});
