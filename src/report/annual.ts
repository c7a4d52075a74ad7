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
import { annualCompliance, DEFAULT_PLAN, rotation, type AnnualCompliance, type PlanSetting, type Rotation } from './plan';
import { countedTests, exactMean, maxOf, SENTENCE_DECIMALS, statMean, statOf, totalOf, type Stat } from './stats';
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

function sentenceOf(rocYear: number, overall: Stat, records: ServerRecord[], lowest: AnnualReport['lowestUnits'], unitsTested: number): Text {
  if (overall.testCount === 0) return { zh: `${rocYear} 年未執行電話禮貌測試。`, en: `No telephone-courtesy tests were carried out in ROC ${rocYear}.` };
  const avg = toFixed(exactMean(records)!, SENTENCE_DECIMALS);
  const grade = overall.grade ? `，等第「${overall.grade}」` : '';
  const names = lowest.map((u) => u.unitName);
  let zh = `${rocYear} 年共執行電話禮貌測試 ${overall.testCount} 人次，平均 ${avg} 分${grade}`;
  let en = `In ROC ${rocYear}, ${overall.testCount} telephone-courtesy test${overall.testCount === 1 ? ' was' : 's were'} carried out, averaging ${avg} points${overall.grade ? ` (grade ${overall.grade})` : ''}`;
  if (unitsTested > 1 && names.length) {
    zh += `；${unitsTested} 個受測單位中，以${names.join('、')}平均 ${lowest[0].averageText} 分最低`;
    en += `; of ${unitsTested} units tested, the lowest average was ${names.join(', ')} with ${lowest[0].averageText}`;
  }
  return { zh: `${zh}。`, en: `${en}.` };
}

export function annualReport(input: AnnualInput): AnnualReport {
  const bands = input.bands ?? DEFAULT_GRADES;
  const plan = input.plan ?? DEFAULT_PLAN;
  const yearQuarters = ([1, 2, 3, 4] as const).map((quarter) => ({ rocYear: input.rocYear, quarter }));
  const quarterKeys = yearQuarters.map(quarterKey);
  const records = countedTests(input.records)
    .filter((r) => quarterKeys.includes(r.quarter))
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
  return {
    rocYear: input.rocYear,
    asOf: input.asOf,
    bands,
    plan,
    overall,
    lowestUnits,
    highestUnits,
    sentence: sentenceOf(input.rocYear, overall, records, lowestUnits, unitsTested),
    complianceSentence: {
      zh: `依計畫${compliance.planText.zh}，${compliance.totalUnits} 個單位中 ${compliance.compliantUnits} 個單位達成。`,
      en: `Plan: ${compliance.planText.en.toLowerCase()}; ${compliance.compliantUnits} of ${compliance.totalUnits} units met it.`,
    },
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
    })),
  };
}
