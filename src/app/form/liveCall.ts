// The live call in progress: a stopwatch and a ring counter per timing item. It lives only in
// memory while the phone rings; the result is written to the test (and so to IndexedDB) the moment
// the tester taps 「已接聽」.
import { create } from 'zustand';

export interface LiveTimer {
  startedAt?: number;
  rings: number;
}

interface LiveCallState {
  timers: Record<string, LiveTimer>;
  start(id: string, now: number): void;
  ring(id: string): void;
  reset(id: string): void;
}

export const useLiveCall = create<LiveCallState>((set) => ({
  timers: {},
  start: (id, now) => set((s) => ({ timers: { ...s.timers, [id]: { rings: s.timers[id]?.rings ?? 0, startedAt: now } } })),
  ring: (id) => set((s) => ({ timers: { ...s.timers, [id]: { ...s.timers[id], rings: (s.timers[id]?.rings ?? 0) + 1 } } })),
  reset: (id) => set((s) => ({ timers: { ...s.timers, [id]: { rings: 0 } } })),
}));

/** Seconds to answer, one decimal, never rounded down to a better score. */
export function secondsSince(startedAt: number, now: number): number {
  return Math.ceil(Math.max(0, now - startedAt) / 100) / 10;
}

/** Minutes the sheet asks between two switchboard attempts (「隔 10 分鐘後再測 1 次」). */
export const RETEST_AFTER_MS = 10 * 60_000;
