// The only part of src/report that reads anything: it gathers a report's inputs through the source
// it declares here (ReportSource; the server's store satisfies it, and the route, the CLI and tests
// pass their own), then hands them to the pure functions. Route and CLI both call these, so they agree.
import type { ServerRecord } from '../record/schema';
import type { UnitInfo } from './units';
import type { AcknowledgementInfo } from './review';
import { parseQuarterKey, quarterKey, quarterRange, type Quarter } from '../record/quarter';
import { annualReport, type AnnualReport } from './annual';
import { exportAnnual, type ExportFile, type ExportFormat } from './export';
import { DEFAULT_GRADES, GRADE_SETTING, validateGrades, type GradeBands } from './grades';
import { DEFAULT_PLAN, PLAN_SETTING, planStatus, rotation, validatePlan, periodOf, periodAt, type PlanSetting, type PlanStatus, type Rotation } from './plan';
import { lastQuarters, quarterlyReview, TREND_QUARTERS, type QuarterlyReview } from './review';
import type { Lang } from './document';
import { countedTests } from './stats';

/** What reports read, and nothing more: tests in a time range, the units, settings, acknowledgements. */
export interface ReportSource {
  /** Scored, live tests with testedAt in [start, end) (ISO instants). */
  listTests(query: { start?: string; end?: string; unitIds?: string[] }): Promise<ServerRecord[]>;
  listUnits(): Promise<UnitInfo[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  listAcknowledgements(testIds?: string[]): Promise<AcknowledgementInfo[]>;
}

type Store = ReportSource;

/** A stored setting, or its default when unset or (after a bad manual edit) invalid. */
async function loadSetting<T>(store: Store, key: string, validate: (input: unknown) => { ok: true; value: T } | { ok: false }, fallback: T): Promise<T> {
  const stored = await store.getSetting<T>(key);
  const checked = stored === undefined ? null : validate(stored);
  return checked?.ok ? checked.value : fallback;
}

export function loadGrades(store: Store): Promise<GradeBands> {
  return loadSetting(store, GRADE_SETTING, validateGrades, DEFAULT_GRADES);
}

export function loadPlan(store: Store): Promise<PlanSetting> {
  return loadSetting(store, PLAN_SETTING, validatePlan, DEFAULT_PLAN);
}

export function yearRange(rocYear: number): { start: string; end: string } {
  return { start: quarterRange({ rocYear, quarter: 1 }).start, end: quarterRange({ rocYear, quarter: 4 }).end };
}

export async function loadAnnualReport(store: Store, rocYear: number, asOf: string): Promise<AnnualReport> {
  const [records, units, bands, plan] = await Promise.all([store.listTests(yearRange(rocYear)), store.listUnits(), loadGrades(store), loadPlan(store)]);
  return annualReport({ rocYear, records, units, bands, plan, asOf });
}

/** The download the app offers and the CLI writes: one function, one set of bytes. */
export async function buildAnnualExport(store: Store, rocYear: number, format: ExportFormat, asOf: string, lang: Lang = 'zh'): Promise<ExportFile> {
  return exportAnnual(await loadAnnualReport(store, rocYear, asOf), format, lang);
}

export interface ReviewOptions {
  onlyUnitIds?: string[];
  showTester?: boolean;
}

export async function loadQuarterlyReview(store: Store, quarter: string, options: ReviewOptions = {}): Promise<QuarterlyReview> {
  const q: Quarter = parseQuarterKey(quarter);
  const quarters = lastQuarters(q, TREND_QUARTERS);
  const range = { start: quarterRange(quarters[0]).start, end: quarterRange(q).end };
  const [records, units, bands] = await Promise.all([store.listTests(range), store.listUnits(), loadGrades(store)]);
  const current = records.filter((r) => r.quarter === quarterKey(q)).map((r) => r.id);
  const acknowledgements = current.length ? await store.listAcknowledgements(current) : [];
  return quarterlyReview({ quarter, records, units, bands, acknowledgements, ...options });
}

export async function loadPlanStatus(store: Store, asOf: string): Promise<PlanStatus & { rotation: Rotation }> {
  const plan = await loadPlan(store);
  const period = periodOf(asOf, plan);
  // Rotation looks back a year so a tester who tested a unit recently is visible.
  const from = periodAt(period.rocYear - 1, period.index, plan).start;
  const [records, units] = await Promise.all([store.listTests({ start: from, end: period.end }), store.listUnits()]);
  const counted = countedTests(records);
  return { ...planStatus(counted, units, plan, asOf), rotation: rotation(counted.filter((r) => Date.parse(r.testedAt) <= Date.parse(asOf)), units) };
}
