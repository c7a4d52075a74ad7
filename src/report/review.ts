// The quarterly review a unit head reads: per unit 人次, average, lowest, highest, grade and the
// change against the previous quarter; the agency's overall figures; where points are lost; the
// trend over eight quarters; and the quarter's tests with their acknowledgement.
import type { Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { maskExtension, maskSurname } from '../record/mask';
import { formatRocDateTime, parseQuarterKey, previousQuarter, quarterKey, quarterLabel, type Quarter } from '../record/quarter';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { itemLosses, type ItemLoss } from './losses';
import { changeOf, countedTests, exactMean, statOf, type Stat, type StatChange } from './stats';
import { groupByUnit, reportUnits, unitKeyOf, type UnitInfo, type UnitRef } from './units';

export const TREND_QUARTERS = 8;

export interface AcknowledgementInfo {
  testId: string;
  userId: string;
  comment?: string;
  correctiveAction?: string;
  at: string;
}

export type StatWithChange = Stat & StatChange & { previous: Stat };
export type ReviewRow = UnitRef & StatWithChange;

export interface TrendPoint {
  quarter: string;
  testCount: number;
  average: number | null;
  averageText: string;
}

export interface Trend {
  quarters: string[];
  labels: Text[];
  units: (UnitRef & { points: TrendPoint[] })[];
  overall: TrendPoint[];
}

export interface ReviewTest {
  id: string;
  unitKey: string;
  unitName: string;
  testedAt: string;
  testedAtText: Text;
  total: number;
  /** The max of the sheet version this test was scored on (its total is out of this). */
  max: number;
  grade: string | null;
  /** Masked (個資法): 王○○. */
  answererSurname: string;
  extension: string;
  /** Blank for unit heads (they see results, not who tested). */
  testerName: string;
  acknowledgement: AcknowledgementInfo | null;
}

export interface QuarterlyReview {
  quarter: string;
  label: Text;
  previousQuarter: string;
  bands: GradeBands;
  units: ReviewRow[];
  /** The whole agency, whoever is reading (a unit head compares the unit with it). */
  overall: StatWithChange;
  losses: ItemLoss[];
  trend: Trend;
  tests: ReviewTest[];
}

export interface ReviewInput {
  quarter: string;
  /** Tests of at least the eight quarters ending with `quarter`; others are ignored. */
  records: ServerRecord[];
  units: UnitInfo[];
  bands?: GradeBands;
  acknowledgements?: AcknowledgementInfo[];
  /** A unit head's unit ids: only these units are listed. Omit for an admin (all units). */
  onlyUnitIds?: string[];
  /** Admins see who tested; unit heads do not. */
  showTester?: boolean;
}

/** The quarters ending with `q`, oldest first. */
export function lastQuarters(q: Quarter, n: number): Quarter[] {
  const out = [q];
  while (out.length < n) out.unshift(previousQuarter(out[0]));
  return out;
}

function withChange(current: ServerRecord[], previous: ServerRecord[], bands: GradeBands): StatWithChange {
  const now = statOf(current, bands);
  const before = statOf(previous, bands);
  return { ...now, ...changeOf(now, before), previous: before };
}

export function quarterlyReview(input: ReviewInput): QuarterlyReview {
  const bands = input.bands ?? DEFAULT_GRADES;
  const q = parseQuarterKey(input.quarter);
  const prevKey = quarterKey(previousQuarter(q));
  const counted = countedTests(input.records);
  const byQuarter = (key: string) => counted.filter((r) => r.quarter === key);
  const current = byQuarter(input.quarter);
  const previous = byQuarter(prevKey);
  const visible = (unitId: string) => !input.onlyUnitIds || input.onlyUnitIds.includes(unitId);

  const trendQuarters = lastQuarters(q, TREND_QUARTERS).map((x) => quarterKey(x));
  const inTrend = counted.filter((r) => trendQuarters.includes(r.quarter));
  const units = reportUnits(input.units, inTrend).filter((u) => visible(u.unitId));

  const curByUnit = groupByUnit(current);
  const prevByUnit = groupByUnit(previous);
  const rows: ReviewRow[] = units.map((u) => ({
    unitKey: u.unitKey,
    unitId: u.unitId,
    unitName: u.unitName,
    ...withChange(curByUnit.get(u.unitKey) ?? [], prevByUnit.get(u.unitKey) ?? [], bands),
  }));

  const visibleKeys = new Set(units.map((u) => u.unitKey));
  const losses = itemLosses(current).map((loss) => ({
    ...loss,
    byUnit: Object.fromEntries(Object.entries(loss.byUnit).filter(([key]) => visibleKeys.has(key))),
  }));

  const point = (records: ServerRecord[], key: string): TrendPoint => {
    const s = statOf(records);
    return { quarter: key, testCount: s.testCount, average: s.average, averageText: s.averageText };
  };
  // One pass groups the eight quarters' tests by quarter and by quarter × unit (not a scan per cell).
  const cells = new Map<string, ServerRecord[]>();
  const cell = (key: string) => cells.get(key) ?? [];
  for (const r of inTrend) {
    for (const key of [r.quarter, `${r.quarter}|${unitKeyOf(r)}`]) {
      const list = cells.get(key);
      if (list) list.push(r);
      else cells.set(key, [r]);
    }
  }
  const trend: Trend = {
    quarters: trendQuarters,
    labels: trendQuarters.map((key) => ({ zh: quarterLabel(parseQuarterKey(key), 'zh'), en: quarterLabel(parseQuarterKey(key), 'en') })),
    units: units.map((u) => ({
      unitKey: u.unitKey,
      unitId: u.unitId,
      unitName: u.unitName,
      points: trendQuarters.map((key) => point(cell(`${key}|${u.unitKey}`), key)),
    })),
    overall: trendQuarters.map((key) => point(cell(key), key)),
  };

  const acks = new Map((input.acknowledgements ?? []).map((a) => [a.testId, a]));
  const unitNames = new Map(units.map((u) => [u.unitKey, u.unitName]));
  const tests: ReviewTest[] = current
    .filter((r) => visibleKeys.has(unitKeyOf(r)))
    .map((r) => ({ r, at: Date.parse(r.testedAt) }))
    .sort((a, b) => a.at - b.at)
    .map(({ r }) => ({
      id: r.id,
      unitKey: unitKeyOf(r),
      unitName: unitNames.get(unitKeyOf(r)) ?? r.unitName,
      testedAt: r.testedAt,
      testedAtText: { zh: formatRocDateTime(r.testedAt, 'zh'), en: formatRocDateTime(r.testedAt, 'en') },
      total: r.score!.total,
      max: r.score!.max,
      grade: gradeOf(exactMean([r]), bands),
      answererSurname: maskSurname(r.answererSurname),
      extension: maskExtension(r.extension),
      testerName: input.showTester ? r.testerName : '',
      acknowledgement: acks.get(r.id) ?? null,
    }));

  return {
    quarter: input.quarter,
    label: { zh: quarterLabel(q, 'zh'), en: quarterLabel(q, 'en') },
    previousQuarter: prevKey,
    bands,
    units: rows,
    overall: withChange(current, previous, bands),
    losses,
    trend,
    tests,
  };
}

/** The test ids of a review still waiting for the unit head's acknowledgement. */
export function unacknowledged(review: QuarterlyReview): ReviewTest[] {
  return review.tests.filter((t) => !t.acknowledgement);
}
