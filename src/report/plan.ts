// The test plan: how often each unit must be tested, which units are due or overdue, and which
// tester tested which unit (so testing can rotate). The plan counts in fixed calendar periods of
// the Taipei year: "every 4 months" is Jan–Apr, May–Aug, Sep–Dec (3 tests a year per unit, which is
// how 「每 4 個月至少測試 1 次」 is audited), "N per quarter" is periods of 3 months with N tests.
import type { Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { ROC_OFFSET, taipeiParts } from '../record/quarter';
import { reportUnits, unitKeyOf, unitStartMs, type UnitInfo, type UnitRef } from './units';
import { periodOver } from './asOf';

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

/** notStarted: the unit's own start date is after this period (nothing is asked of it yet). */
export type UnitPlanStatus = 'done' | 'due' | 'overdue' | 'notStarted';

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
  const counts: Record<UnitPlanStatus, number> = { done: 0, due: 0, overdue: 0, notStarted: 0 };
  const rows = reportUnits(units, upTo).map((unit): UnitPlanRow => {
    const mine = upTo.filter((r) => unitKeyOf(r) === unit.unitKey);
    const now = mine.filter((r) => inPeriod(r, period)).length;
    const before = mine.filter((r) => inPeriod(r, previousPeriod)).length;
    // The unit's own start date (a setting, not when its row was made) decides what was asked of it.
    const start = unitStartMs(unit.startsOn);
    const heldToPrevious = start === null || start < Date.parse(previousPeriod.end);
    const heldToThis = start === null || start < Date.parse(period.end);
    const status: UnitPlanStatus =
      now >= plan.testsPerPeriod ? 'done' : !heldToThis ? 'notStarted' : heldToPrevious && before < plan.testsPerPeriod ? 'overdue' : 'due';
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
  const rank: Record<UnitPlanStatus, number> = { overdue: 0, due: 1, done: 2, notStarted: 3 };
  rows.sort((a, b) => rank[a.status] - rank[b.status]);
  return { asOf, plan, planText: planText(plan), period, previousPeriod, units: rows, counts };
}

/** 達成 / 未達成 / 進行中 / 免測 (issue 13). */
export type PeriodState = 'met' | 'missed' | 'pending' | 'notRequired';
export const PERIOD_STATES: PeriodState[] = ['met', 'missed', 'pending', 'notRequired'];
export const PERIOD_STATE_TEXT: Record<PeriodState, Text> = {
  met: { zh: '達成', en: 'met' },
  missed: { zh: '未達成', en: 'missed' },
  pending: { zh: '進行中', en: 'in progress' },
  notRequired: { zh: '免測', en: 'not required' },
};

export interface UnitCompliance extends UnitRef {
  periods: { count: number; state: PeriodState }[];
  /**
   * The unit's year: 未達成 if any period was missed, else 進行中 while any period is still open,
   * else 免測 when every period was before the unit's start, else 達成. Never 達成 by default.
   */
  state: PeriodState;
  /** state === 'met'. */
  compliant: boolean;
}

export interface AnnualCompliance {
  plan: PlanSetting;
  planText: Text;
  periods: PlanPeriod[];
  units: UnitCompliance[];
  /** How many units' years are in each state. */
  counts: Record<PeriodState, number>;
  compliantUnits: number;
  totalUnits: number;
}

/** One unit × period: 達成 when its tests are in; 免測 only wholly before the unit's start with no test; 進行中 until the period is over; else 未達成. */
export function periodState(count: number, required: number, period: PlanPeriod, startMs: number | null, asOf: string): PeriodState {
  if (count >= required) return 'met';
  if (count === 0 && startMs !== null && Date.parse(period.end) <= startMs) return 'notRequired';
  if (!periodOver(period.end, asOf)) return 'pending';
  return 'missed';
}

export function yearState(states: PeriodState[]): PeriodState {
  if (states.includes('missed')) return 'missed';
  if (states.includes('pending')) return 'pending';
  if (states.length > 0 && states.every((s) => s === 'notRequired')) return 'notRequired';
  return 'met';
}

/** Whether each unit was tested as often as the plan requires in every period of a ROC year. */
export function annualCompliance(records: ServerRecord[], units: UnitInfo[], plan: PlanSetting, rocYear: number, asOf: string): AnnualCompliance {
  const periods = Array.from({ length: 12 / plan.periodMonths }, (_, i) => periodAt(rocYear, i, plan));
  const rows = reportUnits(units, records).map((unit): UnitCompliance => {
    const mine = records.filter((r) => unitKeyOf(r) === unit.unitKey);
    const start = unitStartMs(unit.startsOn);
    const cells = periods.map((p) => {
      const count = mine.filter((r) => inPeriod(r, p)).length;
      return { count, state: periodState(count, plan.testsPerPeriod, p, start, asOf) };
    });
    const state = yearState(cells.map((c) => c.state));
    return { unitKey: unit.unitKey, unitId: unit.unitId, unitName: unit.unitName, periods: cells, state, compliant: state === 'met' };
  });
  const counts: Record<PeriodState, number> = { met: 0, missed: 0, pending: 0, notRequired: 0 };
  for (const r of rows) counts[r.state] += 1;
  return { plan, planText: planText(plan), periods, units: rows, counts, compliantUnits: counts.met, totalUnits: rows.length };
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
