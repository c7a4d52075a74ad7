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
import { DEFAULT_FOLLOW_UP, FOLLOW_UP_SETTING, followUps, validateFollowUp, type FollowUpList, type FollowUpSetting, type ImprovementInfo } from './followUp';
import { CALIBRATION_SETTING, calibration, DEFAULT_CALIBRATION, validateCalibration, type Calibration, type CalibrationSetting } from './calibration';
import { flatDocument } from './flat';
import { renderDocument } from './export';

/** What reports read, and nothing more: tests in a time range, the units, settings, acknowledgements. */
export interface ReportSource {
  /**
   * Scored, live tests with testedAt in [start, end) (ISO instants). With `asOf`: only tests received
   * by then, each in the version held then (issue 13), drafts included (they are counted and stated).
   */
  listTests(query: { start?: string; end?: string; unitIds?: string[]; asOf?: string }): Promise<ServerRecord[]>;
  listUnits(): Promise<UnitInfo[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  listAcknowledgements(testIds?: string[]): Promise<AcknowledgementInfo[]>;
  /** Improvement reports (考核結果處理情形) on these tests. */
  listImprovements(testIds?: string[]): Promise<ImprovementInfo[]>;
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

export function loadFollowUpSetting(store: Store): Promise<FollowUpSetting> {
  return loadSetting(store, FOLLOW_UP_SETTING, validateFollowUp, DEFAULT_FOLLOW_UP);
}

export function loadCalibrationSetting(store: Store): Promise<CalibrationSetting> {
  return loadSetting(store, CALIBRATION_SETTING, validateCalibration, DEFAULT_CALIBRATION);
}

/** The units the server knew at the cut (a unit created later is not in an earlier report). */
async function unitsAsOf(store: Store, asOf: string): Promise<UnitInfo[]> {
  return (await store.listUnits()).filter((u) => !u.createdAt || Date.parse(u.createdAt) <= Date.parse(asOf));
}

/**
 * The annual report as the server held it at `asOf` (issue 13): only tests received by then, each in
 * the version received by then. Reports and acknowledgements entered after the cut are left out too.
 * Settings (grade bands, plan, threshold) are read as they are now: they are not versioned.
 */
export async function loadAnnualReport(store: Store, rocYear: number, asOf: string): Promise<AnnualReport> {
  const [records, previousRecords, units, bands, plan, followUp] = await Promise.all([
    store.listTests({ ...yearRange(rocYear), asOf }),
    store.listTests({ ...yearRange(rocYear - 1), asOf }),
    unitsAsOf(store, asOf),
    loadGrades(store),
    loadPlan(store),
    loadFollowUpSetting(store),
  ]);
  const ids = countedTests(records).map((r) => r.id);
  const [improvements, acknowledgements] = ids.length ? await Promise.all([store.listImprovements(ids), store.listAcknowledgements(ids)]) : [[], []];
  return annualReport({ rocYear, records, previousRecords, units, bands, plan, asOf, improvements, acknowledgements, followUp });
}

/** One row per test with every item's points (ODS/XLSX/CSV), as of the same cut as the annual report. */
export async function buildTestsExport(store: Store, rocYear: number, format: 'ods' | 'xlsx' | 'csv', asOf: string, lang: Lang = 'zh'): Promise<ExportFile> {
  const [records, units, bands] = await Promise.all([store.listTests({ ...yearRange(rocYear), asOf }), unitsAsOf(store, asOf), loadGrades(store)]);
  const doc = flatDocument({ rocYear, records, units, bands, asOf }, lang);
  return renderDocument(doc, format, `courtesy-tests-${rocYear}`, `${rocYear}年電話禮貌測試逐筆資料`);
}

/** Results under the threshold and their improvement reports, now; a unit head's own units only. */
export async function loadFollowUps(store: Store, options: { unitIds?: string[]; quarter?: string; asOf?: string } = {}): Promise<FollowUpList> {
  const asOf = options.asOf ?? new Date().toISOString();
  const range = options.quarter ? quarterRange(parseQuarterKey(options.quarter)) : {};
  const [records, units, bands, setting] = await Promise.all([
    store.listTests({ ...range, ...(options.unitIds ? { unitIds: options.unitIds } : {}) }),
    store.listUnits(),
    loadGrades(store),
    loadFollowUpSetting(store),
  ]);
  const ids = countedTests(records).map((r) => r.id);
  const reports = ids.length ? await store.listImprovements(ids) : [];
  return followUps({ records, units, reports, setting, bands, asOf });
}

/** Tester calibration over the year before `asOf` (admins only: the route checks the role). */
export async function loadCalibration(store: Store, asOf: string): Promise<Calibration> {
  const end = new Date(Date.parse(asOf) + 1).toISOString();
  const start = new Date(Date.parse(asOf) - 365 * 24 * 3600_000).toISOString();
  const [records, setting] = await Promise.all([store.listTests({ start, end }), loadCalibrationSetting(store)]);
  return calibration(countedTests(records), setting);
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
