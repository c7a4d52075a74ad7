// Report endpoints: the quarterly review (unit heads: their units; admins: all), the annual report
// and its downloads, grade and plan settings, unit heads' acknowledgements, and the plan status.
// All figures come from src/report (pure); this file only checks roles, reads input and replies.
import { Hono, type Context } from 'hono';
import type { RouteDeps } from './deps';
import type { Actor } from '../store/types';
import { badRequest, HttpError, readJson, stringField } from '../http/errors';
import { parseQuarterKey, quarterKey, quarterOf } from '../../record/quarter';
import {
  contentDisposition,
  countedTests,
  exactMean,
  exportAnnual,
  GRADE_SETTING,
  gradeOf,
  isExportFormat,
  PLAN_SETTING,
  validateGrades,
  validatePlan,
  EXPORT_FORMATS,
} from '../../report';
import { annualHtml, HTML_MEDIA_TYPE, reviewHtml } from '../../report/export/html';
import {
  buildTestsExport,
  loadAnnualReport,
  loadCalibration,
  loadCalibrationSetting,
  loadFollowUps,
  loadFollowUpSetting,
  loadGrades,
  loadPlan,
  loadPlanStatus,
  loadQuarterlyReview,
} from '../../report/source';
import { parseAsOf } from '../../report/asOf';
import { FOLLOW_UP_SETTING, needsFollowUp, validateFollowUp } from '../../report/followUp';
import { CALIBRATION_SETTING, validateCalibration } from '../../report/calibration';
import { viewFor } from '../store/rows';
import type { Lang } from '../../report/document';
import { cspForHtml } from '../http/headers';

const MAX_TEXT = 2000;

function quarterParam(c: Context): string {
  const raw = c.req.query('quarter');
  if (raw === undefined || raw === '') return quarterKey(quarterOf(new Date()));
  let key: string;
  try {
    key = quarterKey(parseQuarterKey(raw));
  } catch {
    throw badRequest(`quarter: must look like 115-Q4 (ROC year, Q1–Q4), not ${JSON.stringify(raw)}`);
  }
  // The review compares with the quarters before; before ROC 2 there are none to name (was a 500).
  if (parseQuarterKey(key).rocYear < MIN_ROC_YEAR) throw badRequest(`quarter: the ROC year must be ${MIN_ROC_YEAR} or later, not ${JSON.stringify(raw)}`);
  return key;
}

const MIN_ROC_YEAR = 2;

/** PostgreSQL text cannot hold NUL: a setting carrying one is refused before anything is saved. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

function yearParam(c: Context): number {
  const raw = c.req.query('year');
  if (raw === undefined || raw === '') return quarterOf(new Date()).rocYear;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) throw badRequest(`year: must be a ROC year such as 115, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/**
 * The report's cut: a date is the end of that day in Taipei (2026-12-31 closes the year); what the
 * server had received by then, in the versions it held then, is the report. Default: now.
 */
function asOfParam(c: Context): string {
  const raw = c.req.query('asOf');
  if (raw === undefined || raw === '') return new Date().toISOString();
  const parsed = parseAsOf(raw, 'asOf');
  if (!parsed.ok) throw badRequest(parsed.error);
  return parsed.asOf;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function langParam(c: Context): Lang {
  const raw = c.req.query('lang');
  if (raw === undefined || raw === '' || raw === 'zh') return 'zh';
  if (raw === 'en') return 'en';
  throw badRequest(`lang: must be zh or en, not ${JSON.stringify(raw)}`);
}

const reviewOptions = (actor: Actor) => (actor.role === 'admin' ? { showTester: true } : { onlyUnitIds: actor.unitIds, showTester: false });

/** One stored report setting (grade bands, test plan) and how it is read, checked and logged. */
interface Setting<T> {
  path: string;
  key: string;
  load(store: RouteDeps['store']): Promise<T>;
  validate(input: unknown): { ok: true; value: T } | { ok: false; error: string };
  audit: { action: string; detail(value: T): string };
}

/** GET for any signed-in user (the screens show it); PUT for an admin only, validated and audit-logged. */
function settingRoutes<T>(app: Hono, deps: RouteDeps, setting: Setting<T>): void {
  app.get(setting.path, async (c) => {
    const actor = deps.requireUser(c);
    if (actor instanceof Response) return actor;
    return c.json(await setting.load(deps.store));
  });

  app.put(setting.path, async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const input = await readJson(c);
    if (hasNul(input)) throw badRequest(`${setting.key}: text must not contain NUL characters`);
    const checked = setting.validate(input);
    if (!checked.ok) throw badRequest(checked.error);
    await deps.store.setSetting(setting.key, checked.value);
    await deps.audit(c, setting.audit.action, setting.key, setting.audit.detail(checked.value));
    return c.json(checked.value);
  });
}

