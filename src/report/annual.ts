// The annual report for a ROC year (執行績效與成果): the summary sentence in the yearly report's
// style, a unit × quarter table of 人次 and averages, the items that lost most points, and the
// plan's compliance. Pure: the same inputs always give the same report (the CLI and the app's
// export must agree byte for byte).
import type { Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { maskExtension, maskSurname } from '../record/mask';
import { formatRocDate, quarterKey, quarterLabel } from '../record/quarter';
import { compare, toFixed, type Fraction } from './exact';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { itemLosses, type ItemLoss } from './losses';
import { annualCompliance, DEFAULT_PLAN, PERIOD_STATE_TEXT, rotation, type AnnualCompliance, type PlanSetting, type Rotation } from './plan';
import { changeOf, countedTests, exactMean, gradedText, maxOf, SENTENCE_DECIMALS, statMean, statOf, totalOf, type Stat, type StatChange } from './stats';
import { callFigures, gradeDistribution, type CallFigures, type GradeCount } from './figures';
import { DEFAULT_FOLLOW_UP, followUps, type FollowUpList, type FollowUpSetting, type ImprovementInfo } from './followUp';
import type { AcknowledgementInfo } from './review';
import { groupByUnit, reportUnits, unitKeyOf, type UnitInfo, type UnitRef } from './units';

export interface AnnualUnitRow extends UnitRef {
  quarters: Stat[];
  year: Stat;
}

export interface AnnualTestRow {
  id: string;
  testedAt: string;
  dateText: string;
  quarter: string;
  unitName: string;
  testerName: string;
  /** Masked (個資法). */
  answererSurname: string;
  extension: string;
  total: number;
  /** The max of the sheet version the test was scored on. */
  max: number;
  grade: string | null;
  complete: boolean;
  /** 1–4, shown as 第1季. */
  quarterNumber: number;
  sheetId: string;
  sheetVersion: number;
  /** The unit head's acknowledgement, if any: comment and 改善措施. */
  acknowledgedAt: string | null;
  comment: string;
  correctiveAction: string;
}

export interface AnnualReport {
  rocYear: number;
  asOf: string;
  bands: GradeBands;
  plan: PlanSetting;
  overall: Stat;
  /** The unit(s) with the lowest average of the year (ties all named). */
  lowestUnits: (UnitRef & { averageText: string })[];
  highestUnits: (UnitRef & { averageText: string })[];
  /** 「115 年共執行電話禮貌測試 44 人次，平均 91.2 分…」 */
  sentence: Text;
  complianceSentence: Text;
  quarterLabels: Text[];
  quarterKeys: string[];
  units: AnnualUnitRow[];
  quarterTotals: Stat[];
  losses: ItemLoss[];
  compliance: AnnualCompliance;
  rotation: Rotation;
  tests: AnnualTestRow[];
  /** Drafts of the year on the server: never counted, always stated (「另有 N 份草稿未列入」). */
  draftCount: number;
  calls: CallFigures;
  gradeDistribution: GradeCount[];
  /** 1–6 月 (Q1 + Q2), for the mid-year report. */
  halfYear: Stat;
  halfYearSentence: Text;
  previousYear: { rocYear: number; overall: Stat; calls: CallFigures };
  /** This year's average against the previous year's. */
  change: StatChange;
  changeSentence: Text;
  followUp: FollowUpList;
}

export interface AnnualInput {
  rocYear: number;
  /** Tests of the year (others are ignored). */
  records: ServerRecord[];
  units: UnitInfo[];
  bands?: GradeBands;
  plan?: PlanSetting;
  /** "Today" for the plan: periods not yet over are pending, not missed. */
  asOf: string;
  /** Tests of the previous ROC year, for the comparison (omit: compared with nothing). */
  previousRecords?: ServerRecord[];
  improvements?: ImprovementInfo[];
  acknowledgements?: AcknowledgementInfo[];
  followUp?: FollowUpSetting;
}

function extremes(rows: AnnualUnitRow[], pick: (c: number) => boolean): (UnitRef & { averageText: string })[] {
  const tested = rows.filter((r) => r.year.testCount > 0);
  let best: { mean: Fraction; rows: AnnualUnitRow[] } | null = null;
  for (const row of tested) {
    const m = statMean(row.year)!;
    const c = best ? compare(m, best.mean) : -1;
    if (!best || pick(c)) best = { mean: m, rows: [row] };
    else if (c === 0) best.rows.push(row);
  }
  return (best?.rows ?? []).map((r) => ({
    unitKey: r.unitKey,
    unitId: r.unitId,
    unitName: r.unitName,
    averageText: toFixed(best!.mean, SENTENCE_DECIMALS),
  }));
}

function draftsText(drafts: number): Text {
  return drafts > 0 ? { zh: `另有 ${drafts} 份草稿未列入。`, en: ` ${drafts} draft${drafts === 1 ? ' is' : 's are'} not counted.` } : { zh: '', en: '' };
}

function sentenceOf(rocYear: number, overall: Stat, records: ServerRecord[], lowest: AnnualReport['lowestUnits'], unitsTested: number, bands: GradeBands, drafts: number): Text {
  const d = draftsText(drafts);
  if (overall.testCount === 0) {
    if (drafts > 0) return { zh: `${rocYear} 年尚無完成之電話禮貌測試；${d.zh}`, en: `No telephone-courtesy test was completed in ROC ${rocYear};${d.en}` };
    return { zh: `${rocYear} 年未執行電話禮貌測試。`, en: `No telephone-courtesy tests were carried out in ROC ${rocYear}.` };
  }
  // As many decimals as keep the figure in its grade's band (89.975 reads 89.98, never 90.0 … 甲).
  const avg = gradedText(exactMean(records)!, bands, SENTENCE_DECIMALS);
  const grade = overall.grade ? `，等第「${overall.grade}」` : '';
  const names = lowest.map((u) => u.unitName);
  let zh = `${rocYear} 年共執行電話禮貌測試 ${overall.testCount} 人次，平均 ${avg} 分${grade}`;
  let en = `In ROC ${rocYear}, ${overall.testCount} telephone-courtesy test${overall.testCount === 1 ? ' was' : 's were'} carried out, averaging ${avg} points${overall.grade ? ` (grade ${overall.grade})` : ''}`;
  if (unitsTested > 1 && names.length) {
    zh += `；${unitsTested} 個受測單位中，以${names.join('、')}平均 ${lowest[0].averageText} 分最低`;
    en += `; of ${unitsTested} units tested, the lowest average was ${names.join(', ')} with ${lowest[0].averageText}`;
  }
  return { zh: `${zh}。${d.zh}`, en: `${en}.${d.en}` };
}

function complianceSentenceOf(c: AnnualCompliance): Text {
  const zhParts = (['met', 'missed', 'pending', 'notRequired'] as const).map((s) => `${PERIOD_STATE_TEXT[s].zh} ${c.counts[s]} 個`);
  const enParts = (['met', 'missed', 'pending', 'notRequired'] as const).map((s) => `${c.counts[s]} ${PERIOD_STATE_TEXT[s].en}`);
  return {
    zh: `依計畫${c.planText.zh}，${c.totalUnits} 個單位中${zhParts.join('、')}。`,
    en: `Plan: ${c.planText.en.toLowerCase()}; of ${c.totalUnits} units, ${enParts.join(', ')}.`,
  };
}

export function annualReport(input: AnnualInput): AnnualReport {
  const bands = input.bands ?? DEFAULT_GRADES;
  const plan = input.plan ?? DEFAULT_PLAN;
  const yearQuarters = ([1, 2, 3, 4] as const).map((quarter) => ({ rocYear: input.rocYear, quarter }));
  const quarterKeys = yearQuarters.map(quarterKey);
  const inYear = input.records.filter((r) => quarterKeys.includes(r.quarter) && !r.deleted);
  const draftCount = inYear.filter((r) => r.status === 'draft').length;
  const records = countedTests(inYear)
    .sort((a, b) => Date.parse(a.testedAt) - Date.parse(b.testedAt) || a.id.localeCompare(b.id));
  const units = reportUnits(input.units, records);
  const byUnit = groupByUnit(records);
  const rows: AnnualUnitRow[] = units.map((u) => {
    const mine = byUnit.get(u.unitKey) ?? [];
    return {
      unitKey: u.unitKey,
      unitId: u.unitId,
      unitName: u.unitName,
      quarters: quarterKeys.map((key) => statOf(mine.filter((r) => r.quarter === key), bands)),
      year: statOf(mine, bands),
    };
  });
  const overall = statOf(records, bands);
  const lowestUnits = extremes(rows, (c) => c < 0);
  const highestUnits = extremes(rows, (c) => c > 0);
  const compliance = annualCompliance(records, input.units, plan, input.rocYear, input.asOf);
  const unitsTested = rows.filter((r) => r.year.testCount > 0).length;
  const nameOf = new Map(units.map((u) => [u.unitKey, u.unitName]));
  const previousKeys = ([1, 2, 3, 4] as const).map((quarter) => quarterKey({ rocYear: input.rocYear - 1, quarter }));
  const previous = countedTests(input.previousRecords ?? []).filter((r) => previousKeys.includes(r.quarter));
  const previousOverall = statOf(previous, bands);
  const change = changeOf(overall, previousOverall);
  const firstHalf = records.filter((r) => r.quarter === quarterKeys[0] || r.quarter === quarterKeys[1]);
  const halfYear = statOf(firstHalf, bands);
  const acks = new Map((input.acknowledgements ?? []).filter((a) => Date.parse(a.at) <= Date.parse(input.asOf)).map((a) => [a.testId, a]));
  return {
    rocYear: input.rocYear,
    asOf: input.asOf,
    bands,
    plan,
    overall,
    lowestUnits,
    highestUnits,
    sentence: sentenceOf(input.rocYear, overall, records, lowestUnits, unitsTested, bands, draftCount),
    complianceSentence: complianceSentenceOf(compliance),
    quarterLabels: yearQuarters.map((q) => ({ zh: quarterLabel(q, 'zh'), en: quarterLabel(q, 'en') })),
    quarterKeys,
    units: rows,
    quarterTotals: quarterKeys.map((key) => statOf(records.filter((r) => r.quarter === key), bands)),
    losses: itemLosses(records),
    compliance,
    rotation: rotation(records, input.units),
    tests: records.map((r) => ({
      id: r.id,
      testedAt: r.testedAt,
      dateText: formatRocDate(r.testedAt, 'zh'),
      quarter: r.quarter,
      unitName: nameOf.get(unitKeyOf(r)) ?? r.unitName,
      testerName: r.testerName,
      answererSurname: maskSurname(r.answererSurname),
      extension: maskExtension(r.extension),
      total: totalOf(r),
      max: maxOf(r),
      grade: gradeOf(exactMean([r]), bands),
      complete: r.score!.complete,
      quarterNumber: Number(r.quarter.slice(-1)),
      sheetId: (r.score?.sheet ?? r.sheet).id,
      sheetVersion: (r.score?.sheet ?? r.sheet).version,
      acknowledgedAt: acks.get(r.id)?.at ?? null,
      comment: acks.get(r.id)?.comment ?? '',
      correctiveAction: acks.get(r.id)?.correctiveAction ?? '',
    })),
    draftCount,
    calls: callFigures(records),
    gradeDistribution: gradeDistribution(records, bands),
    halfYear,
    halfYearSentence: halfYearSentenceOf(input.rocYear, halfYear, bands, firstHalf),
    previousYear: { rocYear: input.rocYear - 1, overall: previousOverall, calls: callFigures(previous) },
    change,
    changeSentence: changeSentenceOf(input.rocYear, overall, previousOverall, change),
    followUp: followUps({ records, units: input.units, reports: input.improvements ?? [], setting: input.followUp ?? DEFAULT_FOLLOW_UP, bands, asOf: input.asOf }),
  };
}

function halfYearSentenceOf(rocYear: number, half: Stat, bands: GradeBands, records: ServerRecord[]): Text {
  if (half.testCount === 0) return { zh: `${rocYear} 年 1–6 月未執行電話禮貌測試。`, en: `No tests in January–June of ROC ${rocYear}.` };
  const avg = gradedText(exactMean(records)!, bands, SENTENCE_DECIMALS);
  return {
    zh: `${rocYear} 年 1–6 月共執行電話禮貌測試 ${half.testCount} 人次，平均 ${avg} 分${half.grade ? `，等第「${half.grade}」` : ''}。`,
    en: `January–June of ROC ${rocYear}: ${half.testCount} test${half.testCount === 1 ? '' : 's'}, averaging ${avg}${half.grade ? ` (grade ${half.grade})` : ''}.`,
  };
}

function changeSentenceOf(rocYear: number, now: Stat, before: Stat, change: StatChange): Text {
  if (before.testCount === 0) return { zh: `${rocYear - 1} 年無測試結果可資比較。`, en: `ROC ${rocYear - 1} has no results to compare with.` };
  if (now.testCount === 0) return { zh: `${rocYear - 1} 年平均 ${before.averageText} 分（${before.testCount} 人次）；本年尚無結果。`, en: `ROC ${rocYear - 1} averaged ${before.averageText} (${before.testCount} tests); no results this year yet.` };
  const dir = (change.change ?? 0) > 0 ? { zh: '上升', en: 'up' } : (change.change ?? 0) < 0 ? { zh: '下降', en: 'down' } : { zh: '持平', en: 'unchanged' };
  return {
    zh: `較 ${rocYear - 1} 年（平均 ${before.averageText} 分，${before.testCount} 人次）${dir.zh} ${change.changeText.replace(/^[+-]/, '')} 分。`,
    en: `Against ROC ${rocYear - 1} (average ${before.averageText}, ${before.testCount} tests): ${dir.en} ${change.changeText.replace(/^[+-]/, '')} points.`,
  };
}
