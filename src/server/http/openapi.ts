// The OpenAPI 3.1 description of every endpoint (served at /api/openapi.json). Every message's
// schema is generated from the valibot schemas the code validates with (the record contract in
// src/record/schema.ts, the admin API in ./schemas.ts); only the list of paths is written here.
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import * as record from '../../record/schema';
import * as api from './schemas';

const components = {
  Error: record.ErrorBodySchema,
  RecordError: record.RecordErrorSchema,
  SheetRef: record.SheetRefSchema,
  Attempt: record.AttemptSchema,
  HistoryEntry: record.HistoryEntrySchema,
  TestRecord: record.CourtesyTestSchema,
  PushRecord: record.PushRecordSchema,
  ServerRecord: record.ServerRecordSchema,
  Tombstone: record.TombstoneSchema,
  PushRequest: record.PushRequestSchema,
  PushResult: record.PushResultSchema,
  PushResponse: record.PushResponseSchema,
  PullResponse: record.PullResponseSchema,
  Role: api.RoleSchema,
  User: api.UserSchema,
  Unit: api.UnitSchema,
  Quarter: api.QuarterSchema,
  AuditEntry: api.AuditEntrySchema,
  Session: api.SessionSchema,
  LoginBody: api.LoginBodySchema,
  FirstAdminBody: api.FirstAdminBodySchema,
  CreateUnitBody: api.CreateUnitBodySchema,
  UnitStartBody: api.UnitStartBodySchema,
  CreateUserBody: api.CreateUserBodySchema,
  ReasonBody: api.ReasonBodySchema,
  PurgeBody: api.PurgeBodySchema,
  PurgeResult: api.PurgeResultSchema,
  AcknowledgementBody: api.AcknowledgementBodySchema,
  SetupStatus: api.SetupStatusSchema,
};

let cached: Record<string, object> | undefined;
/** JSON Schemas of every message, with references between them as OpenAPI component refs. */
function generatedSchemas(): Record<string, object> {
  // Checks with no JSON Schema form (a date's range, NUL-free text) are left out; the code runs them.
  cached ??= JSON.parse(JSON.stringify(toJsonSchemaDefs(components, { errorMode: 'ignore' })).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, object>;
  return cached;
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const err = (description: string) => ({ description, ...json(ref('Error')) });
const ok = (schema: object, description = 'OK') => ({ description, ...json(schema) });

const signedIn = { 401: err('not signed in') };
const adminOnly = { 401: err('not signed in'), 403: err('not an admin, or x-csrf-token missing/wrong') };
const headOrAdmin = { 401: err('not signed in'), 403: err('testers cannot read reviews') };
const headOnly = { 401: err('not signed in'), 403: err('only unit heads acknowledge') };
const mutation = { 400: err('bad input: the message names the field'), 413: err('body too large') };

type Op = { summary: string; tags: string[]; requestBody?: object; parameters?: object[]; responses: Record<string, object> };

const op = (summary: string, tag: string, responses: Record<string, object>, extra: Partial<Op> = {}): Op => ({ summary, tags: [tag], responses, ...extra });
const body = (schema: object) => ({ required: true, ...json(schema) });
const query = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });

