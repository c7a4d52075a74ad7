// Time on the live-call tools. Stored times are absolute (epoch ms), so the elapsed time of a
// stopwatch started before a reload or a crash is still right afterwards.

/** Seconds to answer, one decimal, never rounded down to a better score. */
export function secondsBetween(startedAt: number, now: number): number {
  return Math.ceil(Math.max(0, now - startedAt) / 100) / 10;
}

/** The sheet's second try after an unanswered switchboard call: 「隔 10 分鐘後再測 1 次」. */
export const RETEST_AFTER_MS = 10 * 60_000;
