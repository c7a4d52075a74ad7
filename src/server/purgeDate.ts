// The purge cut-off as admins type it: "2026-01-01" means midnight in Taipei; a full ISO instant is taken as is.
import { isInstant } from '../record/schema';

export function parseBeforeDate(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const iso = `${value}T00:00:00+08:00`;
    const d = new Date(iso);
    // Reject 2026-02-30 and the like: the date must round-trip.
    if (!Number.isNaN(d.getTime()) && new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) === value) return iso;
    return undefined;
  }
  return isInstant(value) ? value : undefined;
}