export function reportRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  app.get('/review', async (c) => {
    const actor = deps.requireRole(c, 'unitHead', 'admin');
    if (actor instanceof Response) return actor;
    const quarter = quarterParam(c);
    const review = await loadQuarterlyReview(store, quarter, reviewOptions(actor));
    await deps.audit(c, 'report.view', `review ${quarter}`, 'format=json');
    return c.json(review);
  });

  app.get('/review.html', async (c) => {
    const actor = deps.requireRole(c, 'unitHead', 'admin');
    if (actor instanceof Response) return actor;
    const quarter = quarterParam(c);
    const review = await loadQuarterlyReview(store, quarter, reviewOptions(actor));
    const html = reviewHtml(review, langParam(c));
    // Every read of results is audited, the print view as much as the JSON and the downloads.
    await deps.audit(c, 'report.view', `review ${quarter}`, 'format=html');
    return c.body(html, 200, { 'content-type': HTML_MEDIA_TYPE, 'content-security-policy': cspForHtml(html) });
  });

  // /report/annual (JSON), /report/annual.html (print view), /report/annual.ods|odt|xlsx|csv (downloads)
  app.get('/report/:file', async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const flat = /^tests\.([a-z]+)$/.exec(c.req.param('file'));
    if (flat) {
      // One row per test with every item's points (ods, xlsx, csv), as ODK/Kobo give.
      const format = flat[1];
      if (format !== 'ods' && format !== 'xlsx' && format !== 'csv') return c.json({ error: `format: must be one of ods, xlsx, csv, not ${JSON.stringify(format)}` }, 404);
      const year = yearParam(c);
      const file = await buildTestsExport(store, year, format, asOfParam(c), langParam(c));
      await deps.audit(c, 'report.export', `tests ${year}`, `format=${format}`);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'content-disposition': contentDisposition(file),
        'content-length': String(file.bytes.byteLength),
      });
    }
    const m = /^annual(?:\.([a-z]+))?$/.exec(c.req.param('file'));
    if (!m) return c.json({ error: `${c.req.path}: no such report (try /api/report/annual?year=115)` }, 404);
    const format = m[1];
    if (format !== undefined && format !== 'html' && !isExportFormat(format)) {
      return c.json({ error: `format: must be one of ${[...EXPORT_FORMATS, 'html'].join(', ')}, not ${JSON.stringify(format)}` }, 404);
    }
    const year = yearParam(c);
    const lang = langParam(c);
    const report = await loadAnnualReport(store, year, asOfParam(c));
    if (format === undefined || format === 'html') {
      await deps.audit(c, 'report.view', `annual ${year}`, `format=${format ?? 'json'}`);
      if (format === undefined) return c.json(report);
      const html = annualHtml(report, lang);
      return c.body(html, 200, { 'content-type': HTML_MEDIA_TYPE, 'content-security-policy': cspForHtml(html) });
    }
    const file = exportAnnual(report, format, lang);
    // An export carries (masked) personal data out of the system: it is audit-logged.
    await deps.audit(c, 'report.export', `annual ${year}`, `format=${format}`);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file),
      'content-length': String(file.bytes.byteLength),
    });
  });

  settingRoutes(app, deps, {
    path: '/settings/grades',
    key: GRADE_SETTING,
    load: loadGrades,
    validate: validateGrades,
    audit: { action: 'settings.grades', detail: (v) => v.bands.map((b) => `${b.grade}≥${b.min}`).join(' ') },
  });

  settingRoutes(app, deps, {
    path: '/settings/plan',
    key: PLAN_SETTING,
    load: loadPlan,
    validate: validatePlan,
    audit: { action: 'settings.plan', detail: (v) => `periodMonths=${v.periodMonths} testsPerPeriod=${v.testsPerPeriod}` },
  });

  settingRoutes(app, deps, {
    path: '/settings/follow-up',
    key: FOLLOW_UP_SETTING,
    load: loadFollowUpSetting,
    validate: validateFollowUp,
    audit: { action: 'settings.follow-up', detail: (v) => `threshold=${v.threshold} reportWithinDays=${v.reportWithinDays}` },
  });

  settingRoutes(app, deps, {
    path: '/settings/calibration',
    key: CALIBRATION_SETTING,
    load: loadCalibrationSetting,
    validate: validateCalibration,
    audit: { action: 'settings.calibration', detail: (v) => `margin=${v.margin}` },
  });

  // 考核結果處理情形: results under the threshold and their improvement reports. Unit heads: their units.
  app.get('/follow-ups', async (c) => {
    const actor = deps.requireRole(c, 'unitHead', 'admin');
    if (actor instanceof Response) return actor;
    const quarter = c.req.query('quarter') ? quarterParam(c) : undefined;
    return c.json(await loadFollowUps(store, { quarter, ...(actor.role === 'unitHead' ? { unitIds: actor.unitIds } : {}) }));
  });

  app.post('/follow-ups/:testId/report', async (c) => {
    const actor = deps.requireRole(c, 'unitHead');
    if (actor instanceof Response) return actor;
    const testId = c.req.param('testId');
    const body = await readJson(c);
    const cause = stringField(body, 'cause', { max: MAX_TEXT })!.trim();
    const measures = stringField(body, 'measures', { max: MAX_TEXT })!.trim();
    const dueOn = stringField(body, 'dueOn', { max: 10 })!.trim();
    if (!cause) throw badRequest('cause: required; say why the points were lost');
    if (!measures) throw badRequest('measures: required; say what will be done (改善措施)');
    if (!DATE_RE.test(dueOn) || parseAsOf(dueOn).ok === false) throw badRequest(`dueOn: must be a date YYYY-MM-DD, not ${JSON.stringify(dueOn)}`);
    const test = countedTests(await store.listTests({ unitIds: actor.unitIds })).find((t) => t.id === testId);
    if (!test) throw new HttpError(404, `testId: no completed test of your units has id ${JSON.stringify(testId)}`);
    const setting = await loadFollowUpSetting(store);
    if (!needsFollowUp(test, setting)) throw badRequest(`testId: this result (${test.score!.total}) is not below the follow-up threshold ${setting.threshold}; no improvement report is asked for`);
    const report = await store.submitImprovement({ testId, unitId: test.unitId, cause, measures, dueOn, submittedBy: actor.userId, submittedAt: new Date().toISOString() });
    await deps.audit(c, 'follow-up.report', testId, `due ${dueOn}`);
    return c.json(report);
  });

  app.post('/follow-ups/:testId/close', async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const testId = c.req.param('testId');
    const note = stringField(await readJson(c, { optional: true }), 'note', { optional: true, max: MAX_TEXT })?.trim() || undefined;
    const report = await store.closeImprovement(testId, actor.userId, note, new Date().toISOString());
    await deps.audit(c, 'follow-up.close', testId, note);
    return c.json(report);
  });

  // One test as the reviewer may see it (unit heads: their units, masked, no tester), for its printed sheet.
  app.get('/review/tests/:id', async (c) => {
    const actor = deps.requireRole(c, 'unitHead', 'admin');
    if (actor instanceof Response) return actor;
    const id = c.req.param('id');
    const list = await store.listTests(actor.role === 'unitHead' ? { unitIds: actor.unitIds } : {});
    const test = list.find((t) => t.id === id);
    if (!test) return c.json({ error: `id: no test ${JSON.stringify(id)} among the tests you may review` }, 404);
    return c.json(viewFor(actor, test));
  });

  // Tester calibration: admins only, never part of a unit head's review.
  app.get('/calibration', async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json(await loadCalibration(store, asOfParam(c)));
  });

  app.post('/acknowledgements', async (c) => {
    const actor = deps.requireRole(c, 'unitHead');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const testId = stringField(body, 'testId', { max: 200 })!.trim();
    if (!testId) throw badRequest('testId: required');
    const comment = stringField(body, 'comment', { optional: true, max: MAX_TEXT })?.trim() || undefined;
    const correctiveAction = stringField(body, 'correctiveAction', { optional: true, max: MAX_TEXT })?.trim() || undefined;
    // Only a counted result of one of the head's own units can be acknowledged.
    const test = countedTests(await store.listTests({ unitIds: actor.unitIds })).find((t) => t.id === testId);
    if (!test) throw new HttpError(404, `testId: no completed test of your units has id ${JSON.stringify(testId)}`);
    const ack = { testId, userId: actor.userId, comment, correctiveAction, at: new Date().toISOString() };
    await store.acknowledge(ack);
    await deps.audit(c, 'acknowledge', testId);
    return c.json({ acknowledgement: ack });
  });

  app.get('/acknowledgements/pending', async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const raw = c.req.query('quarter');
    const quarter = raw ? quarterParam(c) : undefined;
    const tests = countedTests(await store.listTests({})).filter((t) => !quarter || t.quarter === quarter);
    const acked = new Set((tests.length ? await store.listAcknowledgements(tests.map((t) => t.id)) : []).map((a) => a.testId));
    const bands = await loadGrades(store);
    return c.json(
      tests
        .filter((t) => !acked.has(t.id))
        .map((t) => ({
          id: t.id,
          unitId: t.unitId,
          unitName: t.unitName,
          quarter: t.quarter,
          testedAt: t.testedAt,
          total: t.score!.total,
          grade: gradeOf(exactMean([t]), bands),
        })),
    );
  });

  app.get('/plan/status', async (c) => {
    const actor = deps.requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json(await loadPlanStatus(store, asOfParam(c)));
  });

  return app;
}