export function openApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: '電話禮貌測試 sync server',
      version: '1',
      description:
        'Telephone-courtesy tests (附表3): accounts, sync, quarters, audit and reports. Session cookie `sid`; every non-GET request except login and first-admin carries `x-csrf-token`. Errors are `{error, field, rule, message: {zh, en}}`: the field and the rule, as data.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } },
      schemas: generatedSchemas(),
    },
    security: [{ session: [] }],
    paths: {
      '/api/auth/login': {
        post: op('Sign in (starts a session cookie)', 'auth', { 200: ok({ type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }), 401: err('wrong username or password'), 423: err('locked for 15 minutes: 5 failures for this account from this address, 20 from this address, or 50 for this account from everywhere'), 503: err('busy: too many sign-ins being checked; Retry-After'), ...mutation }, {
          requestBody: body(ref('LoginBody')),
        }),
      },
      '/api/auth/logout': { post: op('Sign out', 'auth', { 204: { description: 'signed out' } }) },
      '/api/auth/session': { get: op('The current session', 'auth', { 200: ok(ref('Session')) }) },
      '/api/setup/status': { get: op('Whether the first admin must still be created', 'setup', { 200: ok(ref('SetupStatus')) }) },
      '/api/setup/first-admin': {
        post: op('Create the first admin with the one-time token printed on first start', 'setup', { 201: ok({ type: 'object', properties: { user: ref('User'), csrfToken: { type: 'string' } } }), 403: err('token wrong or used'), ...mutation }, {
          requestBody: body(ref('FirstAdminBody')),
        }),
      },
      '/api/units': {
        get: op('Units tested (any signed-in user)', 'units', { 200: ok({ type: 'array', items: ref('Unit') }), ...signedIn }),
        post: op('Create a unit (admin)', 'units', { 201: ok(ref('Unit')), ...adminOnly, ...mutation }, { requestBody: body(ref('CreateUnitBody')) }),
      },
      '/api/units/{id}': {
        patch: op("Set or clear a unit's start date (admin, audited)", 'units', { 200: ok(ref('Unit')), 404: err('no such unit'), ...adminOnly, ...mutation }, {
          parameters: [pathParam('id', 'unit id')],
          requestBody: body(ref('UnitStartBody')),
        }),
      },
      '/api/users': {
        get: op('Users (admin)', 'users', { 200: ok({ type: 'array', items: ref('User') }), ...adminOnly }),
        post: op('Create a user (admin)', 'users', { 201: ok(ref('User')), 409: err('username taken'), ...adminOnly, ...mutation }, {
          requestBody: body(ref('CreateUserBody')),
        }),
      },
      '/api/auth/password': {
        post: op('Change your own password (required after an admin reset); your other sessions end', 'auth', { 200: ok({ type: 'object', properties: { user: ref('User') } }), 401: err('current password wrong, or not signed in'), 423: err('throttled like a sign-in'), ...mutation }, {
          requestBody: body({ type: 'object', required: ['currentPassword', 'newPassword'], properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 10, maxLength: 200 } } }),
        }),
      },
      '/api/users/{id}': {
        patch: op("Change a user's role, units or display name (admin, audited); a unit head's devices drop tests of units they no longer head", 'users', { 200: ok(ref('User')), 404: err('no such user'), ...adminOnly, ...mutation }, {
          parameters: [pathParam('id', 'user id')],
          requestBody: body({ type: 'object', properties: { role: ref('Role'), unitIds: { type: 'array', items: { type: 'string' } }, displayName: { type: 'string' } } }),
        }),
      },
      '/api/users/{id}/disable': { post: op('Disable a user: their sessions end at once (admin, audited)', 'users', { 200: ok(ref('User')), 404: err('no such user'), ...adminOnly }, { parameters: [pathParam('id', 'user id')] }) },
      '/api/users/{id}/enable': { post: op('Enable a disabled user (admin, audited)', 'users', { 200: ok(ref('User')), 404: err('no such user'), ...adminOnly }, { parameters: [pathParam('id', 'user id')] }) },
      '/api/users/{id}/reset-password': {
        post: op('Reset a password: returns a temporary password, shown once, that must be changed at the next sign-in; sessions end (admin, audited)', 'users', { 200: ok({ type: 'object', properties: { user: ref('User'), temporaryPassword: { type: 'string' } } }), 404: err('no such user'), ...adminOnly }, { parameters: [pathParam('id', 'user id')] }),
      },
      '/api/users/{id}/revoke-sessions': { post: op("End all of a user's sessions (admin, audited)", 'users', { 200: ok({ type: 'object', properties: { revoked: { type: 'integer' } } }), 404: err('no such user'), ...adminOnly }, { parameters: [pathParam('id', 'user id')] }) },
      '/api/admin/login-locks': {
        get: op('Sign-in throttles now locked: per address, per account, per account-and-address (admin)', 'admin', { 200: ok({ type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, kind: { type: 'string', enum: ['address', 'account', 'pair'] }, username: { type: 'string' }, address: { type: 'string' }, failures: { type: 'integer' }, lockedUntil: { type: 'string' } } } }), ...adminOnly }),
      },
      '/api/admin/unlock-login': {
        post: op("Clear a username's sign-in throttles (every address), or an address's (admin, audited)", 'admin', { 200: ok({ type: 'object', properties: { cleared: { type: 'integer' } } }), ...adminOnly, ...mutation }, {
          requestBody: body({ type: 'object', properties: { username: { type: 'string' }, address: { type: 'string' } } }),
        }),
      },
      '/api/admin/retention': {
        get: op('Retention of personal data: the setting, the cut-off it implies, and how many tests before it still hold a surname or extension (due > 0: a purge is due)', 'admin', { 200: ok({ type: 'object', properties: { months: { type: 'integer' }, dueBefore: { type: 'string' }, due: { type: 'integer' }, purgedBefore: { type: 'string' } } }), ...adminOnly }),
      },
      '/api/settings/retention': { put: op('Set the retention period in months (admin, audited)', 'admin', { 200: ok({ type: 'object', properties: { months: { type: 'integer' } } }), ...adminOnly, ...mutation }, { requestBody: body({ type: 'object', required: ['months'], properties: { months: { type: 'integer', minimum: 1, maximum: 600 } } }) }) },
      '/api/sync/push': {
        post: op('Push test changes; one result per op, in order (testers: own tests; admins: corrections)', 'sync', { 200: ok(ref('PushResponse')), 401: err('not signed in'), 403: err('unit heads cannot push; CSRF'), 426: err('the app is too old: 請更新 App'), ...mutation }, {
          requestBody: body(ref('PushRequest')),
        }),
      },
      '/api/sync/pull': {
        get: op('Changes after `since` the caller may see, in seq order; unit heads without tester identity', 'sync', { 200: ok(ref('PullResponse')), 400: err('bad since/limit/sheets'), 426: err('the app is too old: 請更新 App'), ...signedIn }, {
          parameters: [query('since', { type: 'integer', minimum: 0 }, 'cursor from the last pull (0 at first)'), query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 200 }, 'page size'), query('clientId', { type: 'string', maxLength: 100 }, "the caller's device: its own writes are left out (the cursor still passes them)"), query('protocol', { type: 'integer' }, 'the sync protocol the app speaks (required; 2)'), query('sheets', { type: 'string' }, 'the sheet versions the app can render, e.g. bsmi-fubiao3@1 (required); tests on others are withheld')],
        }),
      },
      '/api/quarters': { get: op('Quarters with tests or ever closed, newest first', 'quarters', { 200: ok({ type: 'array', items: ref('Quarter') }), ...signedIn }) },
      '/api/quarters/{key}/close': { post: op('Close a quarter: its tests become read-only (admin, audited)', 'quarters', { 200: ok(ref('Quarter')), ...adminOnly, ...mutation }, { parameters: [pathParam('key', 'e.g. 115-Q4')] }) },
      '/api/quarters/{key}/reopen': {
        post: op('Reopen a quarter (admin, audited with the reason)', 'quarters', { 200: ok(ref('Quarter')), ...adminOnly, ...mutation }, {
          parameters: [pathParam('key', 'e.g. 115-Q4')],
          requestBody: body(ref('ReasonBody')),
        }),
      },
      '/api/audit': { get: op('Audit log, newest first (admin)', 'audit', { 200: ok({ type: 'array', items: ref('AuditEntry') }), ...adminOnly }, { parameters: [query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, 'entries')] }) },
      '/api/admin/purge-personal-data': {
        post: op("Blank the answerer's surname and extension of tests before a date (admin, audited)", 'admin', { 200: ok(ref('PurgeResult')), ...adminOnly, ...mutation }, {
          requestBody: body(ref('PurgeBody')),
        }),
      },
      '/api/openapi.json': { get: { summary: 'This document', tags: ['meta'], security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
      // Report routes (src/server/routes/reports.ts, the report helper's module).
      '/api/review': { get: op("A quarter's review: unit heads their units (no tester identity), admins all", 'reports', { 200: { description: 'review' }, ...headOrAdmin }, { parameters: [query('quarter', { type: 'string' }, '115-Q4 (default: current)')] }) },
      '/api/review.html': { get: op("A quarter's review as a printable page", 'reports', { 200: { description: 'HTML' }, ...headOrAdmin }, { parameters: [query('quarter', { type: 'string' }, '115-Q4'), query('lang', { type: 'string', enum: ['zh', 'en'] }, 'language')] }) },
      '/api/report/annual': { get: op('Annual report figures (admin)', 'reports', { 200: { description: 'annual report' }, ...adminOnly }, { parameters: [query('year', { type: 'integer' }, 'ROC year')] }) },
      '/api/report/annual.{format}': {
        get: op('Annual report as ods, odt, xlsx, csv or printable html (admin; downloads are audited)', 'reports', { 200: { description: 'file' }, 404: err('unknown format'), ...adminOnly }, {
          parameters: [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['ods', 'odt', 'xlsx', 'csv', 'html'] } }, query('year', { type: 'integer' }, 'ROC year'), query('lang', { type: 'string', enum: ['zh', 'en'] }, 'language')],
        }),
      },
      '/api/settings/grades': { get: op('Grade bands (any signed-in user)', 'reports', { 200: { description: 'grades' }, ...signedIn }), put: op('Set grade bands (admin, audited)', 'reports', { 200: { description: 'saved' }, ...adminOnly, ...mutation }, { requestBody: body({ type: 'object' }) }) },
      '/api/settings/plan': { get: op('Test plan (any signed-in user)', 'reports', { 200: { description: 'plan' }, ...signedIn }), put: op('Set the test plan (admin, audited)', 'reports', { 200: { description: 'saved' }, ...adminOnly, ...mutation }, { requestBody: body({ type: 'object' }) }) },
      '/api/acknowledgements': {
        post: op("A unit head's acknowledgement of one of their units' results", 'reports', { 200: { description: 'saved' }, 404: err('no such test of your units'), ...headOnly, ...mutation }, {
          requestBody: body(ref('AcknowledgementBody')),
        }),
      },
      '/api/acknowledgements/pending': { get: op('Counted results not yet acknowledged (admin)', 'reports', { 200: { description: 'list' }, ...adminOnly }, { parameters: [query('quarter', { type: 'string' }, '115-Q4')] }) },
      '/api/plan/status': { get: op('Tests done against the plan (admin)', 'reports', { 200: { description: 'status' }, ...adminOnly }) },
      '/api/settings/follow-up': { get: op('Follow-up threshold and report deadline (any signed-in user)', 'reports', { 200: { description: 'setting' }, ...signedIn }), put: op('Set the follow-up threshold (admin, audited)', 'reports', { 200: { description: 'saved' }, ...adminOnly, ...mutation }, { requestBody: body({ type: 'object', properties: { threshold: { type: 'number' }, reportWithinDays: { type: 'integer' } } }) }) },
      '/api/settings/calibration': { get: op('Tester calibration margin (any signed-in user)', 'reports', { 200: { description: 'setting' }, ...signedIn }), put: op('Set the calibration margin (admin, audited)', 'reports', { 200: { description: 'saved' }, ...adminOnly, ...mutation }, { requestBody: body({ type: 'object', properties: { margin: { type: 'number' } } }) }) },
      '/api/follow-ups': { get: op('Results under the threshold and their improvement reports (unit heads: their units)', 'reports', { 200: { description: 'list' }, ...headOrAdmin }, { parameters: [query('quarter', { type: 'string' }, '115-Q4 (default: all)')] }) },
      '/api/follow-ups/{testId}/report': {
        post: op("A unit head's improvement report on a result under the threshold", 'reports', { 200: { description: 'saved' }, 404: err('no such test of your units'), 409: err('closed'), ...headOnly, ...mutation }, {
          parameters: [pathParam('testId', 'test id')],
          requestBody: body({ type: 'object', required: ['cause', 'measures', 'dueOn'], properties: { cause: { type: 'string' }, measures: { type: 'string' }, dueOn: { type: 'string', format: 'date' } } }),
        }),
      },
      '/api/follow-ups/{testId}/close': { post: op('Close an improvement report (admin, audited)', 'reports', { 200: { description: 'closed' }, 404: err('no report'), 409: err('already closed'), ...adminOnly, ...mutation }, { parameters: [pathParam('testId', 'test id')], requestBody: { required: false, ...json({ type: 'object', properties: { note: { type: 'string' } } }) } }) },
      '/api/review/tests/{id}': { get: op('One test as the reviewer may see it, for its printed sheet', 'reports', { 200: ok(ref('TestRecord')), 404: err('not among your tests'), ...headOrAdmin }, { parameters: [pathParam('id', 'test id')] }) },
      '/api/calibration': { get: op("Each tester's average against the others' on the same units (admin only)", 'reports', { 200: { description: 'calibration' }, ...adminOnly }, { parameters: [query('asOf', { type: 'string' }, 'end of the year looked back on')] }) },
      '/api/report/tests.{format}': {
        get: op('One row per test with every item’s points, test id and sheet version (admin; audited)', 'reports', { 200: { description: 'file' }, 404: err('unknown format'), ...adminOnly }, {
          parameters: [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['ods', 'xlsx', 'csv'] } }, query('year', { type: 'integer' }, 'ROC year'), query('asOf', { type: 'string' }, 'cut: a date is the end of that day, Taipei'), query('lang', { type: 'string', enum: ['zh', 'en'] }, 'language')],
        }),
      },
      // Sheet versions (issue 11, src/server/http/sheets.ts). A sheet document is courtesy-sheet/1 (src/scoresheet/types.ts).
      '/api/sheets': {
        get: op('Published sheet versions with their documents and effective dates, for devices to cache (any signed-in user)', 'sheets', {
          200: ok({ type: 'object', required: ['versions', 'library'], properties: { versions: { type: 'array', items: { type: 'object', required: ['id', 'version', 'effectiveFrom', 'sheet'], properties: { id: { type: 'string' }, version: { type: 'integer' }, effectiveFrom: { type: 'string', format: 'date' }, sheet: { type: 'object' } } } }, library: { type: 'array', items: { type: 'object' } } } }),
          ...signedIn,
        }),
      },
      '/api/admin/sheets': {
        get: op('The library and every uploaded version, published or not (admin)', 'sheets', { 200: { description: 'list' }, ...adminOnly }),
        post: op('Upload a sheet version: validated (errors name the node), stored, not yet in force (admin, audited)', 'sheets', { 201: { description: 'uploaded' }, 409: err('that id@version exists with other content'), ...adminOnly, ...mutation }, {
          requestBody: body({ type: 'object', required: ['sheet'], properties: { sheet: { type: 'object' } } }),
        }),
      },
      '/api/admin/sheets/validate': {
        post: op('Validate a sheet version: {ok, sheet} or {ok: false, issues: [{field, rule, message: {zh, en}}]} (admin)', 'sheets', { 200: { description: 'result' }, ...adminOnly, ...mutation }, {
          requestBody: body({ type: 'object', required: ['sheet'], properties: { sheet: { type: 'object' } } }),
        }),
      },
      '/api/admin/sheets/preview': {
        post: op('Preview a sheet version: its outline and a worked example scored (admin)', 'sheets', { 200: { description: 'preview' }, ...adminOnly, ...mutation }, {
          requestBody: body({ type: 'object', required: ['sheet'], properties: { sheet: { type: 'object' } } }),
        }),
      },
      '/api/admin/sheets/{id}/{version}/publish': {
        post: op('Publish an uploaded version, in force from a date (Asia/Taipei); once only (admin, audited)', 'sheets', { 200: { description: 'published' }, 404: err('not uploaded'), 409: err('already published with another date'), ...adminOnly, ...mutation }, {
          parameters: [pathParam('id', 'sheet id, e.g. bsmi-fubiao3'), pathParam('version', 'whole number')],
          requestBody: body({ type: 'object', required: ['effectiveFrom'], properties: { effectiveFrom: { type: 'string', format: 'date' } } }),
        }),
      },
    },
  };
}
