// How long the answerer's surname and extension are kept (個資法), and whether a purge is due.
// The setting is a number of months; tests older than that many months before the start of this month
// (Asia/Taipei) should be purged. The server never purges by itself: an admin is reminded (the admin
// screen and GET /api/admin/retention) and runs the purge, which is audited.
import type { ServerStore } from './store';

export const RETENTION_SETTING = 'retention';
export const DEFAULT_RETENTION = { months: 36 };
export type Retention = { months: number };

export function validateRetention(input: unknown): { ok: true; value: Retention } | { ok: false; error: string } {
  const months = (input as { months?: unknown } | null)?.months;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 600) {
    return { ok: false, error: `months: must be a whole number of months from 1 to 600, not ${JSON.stringify(months)}` };
  }
  return { ok: true, value: { months } };
}

export async function loadRetention(store: Pick<ServerStore, 'getSetting'>): Promise<Retention> {
  const stored = await store.getSetting<Retention>(RETENTION_SETTING);
  const checked = validateRetention(stored);
  return checked.ok ? checked.value : DEFAULT_RETENTION;
}

/** Midnight (Taipei) on the first of the month, `months` months before this month. */
export function dueBefore(months: number, now = new Date()): string {
  const taipei = new Date(now.getTime() + 8 * 3600_000);
  let year = taipei.getUTCFullYear();
  let month = taipei.getUTCMonth() - months; // 0-based, may go negative
  year += Math.floor(month / 12);
  month = ((month % 12) + 12) % 12;
  return new Date(Date.UTC(year, month, 1) - 8 * 3600_000).toISOString();
}

export interface RetentionStatus {
  months: number;
  /** Tests before this instant should have been purged. */
  dueBefore: string;
  /** How many of them still carry personal data: > 0 means a purge is due. */
  due: number;
  /** The latest purge's cut-off, if any. */
  purgedBefore?: string;
}

export async function retentionStatus(store: ServerStore, now = new Date()): Promise<RetentionStatus> {
  const { months } = await loadRetention(store);
  const before = dueBefore(months, now);
  const due = await store.countPersonalDataBefore(before);
  const purgedBefore = await store.getSetting<string>('personalData.purgedBefore');
  return { months, dueBefore: before, due, ...(purgedBefore ? { purgedBefore } : {}) };
}
