// The test being filled. Each tap updates the screen at once (optimistically) and is written to the
// device in order; `pending` counts writes not yet on disk, so an app update waits for them.
import { flushSync } from 'react-dom';
import { create, type StateCreator } from 'zustand';
import type { DeviceTest, LiveEvent, LiveRecord, NewTestInput } from '../../device';
import { findNode, orderOf, sheetFor, type AnswerValue, type Answers, type TimingAnswer } from '../../scoresheet';
import { secondsBetween } from '../live/clock';
import type { SwitchboardAttempt } from '../../record/courtesyTest';
import { applyAnswer } from '../form/rules';
import { useDeviceStore } from './deviceStore';
import { useSaveState } from './saveState';

/** A tap that cleared (or changed) other answers, and how to put them back exactly. */
export interface UndoableClear {
  testId: string;
  /** The item tapped. */
  tapped: string;
  /** Items whose earlier answer the tap removed or changed, in sheet order. */
  cleared: string[];
  /** Every answer the tap touched, as it was before (undefined: was unanswered). */
  restore: [string, AnswerValue | undefined][];
  at: number;
}

interface TestState {
  test: DeviceTest | null;
  /** The open test's live-call tools, per timing item (saved in IndexedDB at every tap). */
  live: Record<string, LiveRecord>;
  /** The last tap that cleared other answers, until undone or replaced. */
  undo: UndoableClear | null;
  loading: boolean;
  /** The id last asked for, so a screen can tell "still opening" from "not on this device". */
  openedId: string | null;
  pending: number;
  open(id: string): Promise<void>;
  close(): void;
  start(input: NewTestInput): Promise<DeviceTest | undefined>;
  answer(itemId: string, value: AnswerValue | undefined): void;
  updateDetails(patch: Partial<NewTestInput>): void;
  addAttempt(outcome: SwitchboardAttempt['outcome']): void;
  complete(): Promise<boolean>;
  reopen(reason: string): Promise<void>;
  discard(): Promise<boolean>;
  resolveConflict(keep: 'mine' | 'server'): Promise<void>;
  /** Put back exactly what the last clearing tap changed. */
  undoClear(): void;
  dismissUndo(): void;
  /** Stopwatch: dialled. */
  startTimer(itemId: string): void;
  /** One more ring (the first also starts an idle stopwatch; once answered as picked up, the count follows into the item). */
  ring(itemId: string): void;
  /** Picked up: the item takes the ring count and/or the stopwatch's seconds, whichever exist. */
  answered(itemId: string): void;
  resetTimer(itemId: string): void;
}

function device() {
  const d = useDeviceStore.getState().device;
  if (!d) throw new Error('device storage is not open');
  return d;
}

/** Writes go one after another, so they reach IndexedDB in the order the tester tapped. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The store changes at once (every reader of getState() sees a tap at once) but tells its
 * subscribers, the screen among them, one microtask later. React draws an update made in a click
 * handler at the end of that event, before any microtask, while IndexedDB (through Dexie) opens the
 * tap's transaction in a microtask: told second, the screen renders while the disk works (bench:
 * interaction, tap → saved). flushSync still draws before the browser paints, so a tapped radio
 * never shows its old state. Several changes in one tick are told once.
 */
function toldAfterWriteStarts<T>(config: StateCreator<T>): StateCreator<T> {
  return (set, get, api) => {
    const subscribe = api.subscribe;
    api.subscribe = (listener) => {
      let queued: { previous: T } | null = null;
      return subscribe((_state, previous) => {
        if (queued) return;
        queued = { previous };
        queueMicrotask(() => {
          const { previous: before } = queued!;
          queued = null;
          flushSync(() => listener(api.getState(), before));
        });
      });
    };
    return config(set, get, api);
  };
}
/** The open test as IndexedDB last confirmed it: what the screen falls back to when a write fails. */
let lastSaved: DeviceTest | null = null;

