// Retests waiting on this device: a draft whose switchboard went unanswered once has a second try
// due 10 minutes later. Derived from the stored attempts, so it survives a reload and a day offline.
import type { DeviceTest } from '../../device';
import { RETEST_AFTER_MS } from './clock';

export interface Retest {
  test: DeviceTest;
  /** Epoch ms when the second try is due. */
  dueAt: number;
}

export function pendingRetests(tests: DeviceTest[]): Retest[] {
  const out: Retest[] = [];
  for (const test of tests) {
    if (test.status !== 'draft' || test.deleted) continue;
    const unanswered = test.attempts.filter((a) => a.outcome === 'unanswered');
    // Two unanswered tries settle it; any other outcome after the first means it was reached.
    if (unanswered.length !== 1 || test.attempts.some((a) => a.outcome !== 'unanswered')) continue;
    const dueAt = Date.parse(unanswered[0].at) + RETEST_AFTER_MS;
    if (Number.isFinite(dueAt)) out.push({ test, dueAt });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/** 「9:59」: minutes and seconds left, never negative. */
export function countdown(ms: number): string {
  const left = Math.max(0, ms);
  return `${Math.floor(left / 60000)}:${String(Math.floor((left % 60000) / 1000)).padStart(2, '0')}`;
}
