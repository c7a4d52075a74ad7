// Which quarters the admin screen lists: every quarter the server knows, plus the current and the
// previous one (Asia/Taipei) even before any test falls in them, so they can be closed on time.
import { parseQuarterKey, previousQuarter, quarterKey, quarterOf } from '../../record/quarter';

export interface QuarterRow {
  key: string;
  closed: boolean;
  closedAt?: string;
  closedBy?: string;
  /** Drafts the server holds in it (absent when none). */
  drafts?: number;
}

export function quarterRows(fromServer: QuarterRow[], now: Date = new Date()): QuarterRow[] {
  const current = quarterOf(now);
  const byKey = new Map<string, QuarterRow>();
  for (const q of [current, previousQuarter(current)]) byKey.set(quarterKey(q), { key: quarterKey(q), closed: false });
  for (const row of fromServer) byKey.set(row.key, row);
  // Newest first; a key the server sends in an unexpected shape sorts last instead of breaking the list.
  const rank = (key: string) => {
    try {
      const q = parseQuarterKey(key);
      return q.rocYear * 10 + q.quarter;
    } catch {
      return -1;
    }
  };
  return [...byKey.values()].sort((a, b) => rank(b.key) - rank(a.key));
}