export const useTestStore = create<TestState>()(toldAfterWriteStarts((set, get) => {
  function write(run: () => Promise<DeviceTest | void>): Promise<boolean> {
    // Nothing on its way to disk: start now (not a microtask later, behind the queue).
    const idle = get().pending === 0;
    const started = idle ? new Promise<DeviceTest | void>((resolve) => resolve(run())) : queue.then(run);
    set((s) => ({ pending: s.pending + 1 }));
    const done = started.then(
      (saved) => {
        const left = get().pending - 1;
        if (saved) lastSaved = saved;
        // Take the stored copy only when no newer tap is still on its way to disk. Answers equal to
        // those on screen keep the screen's object, so nothing is scored or drawn again for them.
        set((s) => ({ pending: left, test: saved && left === 0 && s.test?.id === saved.id ? keepSameAnswers(saved, s.test) : s.test }));
        return true;
      },
      (e) => {
        // Show what is really stored: the failed tap is visibly undone, nothing else changes.
        set((s) => ({ pending: s.pending - 1, test: lastSaved && s.test?.id === lastSaved.id ? lastSaved : s.test }));
        useDeviceStore.getState().report(e);
        void reload();
        return false;
      },
    );
    queue = done;
    return done;
  }
  async function reload() {
    const id = get().test?.id;
    if (!id || get().pending > 0) return;
    const fresh = await device().getTest(id).catch(() => undefined);
    if (fresh && get().test?.id === id && get().pending === 0) {
      lastSaved = fresh;
      set({ test: fresh });
    }
  }

  /** Save a live-tool event with the answers it fills, in one transaction; the screen changes at once. */
  function live(itemId: string, event: LiveEvent, nextAnswers?: Answers) {
    const test = get().test;
    if (!test || test.status === 'completed') return;
    const now = get().live[itemId] ?? { testId: test.id, itemId, count: 0 };
    let record: LiveRecord | undefined = now;
    if (event.type === 'start') record = { ...now, startedAt: event.at, answeredAt: undefined };
    else if (event.type === 'ring') record = { ...now, count: now.count + 1, lastRingAt: event.at };
    else if (event.type === 'answered') record = { ...now, answeredAt: event.at };
    else record = undefined;
    const lives = { ...get().live };
    if (record) lives[itemId] = record;
    else delete lives[itemId];
    // Only the tool's own item: the device applies the fill rules to it, as to any tap.
    const ops: [string, AnswerValue | undefined][] = nextAnswers ? [[itemId, nextAnswers[itemId]]] : [];
    set({ live: lives, ...(nextAnswers ? { test: { ...test, answers: nextAnswers } } : {}) });
    const id = test.id;
    void write(() => device().recordLive(id, itemId, event, ops).then((r) => r.test));
  }

  /** The answer a timing item gets from its live tools: the timed outcome plus what was measured. */
  function measured(itemId: string, record: LiveRecord | undefined, at: number): TimingAnswer | undefined {
    const test = get().test;
    const sheet = test && sheetFor(test.sheet);
    const node = sheet && findNode(sheet, itemId);
    if (!node || node.kind !== 'timing') return undefined;
    const timed = node.outcomes.find((o) => o.timed);
    if (!timed) return undefined;
    // Which measures the tools fill is the sheet's word (node.live), never a key known here.
    const answer: Record<string, unknown> = { outcome: timed.key };
    if (node.live?.counter && record && record.count > 0) answer[node.live.counter] = record.count;
    if (node.live?.stopwatch && record?.startedAt !== undefined) answer[node.live.stopwatch] = secondsBetween(record.startedAt, record.answeredAt ?? at);
    return answer as TimingAnswer;
  }

  function withAnswer(itemId: string, value: AnswerValue): Answers | undefined {
    const test = get().test;
    const sheet = test && sheetFor(test.sheet);
    return sheet ? applyAnswer(sheet, test.answers, itemId, value) : undefined;
  }

  return {
    test: null,
    live: {},
    undo: null,
    loading: false,
    openedId: null,
    pending: 0,
    async open(id) {
      if (get().test?.id === id) return set({ openedId: id });
      set({ loading: true, test: null, openedId: id, live: {}, undo: null });
      try {
        lastSaved = (await device().getTest(id)) ?? null;
        const records = lastSaved ? await device().liveOf(id) : [];
        set({ test: lastSaved, live: Object.fromEntries(records.map((r) => [r.itemId, r])) });
      } catch (e) {
        useDeviceStore.getState().report(e);
      } finally {
        set({ loading: false });
      }
    },
    close: () => set({ test: null, openedId: null, live: {}, undo: null }),
    async start(input) {
      try {
        const test = await device().createTest(input);
        lastSaved = test;
        set({ test, openedId: test.id, live: {}, undo: null });
        return test;
      } catch (e) {
        useDeviceStore.getState().report(e);
        return undefined;
      }
    },
    answer(itemId, value) {
      const test = get().test;
      if (!test || test.status === 'completed') return;
      const sheet = sheetFor(test.sheet)!;
      const next = applyAnswer(sheet, test.answers, itemId, value);
      // The device applies the same fill rules to the same tap (src/scoresheet/fillRules.ts), so
      // what it stores is what the screen shows; the tap and what it clears or fills go in one
      // transaction, and a crash can never leave half a tap on the device.
      const ops = diff(test.answers, next, itemId);
      // Earlier answers this tap removed or changed: say so, and offer to put them back.
      const cleared = ops.map(([k]) => k).filter((k) => k !== itemId && test.answers[k] !== undefined);
      const order = orderOf(sheet); // the fill rules' own cached order
      const undo: UndoableClear | null = cleared.length
        ? {
            testId: test.id,
            tapped: itemId,
            cleared: cleared.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
            restore: ops.map(([k]) => [k, test.answers[k]]),
            at: Date.now(),
          }
        : get().undo;
      const id = test.id;
      void write(() => device().setAnswer(id, itemId, value));
      set({ test: { ...test, answers: next }, undo });
    },
    updateDetails(patch) {
      const test = get().test;
      if (!test) return;
      set({ test: { ...test, ...patch } });
      void write(() => device().updateDetails(test.id, patch));
    },
    addAttempt(outcome) {
      const test = get().test;
      if (!test) return;
      const attempt: SwitchboardAttempt = { at: new Date().toISOString(), outcome };
      set({ test: { ...test, attempts: [...test.attempts, attempt] } });
      void write(() => device().addAttempt(test.id, attempt));
    },
    async complete() {
      const test = get().test;
      if (!test) return false;
      return write(() => device().completeTest(test.id));
    },
    async reopen(reason) {
      const test = get().test;
      if (!test) return;
      await write(() => device().reopenTest(test.id, reason));
    },
    async discard() {
      const test = get().test;
      if (!test) return false;
      const ok = await write(() => device().discardTest(test.id));
      if (ok) set({ test: null });
      return ok;
    },
    undoClear() {
      const { test, undo } = get();
      if (!test || !undo || undo.testId !== test.id || test.status === 'completed') return;
      const answers: Answers = { ...test.answers };
      for (const [k, v] of undo.restore) {
        if (v === undefined) delete answers[k];
        else answers[k] = v;
      }
      // Exactly as before the tap: the earlier state obeyed the rules, so no rule runs again here.
      const ops = diff(test.answers, answers, undo.tapped);
      set({ test: { ...test, answers }, undo: null });
      const id = test.id;
      void write(() => device().setAnswers(id, ops));
    },
    dismissUndo: () => set({ undo: null }),
    startTimer(itemId) {
      live(itemId, { type: 'start', at: Date.now() });
    },
    ring(itemId) {
      const test = get().test;
      if (!test) return;
      const at = Date.now();
      const current = test.answers[itemId] as TimingAnswer | undefined;
      const record = { ...(get().live[itemId] ?? { testId: test.id, itemId, count: 0 }) };
      record.count += 1;
      // Already answered as picked up (the tester tapped that first): the count reaches the item.
      const timed = measured(itemId, record, at);
      const sheet = sheetFor(test.sheet);
      const node = sheet && findNode(sheet, itemId);
      const tools = node?.kind === 'timing' ? node.live : undefined;
      const counted = tools?.counter ? (timed as Record<string, unknown> | undefined)?.[tools.counter] : undefined;
      const follows = timed && current?.outcome === timed.outcome && counted !== undefined;
      // The first ring starts a stopwatch nobody started at dialling: one tap less while it rings.
      if (tools?.stopwatch && record.startedAt === undefined && record.answeredAt === undefined && !follows) live(itemId, { type: 'start', at });
      live(itemId, { type: 'ring', at }, follows ? withAnswer(itemId, { ...current, [tools!.counter!]: counted } as TimingAnswer) : undefined);
    },
    answered(itemId) {
      const test = get().test;
      if (!test) return;
      const at = Date.now();
      const record = get().live[itemId];
      const stopped = record ? { ...record, answeredAt: record.startedAt !== undefined && record.answeredAt === undefined ? at : record.answeredAt } : undefined;
      const answer = measured(itemId, stopped, at);
      if (!answer) return;
      const next = withAnswer(itemId, answer);
      live(itemId, { type: 'answered', at: stopped?.answeredAt ?? at }, next);
    },
    resetTimer(itemId) {
      live(itemId, { type: 'reset' });
    },
    async resolveConflict(keep) {
      const test = get().test;
      if (!test) return;
      await write(() => device().resolveConflict(test.id, keep));
    },
  };
}));

