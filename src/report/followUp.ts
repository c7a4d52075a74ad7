// 考核結果處理情形: a result under the follow-up threshold (90 by default, an admin setting) asks the
// unit head for an improvement report — cause, 改善措施 and the date the measures will be in place.
// The secretariat sees which are still awaited, open (submitted, not closed) or closed, and which are
// overdue: a report not in within `reportWithinDays` of the test, or measures past their due date.
// Everything is judged at the report's as-of cut, so an old report reproduces.
import type { Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { formatRocDate, taipeiParts } from '../record/quarter';
import { compare, fraction } from './exact';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { countedTests, exactMean, totalOf } from './stats';
import { reportUnits, unitKeyOf, type UnitInfo, type UnitRef } from './units';

export interface FollowUpSetting {
  /** A result below this (exact total) needs an improvement report. */
  threshold: number;
  /** Days after the test within which the unit head's report is due. */
  reportWithinDays: number;
}

export const FOLLOW_UP_SETTING = 'report.followUp';
export const DEFAULT_FOLLOW_UP: FollowUpSetting = { threshold: 90, reportWithinDays: 30 };

export function validateFollowUp(input: unknown): { ok: true; value: FollowUpSetting } | { ok: false; error: string } {
  const v = input as Partial<FollowUpSetting> | null;
  if (typeof v !== 'object' || v === null) return { ok: false, error: 'followUp: must be an object {threshold, reportWithinDays}' };
  if (typeof v.threshold !== 'number' || !Number.isFinite(v.threshold) || v.threshold <= 0 || v.threshold > 100) {
    return { ok: false, error: 'threshold: must be a number above 0 and at most 100' };
  }
  if (typeof v.reportWithinDays !== 'number' || !Number.isInteger(v.reportWithinDays) || v.reportWithinDays < 1 || v.reportWithinDays > 365) {
    return { ok: false, error: 'reportWithinDays: must be a whole number of days from 1 to 365' };
  }
  return { ok: true, value: { threshold: v.threshold, reportWithinDays: v.reportWithinDays } };
}

/** The improvement report as the report layer reads it (the store's ImprovementReport). */
export interface ImprovementInfo {
  testId: string;
  cause: string;
  measures: string;
  dueOn: string;
  submittedAt: string;
  closedAt?: string;
  closedBy?: string;
  closingNote?: string;
}

/** awaiting: no report yet; open: reported, not closed by the secretariat; closed. */
export type FollowUpState = 'awaiting' | 'open' | 'closed';
export const FOLLOW_UP_STATE_TEXT: Record<FollowUpState, Text> = {
  awaiting: { zh: '待提報', en: 'report awaited' },
  open: { zh: '改善中', en: 'open' },
  closed: { zh: '已結案', en: 'closed' },
};

export interface FollowUpRow extends UnitRef {
  testId: string;
  quarter: string;
  testedAt: string;
  dateText: Text;
  total: number;
  grade: string | null;
  state: FollowUpState;
  overdue: boolean;
  /** YYYY-MM-DD (Taipei): the report is due by the end of this day. */
  reportDueOn: string;
  report: ImprovementInfo | null;
}

export interface FollowUpList {
  setting: FollowUpSetting;
  asOf: string;
  rows: FollowUpRow[];
  counts: { total: number; awaiting: number; open: number; closed: number; overdue: number };
  /** 「低於 90 分之結果 3 件：已結案 1 件、改善中 1 件、待提報 1 件（逾期 1 件）。」 */
  sentence: Text;
}

const endOfTaipeiDay = (ymd: string) => Date.parse(`${ymd}T00:00:00+08:00`) + 24 * 3600_000 - 1;

function addDays(instant: string, days: number): string {
  const { year, month, day } = taipeiParts(instant);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return d.toISOString().slice(0, 10);
}

/** Whether a result (exact total) is under the threshold. */
export function needsFollowUp(r: ServerRecord, setting: FollowUpSetting): boolean {
  return compare(fraction(totalOf(r)), fraction(setting.threshold)) < 0;
}

export function followUps(input: {
  records: ServerRecord[];
  units: UnitInfo[];
  reports: ImprovementInfo[];
  setting?: FollowUpSetting;
  bands?: GradeBands;
  asOf: string;
}): FollowUpList {
  const setting = input.setting ?? DEFAULT_FOLLOW_UP;
  const bands = input.bands ?? DEFAULT_GRADES;
  const cut = Date.parse(input.asOf);
  // A report (or its closing) that arrived after the cut is not part of the cut.
  const reports = new Map(input.reports.filter((r) => Date.parse(r.submittedAt) <= cut).map((r) => [r.testId, r]));
  const names = new Map(reportUnits(input.units, input.records).map((u) => [u.unitKey, u.unitName]));
  const rows = countedTests(input.records)
    .filter((r) => Date.parse(r.testedAt) <= cut && needsFollowUp(r, setting))
    .sort((a, b) => Date.parse(a.testedAt) - Date.parse(b.testedAt) || a.id.localeCompare(b.id))
    .map((r): FollowUpRow => {
      const stored = reports.get(r.id) ?? null;
      const closed = !!stored?.closedAt && Date.parse(stored.closedAt) <= cut;
      const report = stored && !closed ? { ...stored, closedAt: undefined, closedBy: undefined, closingNote: undefined } : stored;
      const state: FollowUpState = !report ? 'awaiting' : closed ? 'closed' : 'open';
      const reportDueOn = addDays(r.testedAt, setting.reportWithinDays);
      const overdue = state === 'awaiting' ? cut > endOfTaipeiDay(reportDueOn) : state === 'open' ? cut > endOfTaipeiDay(report!.dueOn) : false;
      const key = unitKeyOf(r);
      return {
        unitKey: key,
        unitId: r.unitId,
        unitName: names.get(key) ?? r.unitName,
        testId: r.id,
        quarter: r.quarter,
        testedAt: r.testedAt,
        dateText: { zh: formatRocDate(r.testedAt, 'zh'), en: formatRocDate(r.testedAt, 'en') },
        total: totalOf(r),
        grade: gradeOf(exactMean([r]), bands),
        state,
        overdue,
        reportDueOn,
        report,
      };
    });
  const counts = { total: rows.length, awaiting: 0, open: 0, closed: 0, overdue: 0 };
  for (const r of rows) {
    counts[r.state] += 1;
    if (r.overdue) counts.overdue += 1;
  }
  const t = setting.threshold;
  const sentence: Text =
    rows.length === 0
      ? { zh: `無低於 ${t} 分之測試結果，免提改善報告。`, en: `No result below ${t}; no improvement report was needed.` }
      : {
          zh: `低於 ${t} 分之測試結果 ${counts.total} 件，均請受測單位提報改善情形：已結案 ${counts.closed} 件、改善中 ${counts.open} 件、待提報 ${counts.awaiting} 件（其中逾期 ${counts.overdue} 件）。`,
          en: `${counts.total} result${counts.total === 1 ? '' : 's'} below ${t} asked the unit for an improvement report: ${counts.closed} closed, ${counts.open} open, ${counts.awaiting} awaited (${counts.overdue} overdue).`,
        };
  return { setting, asOf: input.asOf, rows, counts, sentence };
}
