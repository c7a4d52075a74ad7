// The open test's store: an undoable clear restores exactly, the live tools are saved state that
// fill the item, and the running total stays through in-between answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange } from 'fake-indexeddb';
import { useDeviceStore } from '../../../src/app/state/deviceStore';
import { useTestStore } from '../../../src/app/state/testStore';
import { scoreOf } from '../../../src/app/list/testScore';
import { openDevice } from '../../../src/device';
import { freshDbName, idb } from '../support';

const details = { unitId: '', unitName: '第一課', switchboardNumber: '02', answererSurname: '王', extension: '12', testerName: '林' };

async function settle() {
  for (let i = 0; i < 2000 && useTestStore.getState().pending > 0; i++) await new Promise((r) => setTimeout(r, 5));
}

let name = '';
beforeEach(async () => {
  name = freshDbName();
  await useDeviceStore.getState().init(() => openDevice(name, { indexedDB: idb, IDBKeyRange }));
});
afterEach(async () => {
  // A test's writes still on their way would count down the next test's `pending`.
  await settle();
  useDeviceStore.getState().device?.close();
  useDeviceStore.getState().reset();
  useTestStore.setState({ test: null, openedId: null, pending: 0, live: {}, undo: null });
});

async function reopen(id: string) {
  useDeviceStore.getState().device?.close();
  useDeviceStore.getState().reset();
  useTestStore.setState({ test: null, openedId: null, pending: 0, live: {}, undo: null });
  await useDeviceStore.getState().init(() => openDevice(name, { indexedDB: idb, IDBKeyRange }));
  await useTestStore.getState().open(id);
}

describe('undoable clears', () => {
  it('否 on the voice system says what it cleared, and undo restores exactly (on the device too)', async () => {
    const store = useTestStore.getState();
    const test = (await store.start(details))!;
    store.answer('voiceSystem', true);
    for (const [id, v] of [['1.1.1', 'a'], ['1.1.2', 'b'], ['1.1.3', 'a'], ['1.1.4', 'a']] as const) store.answer(id, v);
    await settle();
    const before = structuredClone(useTestStore.getState().test!.answers);
    store.answer('voiceSystem', false);
    const undo = useTestStore.getState().undo!;
    expect(undo.cleared).toEqual(['voiceSystem', '1.1.1', '1.1.2', '1.1.3', '1.1.4'].filter((x) => x !== 'voiceSystem'));
    expect(useTestStore.getState().test!.answers['1.1.1']).toBeUndefined();
    useTestStore.getState().undoClear();
    await settle();
    expect(useTestStore.getState().test!.answers).toEqual(before);
    expect(useTestStore.getState().undo).toBeNull();
    expect((await useDeviceStore.getState().device!.getTest(test.id))!.answers).toEqual(before);
  });

  it('a tap that clears nothing offers no undo', async () => {
    const store = useTestStore.getState();
    await store.start(details);
    store.answer('1.3.1', true);
    expect(useTestStore.getState().undo).toBeNull();
  });
});

describe('live tools as saved state', () => {
  it('a ring count alone fills the item on 「已接聽」, and every ring survives a reopen', async () => {
    const store = useTestStore.getState();
    const test = (await store.start(details))!;
    store.ring('1.2');
    store.ring('1.2');
    store.ring('1.2');
    await settle();
    await reopen(test.id);
    expect(useTestStore.getState().live['1.2']).toMatchObject({ count: 3 });
    useTestStore.getState().answered('1.2');
    await settle();
    // The first ring also started the stopwatch (nobody tapped 「開始計時」), so seconds come too.
    expect(useTestStore.getState().test!.answers['1.2']).toMatchObject({ outcome: 'answered', rings: 3 });
    const saved = (await useDeviceStore.getState().device!.getTest(test.id))!.answers['1.2'] as { rings: number; seconds: number };
    expect(saved.rings).toBe(3);
    expect(saved.seconds).toBeGreaterThanOrEqual(0);
  });

  it('the stopwatch start survives a reopen and 「已接聽」 takes the seconds since then', async () => {
    const store = useTestStore.getState();
    const test = (await store.start(details))!;
    store.startTimer('2.1.1');
    await settle();
    const startedAt = useTestStore.getState().live['2.1.1'].startedAt!;
    await reopen(test.id);
    expect(useTestStore.getState().live['2.1.1'].startedAt).toBe(startedAt);
    useTestStore.getState().answered('2.1.1');
    await settle();
    const answer = useTestStore.getState().test!.answers['2.1.1'] as { outcome: string; seconds: number };
    expect(answer.outcome).toBe('answered');
    expect(answer.seconds).toBeGreaterThan(0);
    // The rules still run: someone answered, so 2.1.2 is N/A.
    expect(useTestStore.getState().test!.answers['2.1.2']).toBe('na');
  });

  it('answered first, rings after: the count follows into the item, and the total never disappears', async () => {
    const store = useTestStore.getState();
    await store.start(details);
    store.answer('voiceSystem', false);
    store.answer('1.2', { outcome: 'answered' });
    const between = scoreOf(useTestStore.getState().test!);
    expect(between.ok).toBe(true);
    if (between.ok) {
      expect(between.unfinished).toEqual(['1.2']);
      expect(between.result.missing).toContain('1.2');
    }
    store.ring('1.2');
    store.ring('1.2');
    expect(useTestStore.getState().test!.answers['1.2']).toEqual({ outcome: 'answered', rings: 2 });
    const after = scoreOf(useTestStore.getState().test!);
    expect(after.ok && after.unfinished).toBeFalsy();
    expect(after.ok && after.result.items['1.2'].points).toBe(25); // 2 rings → 10, ×2.5 without a voice system
  });
});

describe('the list beside the open test', () => {
  it('takes a tap as the one test it changed: no reload of the whole list, the other rows kept as they were', async () => {
    const device = useDeviceStore.getState().device!;
    const others = [await device.createTest(details), await device.createTest(details)];
    const test = await useTestStore.getState().start(details);
    await useDeviceStore.getState().refresh();
    await useTestStore.getState().open(test!.id);
    const before = useDeviceStore.getState().tests;
    expect(before).toHaveLength(3);
    const listTests = device.listTests.bind(device);
    let wholeListReads = 0;
    device.listTests = () => (wholeListReads++, listTests());
    try {
      useTestStore.getState().answer('voiceSystem', false);
      await settle();
      // The list learns of the write through the device's change feed, after the commit.
      for (let i = 0; i < 200 && useDeviceStore.getState().tests.find((t) => t.id === test!.id)?.answers.voiceSystem !== false; i++) await new Promise((r) => setTimeout(r, 5));
    } finally {
      device.listTests = listTests;
    }
    const after = useDeviceStore.getState().tests;
    expect(after.find((t) => t.id === test!.id)?.answers.voiceSystem).toBe(false);
    expect(wholeListReads).toBe(0);
    for (const o of others) expect(after.find((t) => t.id === o.id)).toBe(before.find((t) => t.id === o.id));
  });
});
