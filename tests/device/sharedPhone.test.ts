// A phone shared by several accounts: each account's unsent tests are sent only under that
// account, sign-out can remove what the server already holds, and refused tests go again by themselves.
import { describe, expect, it } from 'vitest';
import { details, newPhone } from './helpers';

describe('a shared phone', () => {
  it('sends only the signed-in account’s tests (and tests made without an account)', async () => {
    const device = await newPhone().open();
    const mine = await device.createTest({ ...details, testerId: 'user-a' });
    const theirs = await device.createTest({ ...details, testerId: 'user-b' });
    const anonymous = await device.createTest(details);
    device.syncStore.setOwner('user-a');
    const ops = await device.syncStore.pendingOps(10);
    expect(ops.map((op) => op.record.id).sort()).toEqual([mine.id, anonymous.id].sort());
    expect(await device.syncStore.pendingCount()).toBe(2);
    device.syncStore.setOwner('user-b');
    expect((await device.syncStore.pendingOps(10)).map((op) => op.record.id)).toContain(theirs.id);
    device.close();
  });

  it('another account’s tests at the head of the queue never block the signed-in one’s', async () => {
    const device = await newPhone().open();
    for (let i = 0; i < 5; i++) await device.createTest({ ...details, testerId: 'user-b' });
    const mine = await device.createTest({ ...details, testerId: 'user-a' });
    device.syncStore.setOwner('user-a');
    expect((await device.syncStore.pendingOps(2)).map((op) => op.record.id)).toEqual([mine.id]);
    device.close();
  });

  it('sign-out removes the tests the server holds exactly, and keeps every unsent one', async () => {
    const device = await newPhone().open();
    const unsent = await device.createTest({ ...details, testerId: 'user-b' });
    // Pulled from the server (someone else's, with their answerer's surname), made on another phone.
    const other = await newPhone('other').open();
    const { sync: _s, rev: _r, ...remote } = await other.createTest({ ...details, answererSurname: '陳' });
    other.close();
    const pulledId = remote.id;
    await device.syncStore.applyPulled([{ ...remote, rev: 3, seq: 7, score: null, quarter: '115-Q4' }], 7);
    expect(await device.getTest(pulledId)).toBeDefined();
    const { removed, kept } = await device.forgetServerCopies();
    expect({ removed, kept }).toEqual({ removed: 1, kept: 1 });
    expect(await device.getTest(pulledId)).toBeUndefined();
    expect(await device.getTest(unsent.id)).toBeDefined();
    expect(await device.syncStore.getCursor()).toBe(0);
    device.close();
  });

  it('a refused test is queued again once a while has passed, and not before', async () => {
    const device = await newPhone().open();
    const test = await device.createTest(details);
    const [op] = await device.syncStore.pendingOps(1);
    await device.syncStore.applyPushResults([{ opId: op.opId, status: 'rejected', error: 'quarter 115-Q4 is closed' }]);
    expect((await device.getTest(test.id))?.sync).toMatchObject({ state: 'rejected', error: 'quarter 115-Q4 is closed' });
    expect(await device.syncStore.pendingCount()).toBe(0);
    expect(await device.syncStore.requeueRejected(60_000)).toBe(0);
    expect(await device.syncStore.requeueRejected(0)).toBe(1);
    expect(await device.syncStore.pendingCount()).toBe(1);
    // Once queued it is not queued twice.
    expect(await device.syncStore.requeueRejected(0)).toBe(0);
    device.close();
  });
});
