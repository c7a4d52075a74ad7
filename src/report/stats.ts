// The figures every table shows for a set of tests: 人次, exact average, lowest, highest, grade.
import type { ServerRecord } from '../sync/protocol';
import { mean, scoreText, signed, sub, sum, toFixed, toNumber, type Fraction } from './exact';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { fraction } from './exact';

/** Averages in tables are shown to two decimals; the summary sentence uses one (as the yearly report does). */
export const TABLE_DECIMALS = 2;
export const SENTENCE_DECIMALS = 1;

export interface Stat {
  testCount: number;
  /** Exact sum of the totals (a multiple of 0.25). */
  scoreSum: number;
  /** sum / count as a float, for charts; use averageText for figures people read. */
  average: number | null;
  averageText: string;
  lowest: number | null;
  highest: number | null;
  grade: string | null;
}

export interface StatChange {
  /** Current average − previous average (float, for sorting); null when either has no tests. */
  change: number | null;
  changeText: string;
}

/**
 * The tests that count in a report: completed, scored by the server, not deleted. A draft is a
 * call still being scored; counting it would drag averages down with missing items.
 */
export function countedTests(records: ServerRecord[]): ServerRecord[] {
  return records.filter((r) => !r.deleted && r.status === 'completed' && r.score != null);
}

export function totalOf(r: ServerRecord): number {
  return r.score!.total;
}

export function exactMean(records: ServerRecord[]): Fraction | null {
  return mean(sum(records.map(totalOf)), records.length);
}

export function statOf(records: ServerRecord[], bands: GradeBands = DEFAULT_GRADES, decimals = TABLE_DECIMALS): Stat {
  const totals = records.map(totalOf);
  const avg = exactMean(records);
  return {
    testCount: records.length,
    scoreSum: totals.reduce((a, b) => a + b, 0),
    average: avg ? toNumber(avg) : null,
    averageText: avg ? gradedText(avg, bands, decimals) : '',
    lowest: totals.length ? Math.min(...totals) : null,
    highest: totals.length ? Math.max(...totals) : null,
    grade: gradeOf(avg, bands),
  };
}

/**
 * An average as text that never contradicts its grade (issue 13): rounded to `decimals`, unless the
 * rounded figure would fall in another band (89.975 → "90.0" beside 甲); then more decimals are shown
 * until it does not (89.975 → "89.98"), and past 6 decimals the figure is cut rather than rounded up.
 */
export function gradedText(avg: Fraction, bands: GradeBands = DEFAULT_GRADES, decimals = TABLE_DECIMALS): string {
  const grade = gradeOf(avg, bands);
  for (let d = decimals; d <= 6; d++) {
    const text = toFixed(avg, d);
    if (gradeOf(fraction(Number(text)), bands) === grade) return text;
  }
  // Truncate toward the band: a band's lower edge is never crossed by display.
  const scale = 10n ** 6n;
  const cut = (avg.n * scale) / avg.d;
  const whole = cut / scale;
  return `${whole}.${(cut % scale).toString().padStart(6, '0')}`;
}

/** The exact average of a Stat (recomputed from the exact sum, never from the float). */
export function statMean(stat: Stat): Fraction | null {
  return mean(stat.scoreSum, stat.testCount);
}

export function changeOf(current: Stat, previous: Stat, decimals = TABLE_DECIMALS): StatChange {
  const a = statMean(current);
  const b = statMean(previous);
  if (!a || !b) return { change: null, changeText: '' };
  const diff = sub(a, b);
  return { change: toNumber(diff), changeText: signed(diff, decimals) };
}

export { scoreText };
