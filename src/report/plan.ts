// The test plan: how often each unit must be tested, which units are due or overdue, and which
// tester tested which unit (so testing can rotate). The plan counts in fixed calendar periods of
// the Taipei year: "every 4 months" is Jan–Apr, May–Aug, Sep–Dec (3 tests a year per unit, which is
// how 「每 4 個月至少測試 1 次」 is audited), "N per quarter" is periods of 3 months with N tests.
import type { Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { ROC_OFFSET, taipeiParts } from '../record/quarter';
import { reportUnits, unitKeyOf, type UnitInfo, type UnitRef } from './units';

export const PERIOD_MONTHS = [1, 2, 3, 4, 6, 12] as const;
export type PeriodMonths = (typeof PERIOD_MONTHS)[number];

export interface PlanSetting {
  /** Length of one plan period in months; divides the year. */
  periodMonths: PeriodMonths;
  /** Tests each unit needs in every period. */
  testsPerPeriod: number;
}

export const PLAN_SETTING = 'report.plan';
export const DEFAULT_PLAN: PlanSetting = { periodMonths: 4, testsPerPeriod: 1 };

export function validatePlan(input: unknown): { ok: true; value: PlanSetting } | { ok: false; error: string } {
  const p = input as Partial<PlanSetting> | null;
  if (typeof p !== 'object' || p === null) return { ok: false, error: 'plan: must be an object {periodMonths, testsPerPeriod}' };
  if (!PERIOD_MONTHS.includes(p.periodMonths as PeriodMonths)) {
    return { ok: false, error: `periodMonths: must be one of ${PERIOD_MONTHS.join(', ')} (a period must divide the year)` };
  }
  if (typeof p.testsPerPeriod !== 'number' || !Number.isInteger(p.testsPerPeriod) || p.testsPerPeriod < 1 || p.testsPerPeriod > 50) {
    return { ok: false, error: 'testsPerPeriod: must be a whole number from 1 to 50' };
  }
  return { ok: true, value: { periodMonths: p.periodMonths as PeriodMonths, testsPerPeriod: p.testsPerPeriod } };
}

/** The plan in the yearly report's words: 「每 4 個月至少測試 1 次」, 「每季至少測試 2 次」. */
export function planText(plan: PlanSetting): Text {
  const n = plan.testsPerPeriod;
  const zhEvery = plan.periodMonths === 3 ? '每季' : plan.periodMonths === 12 ? '每年' : plan.periodMonths === 1 ? '每月' : `每 ${plan.periodMonths} 個月`;
  const enEvery = plan.periodMonths === 3 ? 'every quarter' : plan.periodMonths === 12 ? 'every year' : plan.periodMonths === 1 ? 'every month' : `every ${plan.periodMonths} months`;
  return { zh: `${zhEvery}至少測試 ${n} 次`, en: `At least ${n} test${n === 1 ? '' : 's'} ${enEvery}` };
}

export interface PlanPeriod {
  rocYear: number;
  /** 0-based index of the period in its year. */
  index: number;
  /** ISO instants [start, end). */
  start: string;
  end: string;
  label: Text;
}

function taipeiMidnight(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0, 1) - 8 * 3600_000).toISOString();
}

export function periodAt(rocYear: number, index: number, plan: PlanSetting): PlanPeriod {
  const perYear = 12 / plan.periodMonths;
  // Normalise an index outside the year (the period before the first of a year).
  while (index < 0) {
    rocYear -= 1;
    index += perYear;
  }
  while (index >= perYear) {
    rocYear += 1;
    index -= perYear;
  }
  const year = rocYear + ROC_OFFSET;
  const m0 = index * plan.periodMonths;
  const m1 = m0 + plan.periodMonths;
  let label: Text;
  if (plan.periodMonths === 12) label = { zh: `${rocYear} 年`, en: `ROC ${rocYear}` };
  else if (plan.periodMonths === 3) label = { zh: `${rocYear} 年第 ${index + 1} 季`, en: `ROC ${rocYear} Q${index + 1}` };
  else if (plan.periodMonths === 1) label = { zh: `${rocYear} 年 ${m0 + 1} 月`, en: `ROC ${rocYear}-${String(m0 + 1).padStart(2, '0')}` };
  else label = { zh: `${rocYear} 年 ${m0 + 1}–${m1} 月`, en: `ROC ${rocYear} months ${m0 + 1}–${m1}` };
  return { rocYear, index, start: taipeiMidnight(year, m0), end: taipeiMidnight(year, m1), label };
}

export function periodOf(instant: string, plan: PlanSetting): PlanPeriod {
  const { year, month } = taipeiParts(instant);
  return periodAt(year - ROC_OFFSET, Math.floor((month - 1) / plan.periodMonths), plan);
}

const inPeriod = (r: ServerRecord, p: PlanPeriod) => {
  const t = Date.parse(r.testedAt);
  return t >= Date.parse(p.start) && t < Date.parse(p.end);
};

export type UnitPlanStatus = 'done' | 'due' | 'overdue';

export interface UnitPlanRow extends UnitRef {
  testsThisPeriod: number;
  testsPreviousPeriod: number;
  required: number;
  /** done: this period's tests are in; due: still to test by the period's end; overdue: the previous period was missed and this one is not done yet. */
  status: UnitPlanStatus;
  dueBy: string;
  lastTestedAt: string | null;
}

