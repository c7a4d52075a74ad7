// The live call in progress: a stopwatch and a tap counter per timing item of a test (which
// measure each fills is the sheet's `live` data; the retest rule is its `retest` data). The result
// is written to the test (and so to IndexedDB) the moment the tester taps 「已接聽」; until then
// the running stopwatch and the count are kept in localStorage, so a reload or a crashed tab in
// the middle of a call does not lose them (the start time is absolute, so the seconds stay right).
import { create } from 'zustand';

export interface LiveTimer {
  startedAt?: number;
  /** Taps on the counter (the measure the sheet's `live.counter` names). */
  count: number;
}

interface LiveCallState {
  timers: Record<string, LiveTimer>;
  start(id: string, now: number): void;
  ring(id: string): void;
  reset(id: string): void;
}

/** One timer per test and item: a timer started in one test must not show up in the next. */
export const timerKey = (testId: string, itemId: string) => `${testId}/${itemId}`;

// v2: the counter's field is `count` (it was named after one sheet's measure); an older entry is dropped.
const STORAGE_KEY = 'courtesy.liveCall.v2';
/** A stopwatch left running longer than this is a forgotten one, not a call. */
const FORGOTTEN_AFTER_MS = 24 * 3600_000;

/** What was stored, keeping only well-formed, recent timers (the storage is the user's to edit). */
export function loadTimers(raw: string | null | undefined, now: number): Record<string, LiveTimer> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<string, LiveTimer> = {};
    for (const [key, t] of Object.entries(parsed as Record<string, unknown>)) {
      if (!t || typeof t !== 'object') continue;
      const { count, startedAt } = t as { count?: unknown; startedAt?: unknown };
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) continue;
      if (startedAt !== undefined && (typeof startedAt !== 'number' || now - startedAt > FORGOTTEN_AFTER_MS || startedAt > now)) continue;
      out[key] = startedAt === undefined ? { count } : { count, startedAt };
    }
    return out;
  } catch {
    return {};
  }
}

function readStorage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export const useLiveCall = create<LiveCallState>((set) => ({
  timers: loadTimers(readStorage(), Date.now()),
  start: (id, now) => set((s) => ({ timers: { ...s.timers, [id]: { count: s.timers[id]?.count ?? 0, startedAt: now } } })),
  ring: (id) => set((s) => ({ timers: { ...s.timers, [id]: { ...s.timers[id], count: (s.timers[id]?.count ?? 0) + 1 } } })),
  // Done with (answered or reset): forget it, so the store does not grow with every test.
  reset: (id) =>
    set((s) => {
      const timers = { ...s.timers };
      delete timers[id];
      return { timers };
    }),
}));

useLiveCall.subscribe((s) => {
  try {
    const live = Object.keys(s.timers).length;
    if (live) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(s.timers));
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    /* private mode or a full disk: the stopwatch still works for this page */
  }
});

/** Seconds to answer, one decimal, never rounded down to a better score. */
export function secondsSince(startedAt: number, now: number): number {
  return Math.ceil(Math.max(0, now - startedAt) / 100) / 10;
}
