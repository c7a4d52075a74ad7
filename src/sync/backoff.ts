// Retry delays after a failed sync: exponential, capped, with jitter so that many phones coming
// back online together (after a network outage) do not hit the server in lockstep.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Delay before retry number `failures` (1 = first retry): "equal jitter", between half and all of the step. */
export function backoffDelay(failures: number, random: () => number, { baseMs = 2_000, maxMs = 5 * 60_000 }: BackoffOptions = {}): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