export interface PlanStatus {
  asOf: string;
  plan: PlanSetting;
  planText: Text;
  period: PlanPeriod;
  previousPeriod: PlanPeriod;
  units: UnitPlanRow[];
  counts: Record<UnitPlanStatus, number>;
}

/** Which units are done, due or overdue as of a date. `records` should cover at least the previous period. */
export function planStatus(records: ServerRecord[], units: UnitInfo[], plan: PlanSetting, asOf: string): PlanStatus {
  const period = periodOf(asOf, plan);
  const previousPeriod = periodAt(period.rocYear, period.index - 1, plan);
  const asOfMs = Date.parse(asOf);
  const upTo = records.filter((r) => Date.parse(r.testedAt) <= asOfMs);
  const counts: Record<UnitPlanStatus, number> = { done: 0, due: 0, overdue: 0 };
  const rows = reportUnits(units, upTo).map((unit): UnitPlanRow => {
    const mine = upTo.filter((r) => unitKeyOf(r) === unit.unitKey);
    const now = mine.filter((r) => inPeriod(r, period)).length;
    const before = mine.filter((r) => inPeriod(r, previousPeriod)).length;
    // A unit created after the previous period ended could not have been tested in it.
    const existedBefore = !unit.createdAt || Date.parse(unit.createdAt) < Date.parse(previousPeriod.end);
    const status: UnitPlanStatus = now >= plan.testsPerPeriod ? 'done' : existedBefore && before < plan.testsPerPeriod ? 'overdue' : 'due';
    counts[status] += 1;
    const last = mine.reduce<string | null>((acc, r) => (acc === null || Date.parse(r.testedAt) > Date.parse(acc) ? r.testedAt : acc), null);
    return {
      unitKey: unit.unitKey,
      unitId: unit.unitId,
      unitName: unit.unitName,
      testsThisPeriod: now,
      testsPreviousPeriod: before,
      required: plan.testsPerPeriod,
      status,
      dueBy: period.end,
      lastTestedAt: last,
    };
  });
  // Overdue first, then due, then done: the list is a to-do list.
  const rank: Record<UnitPlanStatus, number> = { overdue: 0, due: 1, done: 2 };
  rows.sort((a, b) => rank[a.status] - rank[b.status]);
  return { asOf, plan, planText: planText(plan), period, previousPeriod, units: rows, counts };
}

export type PeriodState = 'met' | 'missed' | 'pending' | 'notRequired';

export interface UnitCompliance extends UnitRef {
  periods: { count: number; state: PeriodState }[];
  /** No period missed (pending periods do not count against it). */
  compliant: boolean;
}

export interface AnnualCompliance {
  plan: PlanSetting;
  planText: Text;
  periods: PlanPeriod[];
  units: UnitCompliance[];
  compliantUnits: number;
  totalUnits: number;
}

/** Whether each unit was tested as often as the plan requires in every period of a ROC year. */
export function annualCompliance(records: ServerRecord[], units: UnitInfo[], plan: PlanSetting, rocYear: number, asOf: string): AnnualCompliance {
  const periods = Array.from({ length: 12 / plan.periodMonths }, (_, i) => periodAt(rocYear, i, plan));
  const asOfMs = Date.parse(asOf);
  const rows = reportUnits(units, records).map((unit): UnitCompliance => {
    const mine = records.filter((r) => unitKeyOf(r) === unit.unitKey);
    const cells = periods.map((p) => {
      const count = mine.filter((r) => inPeriod(r, p)).length;
      let state: PeriodState;
      if (count >= plan.testsPerPeriod) state = 'met';
      else if (unit.createdAt && Date.parse(unit.createdAt) >= Date.parse(p.end)) state = 'notRequired';
      else if (Date.parse(p.end) > asOfMs) state = 'pending';
      else state = 'missed';
      return { count, state };
    });
    return { unitKey: unit.unitKey, unitId: unit.unitId, unitName: unit.unitName, periods: cells, compliant: !cells.some((c) => c.state === 'missed') };
  });
  return { plan, planText: planText(plan), periods, units: rows, compliantUnits: rows.filter((r) => r.compliant).length, totalUnits: rows.length };
}

export interface Rotation {
  testers: { testerKey: string; testerName: string }[];
  units: (UnitRef & { counts: Record<string, number>; lastTesterName: string })[];
}

/** Which tester tested which unit how many times, so the next test can go to someone else. */
export function rotation(records: ServerRecord[], units: UnitInfo[]): Rotation {
  const testers = new Map<string, string>();
  const keyOf = (r: ServerRecord) => (r.testerId ? r.testerId : `name:${r.testerName.trim()}`);
  for (const r of records) if (!testers.has(keyOf(r))) testers.set(keyOf(r), r.testerName.trim() || r.testerId || '—');
  const rows = reportUnits(units, records).map((unit) => {
    const mine = records.filter((r) => unitKeyOf(r) === unit.unitKey).sort((a, b) => Date.parse(a.testedAt) - Date.parse(b.testedAt));
    const counts: Record<string, number> = {};
    for (const r of mine) counts[keyOf(r)] = (counts[keyOf(r)] ?? 0) + 1;
    const last = mine[mine.length - 1];
    return { unitKey: unit.unitKey, unitId: unit.unitId, unitName: unit.unitName, counts, lastTesterName: last ? testers.get(keyOf(last))! : '' };
  });
  const testerList = [...testers].map(([testerKey, testerName]) => ({ testerKey, testerName })).sort((a, b) => a.testerName.localeCompare(b.testerName, 'zh-Hant'));
  return { testers: testerList, units: rows };
}
