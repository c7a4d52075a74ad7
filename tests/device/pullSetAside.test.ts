// A pulled page holding a record the device cannot store never aborts the page: that one is set aside
// (and listed for the user), every other change is stored, and the cursor moves on.
import { describe, expect, it } from 'vitest';
import type { ServerRecord } from '../../src/sync/protocol';
import { details, newPhone } from './helpers';

function serverRecord(id: string, seq: number, patch: Record<string, unknown> = {}): ServerRecord {
  const at = '2026-11-20T02:00:00.000Z';
  return {
    id,
    ...details,
    unitId: 'unit-1',
    testedAt: at,
    sheet: { id: 'bsmi-fubiao3', version: 1 },
    answers: { voiceSystem: true },
    attempts: [],
    status: 'draft',
    history: [],
    createdAt: at,
    updatedAt: at,
    rev: 1,
    seq,
    score: null,
    quarter: '115-Q4',
    ...patch,
  } as ServerRecord;
}

describe('a pull page with records the device cannot store', () => {
  it('sets aside only those, stores the rest and moves the cursor past all of them', async () => {
    const device = await newPhone().open();
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { x: deep };
    const good = [crypto.randomUUID(), crypto.randomUUID()];
    const nested = crypto.randomUUID();
    const long = crypto.randomUUID();
    const page = [
      serverRecord(good[0], 1),
      serverRecord(nested, 2, { extra: deep }),
      serverRecord(long, 3, { unitName: '單'.repeat(5000) }),
      { id: 42, rev: 'x' },
      serverRecord(good[1], 5),
    ];
    const { setAside } = await device.syncStore.applyPulled(page, 5);
    expect(setAside).toBe(3);
    expect((await device.listTests()).map((t) => t.id).sort()).toEqual([...good].sort());
    expect(await device.syncStore.getCursor()).toBe(5);
    const listed = await device.syncStore.setAsidePulls();
    expect(listed.map((s) => s.id)).toEqual([nested, long, '']);
    expect(listed[0].errors[0]).toMatchObject({ field: 'extra', rule: 'unknown key' });
    expect(listed[1].errors[0]).toMatchObject({ field: 'unitName', rule: 'max length', message: { zh: expect.stringContaining('100') } });
    device.close();
  });
});
