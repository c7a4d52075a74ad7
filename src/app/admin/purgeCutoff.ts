// The purge cut-off as the admin means it: a calendar day in Taipei. Tests before 00:00 of that day
// (Asia/Taipei, UTC+8 without daylight saving) lose their personal data.
export function cutoffInstant(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const instant = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(instant.getTime())) return undefined;
  // Reject days that Date silently rolls over (2026-02-30 → 2026-03-02).
  const back = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return back === day ? instant.toISOString() : undefined;
}

/** Today's date in Taipei as YYYY-MM-DD (the date input's upper bound). */
export function todayInTaipei(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
