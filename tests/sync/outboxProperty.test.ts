// Property: whatever the order of taps, sends and lost replies, one device that finally gets its
// replies ends with the server holding exactly its tests, each change applied once, no conflicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushResult } from '../../src/sync/protocol';
import { details, newPhone } from '../device/helpers';
import { ContractServer } from './contractServer';

type Action =
  | { kind: 'create' }
  | { kind: 'answer'; test: number; value: boolean }
  | { kind: 'discard'; test: number }
  | { kind: 'send'; lostReply: boolean; limit: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'create' as const }),
  fc.record({ kind: fc.constant('answer' as const), test: fc.nat(4), value: fc.boolean() }),
  fc.record({ kind: fc.constant('discard' as const), test: fc.nat(4) }),
  fc.record({ kind: fc.constant('send' as const), lostReply: fc.boolean(), limit: fc.integer({ min: 1, max: 3 }) }),
);

describe('outbox under lost replies (property)', () => {
  it('converges to the device state with every op applied exactly once', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        const device = await newPhone(`prop-${run++}`).open();
        const server = new ContractServer(); // used in-process: apply() only, never started
        const statuses: PushResult['status'][] = [];
        const ids: string[] = [];
        const send = async (limit: number, lostReply: boolean) => {
          const ops = await device.syncStore.pendingOps(limit);
          const results = ops.map((op) => server.apply(structuredClone(op)));
          statuses.push(...results.map((r) => r.status));
          if (!lostReply) await device.syncStore.applyPushResults(results);
        };
        try {
          for (const a of actions) {
            const live = (await device.listTests()).map((t) => t.id);
            if (a.kind === 'create') ids.push((await device.createTest(details)).id);
            else if (a.kind === 'answer' && live.length) await device.setAnswer(live[a.test % live.length], 'voiceSystem', a.value);
            else if (a.kind === 'discard' && live.length) await device.discardTest(live[a.test % live.length]);
            else if (a.kind === 'send') await send(a.limit, a.lostReply);
          }
          // The network is back for good.
          for (let i = 0; i < 100 && (await device.syncStore.pendingCount()) > 0; i++) await send(10, false);

          expect(await device.syncStore.pendingCount()).toBe(0);
          expect(statuses).not.toContain('conflict');
          expect(statuses).not.toContain('rejected');
          const local = await device.listTests();
          for (const test of local) {
            const remote = server.records.get(test.id) as { answers?: unknown; rev: number } | undefined;
            expect(remote?.answers).toEqual(test.answers);
            expect(test.sync).toMatchObject({ state: 'confirmed', rev: remote!.rev });
          }
          // Discarded tests: gone from the device; on the server either never sent or a tombstone.
          for (const id of ids.filter((id) => !local.some((t) => t.id === id))) {
            const remote = server.records.get(id) as { deleted?: boolean } | undefined;
            expect(remote === undefined || remote.deleted === true).toBe(true);
          }
          // Exactly once: every applied op has its own revision.
          expect(server.ops.size).toBe(statuses.filter((s) => s === 'applied').length);
        } finally {
          device.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
