// The test being filled. Each tap updates the screen at once (optimistically) and is written to the
// device in order; `pending` counts writes not yet on disk, so an app update waits for them.
import { create } from 'zustand';
import type { DeviceTest, NewTestInput } from '../../device';
import { sheetFor, type AnswerValue, type Answers } from '../../scoresheet';
import type { SwitchboardAttempt } from '../../record/courtesyTest';
import { applyAnswer } from '../form/rules';
import { useDeviceStore } from './deviceStore';

interface TestState {
  test: DeviceTest | null;
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
}

function device() {
  const d = useDeviceStore.getState().device;
  if (!d) throw new Error('device storage is not open');
  return d;
}

/** Writes go one after another, so they reach IndexedDB in the order the tester tapped. */
let queue: Promise<unknown> = Promise.resolve();
/** The open test as IndexedDB last confirmed it: what the screen falls back to when a write fails. */
let lastSaved: DeviceTest | null = null;

export const useTestStore = create<TestState>((set, get) => {
  function write(run: () => Promise<DeviceTest | void>): Promise<boolean> {
    set((s) => ({ pending: s.pending + 1 }));
    const done = queue.then(run).then(
      (saved) => {
        const left = get().pending - 1;
        if (saved) lastSaved = saved;
        // Take the stored copy only when no newer tap is still on its way to disk.
        set((s) => ({ pending: left, test: saved && left === 0 && s.test?.id === saved.id ? saved : s.test }));
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

  return {
    test: null,
    loading: false,
    openedId: null,
    pending: 0,
    async open(id) {
      if (get().test?.id === id) return set({ openedId: id });
      set({ loading: true, test: null, openedId: id });
      try {
        lastSaved = (await device().getTest(id)) ?? null;
        set({ test: lastSaved });
      } catch (e) {
        useDeviceStore.getState().report(e);
      } finally {
        set({ loading: false });
      }
    },
    close: () => set({ test: null, openedId: null }),
    async start(input) {
      try {
        const test = await device().createTest(input);
        lastSaved = test;
        set({ test, openedId: test.id });
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
      set({ test: { ...test, answers: next } });
      // The device applies the same fill rules to the same tap (src/scoresheet/fillRules.ts), so
      // what it stores is what the screen shows; the tap and what it clears or fills go in one
      // transaction, and a crash can never leave half a tap on the device.
      const id = test.id;
      void write(() => device().setAnswer(id, itemId, value));
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
    async resolveConflict(keep) {
      const test = get().test;
      if (!test) return;
      await write(() => device().resolveConflict(test.id, keep));
    },
  };
});

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
