// The figures every table shows for a set of tests: 人次, exact average, lowest, highest, grade.
//
// Mixed sheet versions (issue 11, docs/sheet-versions.md): every figure here is on a percentage
// of the test's own maximum — total × 100 / max — so a test on a 105-point revision and one on the
// 100-point sheet average and grade on one scale. On a 100-point sheet the percentage IS the total,
// so reports of such tests are unchanged to the last digit. A per-test row keeps its raw total
// next to its own max.
import type { ServerRecord } from '../sync/protocol';
import { add, compare, mean, scaleTo, scoreText, signed, sub, toFixed, toNumber, type Fraction, fraction } from './exact';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';

/** Averages in tables are shown to two decimals; the summary sentence uses one (as the yearly report does). */
export const TABLE_DECIMALS = 2;
export const SENTENCE_DECIMALS = 1;

export interface Stat {
  testCount: number;
  /** The maximum the figures are on: always 100 (a percentage of each test's own max). */
  max: number;
  /** The sheet maxima of the tests counted (one entry unless versions with other maxima mix). */
  maxima: number[];
  /** Sum of the tests' percentages (a float when maxima other than 100 mix; statMean keeps it exact). */
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

/** The raw total of one test, on its own sheet's max (see maxOf). */
export function totalOf(r: ServerRecord): number {
  return r.score!.total;
}

/** The maximum of the sheet a test was scored on (100 for 附表3 v1). */
export function maxOf(r: ServerRecord): number {
  return r.score!.max;
}

/** A test's score as a percentage of its own max, exactly; the total itself on a 100-point sheet. */
export function percentOf(r: ServerRecord): Fraction {
  const max = maxOf(r);
  return max === 100 ? fraction(totalOf(r)) : scaleTo(fraction(totalOf(r)), 100, max);
}

function exactSumOf(records: ServerRecord[]): Fraction {
  return records.reduce<Fraction>((acc, r) => add(acc, percentOf(r)), { n: 0n, d: 1n });
}

/** The exact average percentage of a set of tests (what grades apply to). */
export function exactMean(records: ServerRecord[]): Fraction | null {
  return mean(exactSumOf(records), records.length);
}

export function statOf(records: ServerRecord[], bands: GradeBands = DEFAULT_GRADES, decimals = TABLE_DECIMALS): Stat {
  const percents = records.map(percentOf);
  const exactSum = exactSumOf(records);
  const avg = mean(exactSum, records.length);
  const pick = (better: (c: number) => boolean) => percents.reduce<Fraction | null>((best, p) => (best === null || better(compare(p, best)) ? p : best), null);
  const lowest = pick((c) => c < 0);
  const highest = pick((c) => c > 0);
  const stat: Stat = {
    testCount: records.length,
    max: 100,
    maxima: [...new Set(records.map(maxOf))].sort((a, b) => a - b),
    scoreSum: toNumber(exactSum),
    average: avg ? toNumber(avg) : null,
    averageText: avg ? toFixed(avg, decimals) : '',
    lowest: lowest ? roundedFigure(lowest) : null,
    highest: highest ? roundedFigure(highest) : null,
    grade: gradeOf(avg, bands),
  };
  // The exact sum rides beside the Stat, not in it: a Stat is sent as JSON (no BigInt there).
  exactSums.set(stat, exactSum);
  return stat;
}

const exactSums = new WeakMap<Stat, Fraction>();

/** A single test's percentage as a number people read: exact for quarter points, else 2 decimals. */
function roundedFigure(p: Fraction): number {
  return Number(toFixed(p, 4)) === toNumber(p) ? toNumber(p) : Number(toFixed(p, TABLE_DECIMALS));
}

/** The exact average of a Stat (recomputed from the exact sum, never from the float). */
export function statMean(stat: Stat): Fraction | null {
  return mean(exactSums.get(stat) ?? stat.scoreSum, stat.testCount);
}

export function changeOf(current: Stat, previous: Stat, decimals = TABLE_DECIMALS): StatChange {
  const a = statMean(current);
  const b = statMean(previous);
  if (!a || !b) return { change: null, changeText: '' };
  const diff = sub(a, b);
  return { change: toNumber(diff), changeText: signed(diff, decimals) };
}

export { scoreText };
