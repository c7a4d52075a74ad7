// Tester calibration, for admins only (never in a unit head's review): does a tester score higher or
// lower than the others? Where possible each of the tester's tests is set against the other testers'
// average on the SAME unit (a tester who happens to call the weakest units is not called harsh); the
// tester's difference is the mean of those differences. A tester whose units nobody else tested is
// compared with everyone else's average and marked as such. Past the margin (an admin setting, 5
// points by default) the tester is flagged for a calibration talk.
import type { ServerRecord } from '../sync/protocol';
import { add, compare, divInt, fraction, mean, signed, sub, sum, toFixed, type Fraction } from './exact';
import { totalOf } from './stats';
import { unitKeyOf } from './units';

export interface CalibrationSetting {
  /** Points of difference from the reference above which a tester is flagged. */
  margin: number;
}

export const CALIBRATION_SETTING = 'report.calibration';
export const DEFAULT_CALIBRATION: CalibrationSetting = { margin: 5 };

export function validateCalibration(input: unknown): { ok: true; value: CalibrationSetting } | { ok: false; error: string } {
  const m = (input as { margin?: unknown } | null)?.margin;
  if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0 || m > 50) return { ok: false, error: 'margin: must be a number of points above 0 and at most 50' };
  return { ok: true, value: { margin: m } };
}

export interface TesterCalibration {
  testerKey: string;
  testerName: string;
  testCount: number;
  averageText: string;
  /** Tests that had other testers' tests on the same unit. */
  comparedTests: number;
  /** true: compared unit by unit; false: no shared unit, compared with everyone else. */
  sameUnits: boolean;
  /** The tester's average on the compared tests, and the others' on the same units. */
  comparedAverageText: string;
  referenceAverageText: string;
  difference: number | null;
  differenceText: string;
  flagged: boolean;
}

export interface Calibration {
  margin: number;
  agencyAverageText: string;
  testers: TesterCalibration[];
}

const testerKey = (r: ServerRecord) => (r.testerId ? r.testerId : `name:${r.testerName.trim()}`);

/** Counted tests in (the caller filters drafts). */
export function calibration(records: ServerRecord[], setting: CalibrationSetting = DEFAULT_CALIBRATION): Calibration {
  const margin = fraction(setting.margin);
  const byTester = new Map<string, ServerRecord[]>();
  const names = new Map<string, string>();
  for (const r of records) {
    const k = testerKey(r);
    byTester.set(k, [...(byTester.get(k) ?? []), r]);
    if (!names.has(k)) names.set(k, r.testerName.trim() || r.testerId || '—');
  }
  const agency = mean(sum(records.map(totalOf)), records.length);
  const testers = [...byTester].map(([key, mine]): TesterCalibration => {
    const others = records.filter((r) => testerKey(r) !== key);
    const othersOn = new Map<string, Fraction>();
    for (const u of new Set(mine.map(unitKeyOf))) {
      const list = others.filter((r) => unitKeyOf(r) === u);
      if (list.length) othersOn.set(u, mean(sum(list.map(totalOf)), list.length)!);
    }
    const compared = mine.filter((r) => othersOn.has(unitKeyOf(r)));
    const own = mean(sum(mine.map(totalOf)), mine.length)!;
    let comparedAvg: Fraction | null;
    let reference: Fraction | null;
    if (compared.length) {
      comparedAvg = mean(sum(compared.map(totalOf)), compared.length);
      reference = divInt(compared.reduce<Fraction>((acc, r) => add(acc, othersOn.get(unitKeyOf(r))!), { n: 0n, d: 1n }), compared.length);
    } else {
      comparedAvg = own;
      reference = mean(sum(others.map(totalOf)), others.length);
    }
    const diff = comparedAvg && reference ? sub(comparedAvg, reference) : null;
    const abs = diff ? (diff.n < 0n ? { n: -diff.n, d: diff.d } : diff) : null;
    return {
      testerKey: key,
      testerName: names.get(key)!,
      testCount: mine.length,
      averageText: toFixed(own, 2),
      comparedTests: compared.length,
      sameUnits: compared.length > 0,
      comparedAverageText: comparedAvg ? toFixed(comparedAvg, 2) : '',
      referenceAverageText: reference ? toFixed(reference, 2) : '',
      difference: diff ? Number(diff.n) / Number(diff.d) : null,
      differenceText: diff ? signed(diff, 2) : '',
      flagged: !!abs && compare(abs, margin) > 0,
    };
  });
  testers.sort((a, b) => Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0) || a.testerName.localeCompare(b.testerName, 'zh-Hant'));
  return { margin: setting.margin, agencyAverageText: agency ? toFixed(agency, 2) : '', testers };
}