/** The stored copy, with the answers object already on screen when the two say the same. */
function keepSameAnswers(saved: DeviceTest, shown: DeviceTest): DeviceTest {
  return saved.answers !== shown.answers && JSON.stringify(saved.answers) === JSON.stringify(shown.answers) ? { ...saved, answers: shown.answers } : saved;
}

/** The writes that turn `before` into `after`: removals first, then the tapped item, then the rest. */
export function diff(before: Answers, after: Answers, tapped: string): [string, AnswerValue | undefined][] {
  const removals: [string, undefined][] = Object.keys(before)
    .filter((k) => !(k in after))
    .map((k) => [k, undefined]);
  const sets: [string, AnswerValue][] = Object.keys(after)
    .filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]))
    .sort((a, b) => (a === tapped ? -1 : b === tapped ? 1 : 0))
    .map((k) => [k, after[k]]);
  return [...removals, ...sets];
}

// A change from another tab (or the sync engine) reaches the open test once no tap of ours is pending.
useDeviceStore.subscribe((state, prev) => {
  if (state.tests === prev.tests) return;
  const { test, pending } = useTestStore.getState();
  if (!test || pending > 0) return;
  const fresh = state.tests.find((t) => t.id === test.id);
  // Sync changes only `sync` and `rev` (confirmed, conflict, rejected): the open form must show those too.
  const changed = fresh && (fresh.updatedAt !== test.updatedAt || fresh.rev !== test.rev || JSON.stringify(fresh.sync) !== JSON.stringify(test.sync));
  if (changed) useTestStore.setState({ test: fresh });
});

// The banners read the count of writes still on their way to disk from a tiny store of their own.
useTestStore.subscribe((s) => {
  if (useSaveState.getState().pending !== s.pending) useSaveState.setState({ pending: s.pending });
});
