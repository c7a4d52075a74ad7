// "As of" a date: the moment a report is cut. A bare date means the END of that day in Asia/Taipei
// (2026-12-31 → 23:59:59.999 Taipei), so `--as-of 2026-12-31` closes the year; a date-time with an
// offset is taken as written. The cut is inclusive: whatever the server received up to and including
// that millisecond is in the report, in the version it held then.
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export type AsOfResult = { ok: true; asOf: string } | { ok: false; error: string };

/** Parse an as-of argument; `field` names it in the message (asOf for the API, --as-of for the CLI). */
export function parseAsOf(raw: string, field = 'asOf'): AsOfResult {
  const bad = { ok: false as const, error: `${field}: must be a date such as 2026-12-31 (the end of that day, Taipei time) or a date-time with its offset, not ${JSON.stringify(raw)}` };
  const m = DATE_ONLY.exec(raw);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return bad;
    // Midnight of the next Taipei day, minus one millisecond.
    return { ok: true, asOf: new Date(Date.UTC(y, mo - 1, d + 1) - 8 * 3600_000 - 1).toISOString() };
  }
  if (!DATE_TIME.test(raw) || Number.isNaN(Date.parse(raw))) return bad;
  return { ok: true, asOf: new Date(raw).toISOString() };
}

/** Whether a period [start, end) is over at the (inclusive) cut: its last millisecond has been reached. */
export function periodOver(end: string, asOf: string): boolean {
  return Date.parse(asOf) >= Date.parse(end) - 1;
}
