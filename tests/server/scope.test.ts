// Issue 12, scope changes reach devices: when a test leaves a unit head's scope — moved to another unit,
// deleted after the move, or the head no longer heads its unit — the head's device gets a tombstone
// in its pull. Both engines.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { engines, makeRecord, op } from './fixtures';
import { makeWorld, type World } from './harness';
import type { Actor, User } from '../../src/server/store';
import type { Change } from '../../src/sync/protocol';
import { pullPath } from '../support/wire';

const actorOf = (u: User): Actor => ({ userId: u.id, role: u.role, unitIds: u.unitIds });

/** A device's view: apply a pull's changes (records replace, tombstones remove) to what it holds. */
function apply(held: Map<string, number>, changes: Change[]) {
  for (const c of changes) {
    if ('deleted' in c && c.deleted) held.delete(c.id);
    else held.set(c.id, c.rev);
  }
}

for (const engine of engines) {
  describe.skipIf(engine.skip)(`scope changes on ${engine.name}`, () => {
    let world: World;
    beforeEach(async () => {
      world = await makeWorld(engine);
    });
    afterEach(async () => world.cleanup());

    const pullAll = async (actor: Actor, since: number) => {
      const changes: Change[] = [];
      let cursor = since;
      for (;;) {
        const page = await world.store.pull(actor, cursor, 2);
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.more) return { changes, cursor };
      }
    };

    it('a test moved to another unit, and later deleted, leaves the first head’s device', async () => {
      const tester = actorOf(world.users.tester);
      const head = actorOf(world.users.head); // heads unit A
      const headB = actorOf(world.users.headB);
      const record = makeRecord(world.unitA.id);
      const other = makeRecord(world.unitA.id);
      await world.store.push(tester, 'phone', [op(record), op(other)]);
      const device = new Map<string, number>();
      let { changes, cursor } = await pullAll(head, 0);
      apply(device, changes);
      expect([...device.keys()].sort()).toEqual([record.id, other.id].sort());

      await world.store.push(tester, 'phone', [op({ ...record, baseRev: 1, unitId: world.unitB.id, unitName: '嘉義辦事處' })]);
      ({ changes, cursor } = await pullAll(head, cursor));
      expect(changes).toEqual([expect.objectContaining({ id: record.id, deleted: true })]);
      apply(device, changes);
      expect([...device.keys()]).toEqual([other.id]);
      // Unit B's head now has it.
      expect((await pullAll(headB, 0)).changes.map((c) => c.id)).toContain(record.id);

      // Deleted later in unit B: head B gets the tombstone; head A has nothing left to drop.
      await world.store.push(tester, 'phone', [op({ ...record, baseRev: 2, unitId: world.unitB.id, deleted: true })]);
      expect((await pullAll(head, cursor)).changes).toEqual([]);
      const fresh = new Map<string, number>();
      apply(fresh, (await pullAll(head, 0)).changes); // a new device of head A never sees it
      expect([...fresh.keys()]).toEqual([other.id]);

      // Moved back: it returns to head A as a record, not a tombstone.
      const back = makeRecord(world.unitB.id);
      await world.store.push(tester, 'phone', [op(back)]);
      await world.store.push(tester, 'phone', [op({ ...back, baseRev: 1, unitId: world.unitA.id })]);
      const again = await pullAll(head, cursor);
      apply(device, again.changes);
      expect(device.has(back.id)).toBe(true);
    });

    it("when a head's units change over the API, their device drops the tests of the unit they left", async () => {
      const tester = actorOf(world.users.tester);
      const a1 = makeRecord(world.unitA.id);
      const b1 = makeRecord(world.unitB.id);
      await world.store.push(tester, 'phone', [op(a1), op(b1)]);
      const headClient = await world.as('head');
      const device = new Map<string, number>();
      const first = (await headClient.get(pullPath('since=0'))).body;
      apply(device, first.changes);
      expect([...device.keys()]).toEqual([a1.id]);

      const admin = await world.as('admin');
      expect((await admin.send('PATCH', `/api/users/${world.users.head.id}`, { json: { unitIds: [world.unitB.id] } })).status).toBe(200);
      const next = (await headClient.get(pullPath(`since=${first.cursor}`))).body;
      apply(device, next.changes);
      expect(device.has(a1.id)).toBe(false);
      expect(next.changes).toContainEqual(expect.objectContaining({ id: a1.id, deleted: true }));
      // The unit they now head: its tests reach a fresh pull.
      const fresh = new Map<string, number>();
      apply(fresh, (await headClient.get(pullPath('since=0'))).body.changes);
      expect([...fresh.keys()]).toEqual([b1.id]);
      // Other readers are untouched: head B and the tester keep their tests.
      expect((await world.store.pull(actorOf(world.users.headB), 0, 100)).changes.map((c) => c.id)).toEqual([b1.id]);
      expect((await world.store.pull(tester, 0, 100)).changes.filter((c) => 'deleted' in c && c.deleted)).toEqual([]);
      // The unit they now head came into scope after their cursor: its tests arrive in the next pull.
      expect(next.changes).toContainEqual(expect.objectContaining({ id: b1.id, unitId: world.unitB.id }));
      apply(device, next.changes);
      expect([...device.keys()]).toEqual([b1.id]);
      // Given unit A back, their device gets its tests again.
      await admin.send('PATCH', `/api/users/${world.users.head.id}`, { json: { unitIds: [world.unitA.id, world.unitB.id] } });
      apply(device, (await headClient.get(pullPath(`since=${next.cursor}`))).body.changes);
      expect([...device.keys()].sort()).toEqual([a1.id, b1.id].sort());
    });
  });
}
