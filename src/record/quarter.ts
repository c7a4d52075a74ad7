// Quarters and dates as the users count them: ROC year (Gregorian − 1911) and 季, in Asia/Taipei
// whatever the device's own time zone is.
export const TIME_ZONE = 'Asia/Taipei';
export const ROC_OFFSET = 1911;

export interface Quarter {
  rocYear: number;
  quarter: 1 | 2 | 3 | 4;
}

/** Year, month (1–12), day, hour, minute of an instant on the Taipei wall clock. */
export function taipeiParts(instant: string | Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
  // Taiwan has kept UTC+8 without daylight saving since 1979; a fixed offset avoids ICU differences.
  const t = new Date(date.getTime() + 8 * 3600_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() };
}

export function quarterOf(instant: string | Date): Quarter {
  const { year, month } = taipeiParts(instant);
  return { rocYear: year - ROC_OFFSET, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}

/** A sortable key, e.g. "115-Q4". */
export function quarterKey(q: Quarter): string {
  return `${q.rocYear}-Q${q.quarter}`;
}

export function parseQuarterKey(key: string): Quarter {
  const m = /^(\d{1,3})-Q([1-4])$/.exec(key);
  if (!m) throw new RangeError(`quarter must look like 115-Q4, not ${JSON.stringify(key)}`);
  return { rocYear: Number(m[1]), quarter: Number(m[2]) as Quarter['quarter'] };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { rocYear: q.rocYear - 1, quarter: 4 } : { rocYear: q.rocYear, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

/** The instants [start, end) of a quarter, as ISO strings in UTC. */
export function quarterRange(q: Quarter): { start: string; end: string } {
  const year = q.rocYear + ROC_OFFSET;
  const startMonth = (q.quarter - 1) * 3;
  const start = new Date(Date.UTC(year, startMonth, 1) - 8 * 3600_000);
  const end = new Date(Date.UTC(year, startMonth + 3, 1) - 8 * 3600_000);
  return { start: start.toISOString(), end: end.toISOString() };
}

export function quarterLabel(q: Quarter, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'zh' ? `${q.rocYear} 年第 ${q.quarter} 季` : `ROC ${q.rocYear} Q${q.quarter}`;
}

// Building an Intl.DateTimeFormat costs far more than using one; reports format thousands of dates.
let rocFormatter: Intl.DateTimeFormat | undefined;
function rocFormat(): Intl.DateTimeFormat {
  rocFormatter ??= new Intl.DateTimeFormat('zh-TW-u-ca-roc', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return rocFormatter;
}

/** 民國115年11月22日 14:07 (zh) or "ROC 115-11-22 14:07" (en): the ROC calendar, Taipei time. */
export function formatRocDateTime(instant: string | Date, lang: 'zh' | 'en' = 'zh', withTime = true): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = rocFormat().formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const [y, m, d, hh, mm] = [part('year'), part('month'), part('day'), part('hour'), part('minute')];
  const time = withTime ? ` ${hh.padStart(2, '0')}:${mm.padStart(2, '0')}` : '';
  return lang === 'zh' ? `民國${y}年${m}月${d}日${time}` : `ROC ${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}${time}`;
}

export function formatRocDate(instant: string | Date, lang: 'zh' | 'en' = 'zh'): string {
  return formatRocDateTime(instant, lang, false);
}
