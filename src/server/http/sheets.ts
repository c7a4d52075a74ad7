// Sheet versions at run time (issue 11): an admin uploads a version (JSON), sees it validated and
// previewed, and publishes it with an effective date; devices fetch the published versions and
// cache them. Nothing is rebuilt or redeployed. The process's registry (src/scoresheet) learns each
// stored version, so records filled on it are accepted and scored by it.
import { Hono, type MiddlewareHandler } from 'hono';
import { canonicalJson, isEffectiveDate, loadSheet, previewSheet, registry, SheetError, SheetRegistry, type Sheet } from '../../scoresheet';
import type { ServerStore } from '../store';
import type { StoredSheetVersion } from '../store/types';
import { requireRole } from '../routes/deps';
import { badRequest, readJson, stringField } from './errors';
import type { AppEnv } from './session';

/** Errors as data: the node at fault, the rule, and a message in both languages. */
export interface SheetIssue {
  field: string;
  rule: 'sheet';
  message: { zh: string; en: string };
}

function issueOf(e: SheetError): SheetIssue {
  return { field: `sheet.${e.node}`, rule: 'sheet', message: { en: e.message, zh: `量表定義有誤（節點 ${e.node}）：${e.message}` } };
}

type Checked = { ok: true; sheet: Sheet } | { ok: false; issues: SheetIssue[] };

function check(doc: unknown): Checked {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, issues: [{ field: 'sheet', rule: 'sheet', message: { en: 'sheet: required, a sheet document (JSON object)', zh: 'sheet：必填，量表定義（JSON 物件）' } }] };
  }
  try {
    return { ok: true, sheet: loadSheet(doc) };
  } catch (e) {
    if (e instanceof SheetError) return { ok: false, issues: [issueOf(e)] };
    throw e;
  }
}

const summary = (sheet: Sheet) => ({ id: sheet.id, version: sheet.version, title: sheet.title, max: sheet.max, example: Boolean(sheet.example) });

function describeStored(v: StoredSheetVersion) {
  const { document: _document, ...rest } = v;
  return { ...rest, status: v.publishedAt ? 'published' : 'uploaded' };
}

/** Teach this process's registry every stored version (once per store; again after a publish). */
const loaded = new WeakMap<ServerStore, Promise<void>>();
export function loadStoredSheets(store: ServerStore, log: (line: string) => void = () => {}, into: SheetRegistry = registry): Promise<void> {
  if (into !== registry) return addStored(store, log, into);
  let p = loaded.get(store);
  if (!p) {
    p = addStored(store, log, registry);
    // A failed read (database down) is tried again on the next request, not remembered.
    p.catch(() => loaded.delete(store));
    loaded.set(store, p);
  }
  return p;
}

async function addStored(store: ServerStore, log: (line: string) => void, into: SheetRegistry): Promise<void> {
  for (const v of await store.listSheetVersions()) {
    try {
      into.add(v.document, { source: 'published', ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}) });
    } catch (e) {
      log(`sheet ${v.sheetId}@${v.version} in the store cannot be loaded: ${(e as Error).message}`);
    }
  }
}

export function sheetsLoaded(store: ServerStore): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    await loadStoredSheets(store);
    await next();
  };
}

export function sheetRoutes(store: ServerStore) {
  const app = new Hono<AppEnv>();

  // Devices (any signed-in user): every published version, to cache for offline use.
  app.get('/sheets', async (c) => {
    const actor = requireRole(c);
    if (actor instanceof Response) return actor;
    const published = (await store.listSheetVersions()).filter((v) => v.publishedAt);
    return c.json({
      versions: published.map((v) => ({ id: v.sheetId, version: v.version, effectiveFrom: v.effectiveFrom!, sheet: v.document })),
      library: registry.list().filter((e) => e.source === 'library').map((e) => ({ ...summary(e.sheet), ...(e.effectiveFrom ? { effectiveFrom: e.effectiveFrom } : {}) })),
    });
  });

  app.get('/admin/sheets', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const stored = await store.listSheetVersions();
    return c.json({
      library: registry.list().filter((e) => e.source === 'library').map((e) => ({ ...summary(e.sheet), ...(e.effectiveFrom ? { effectiveFrom: e.effectiveFrom } : {}) })),
      uploaded: stored.map((v) => ({ ...describeStored(v), title: (v.document as Sheet).title, max: (v.document as Sheet).max })),
    });
  });

  app.post('/admin/sheets/validate', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const checked = check((await readJson(c)).sheet);
    return c.json(checked.ok ? { ok: true, sheet: summary(checked.sheet) } : checked);
  });

  app.post('/admin/sheets/preview', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const checked = check((await readJson(c)).sheet);
    return c.json(checked.ok ? { ok: true, preview: previewSheet(checked.sheet), sheet: checked.sheet } : checked);
  });

  app.post('/admin/sheets', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const checked = check((await readJson(c)).sheet);
    if (!checked.ok) return c.json({ error: checked.issues[0].message.en, issues: checked.issues }, 400);
    const sheet = checked.sheet;
    if (registry.entry(sheet)?.source === 'library') return c.json({ error: `sheet: ${sheet.id}@${sheet.version} is in the library already; upload a new version number` }, 409);
    const known = registry.get(sheet);
    if (known && canonicalJson(known) !== canonicalJson(sheet)) {
      return c.json({ error: `sheet: ${sheet.id}@${sheet.version} was already uploaded with other content; a changed sheet needs a new version number` }, 409);
    }
    const username = c.get('actor')!.username;
    const stored = await store.saveSheetVersion({ sheetId: sheet.id, version: sheet.version, document: sheet, by: username });
    registry.add(stored.document, { source: 'published', ...(stored.effectiveFrom ? { effectiveFrom: stored.effectiveFrom } : {}) });
    await store.audit({ actor: username, action: 'sheet-upload', target: `${sheet.id}@${sheet.version}` });
    return c.json(describeStored(stored), 201);
  });

  app.post('/admin/sheets/:id/:version/publish', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const version = Number(c.req.param('version'));
    if (!Number.isInteger(version) || version < 1) throw badRequest(`version: must be a whole number ≥ 1, not ${JSON.stringify(c.req.param('version'))}`);
    const effectiveFrom = stringField(await readJson(c), 'effectiveFrom', { max: 10 })!;
    if (!isEffectiveDate(effectiveFrom)) throw badRequest(`effectiveFrom: must be a date YYYY-MM-DD (Asia/Taipei), not ${JSON.stringify(effectiveFrom)}`);
    const username = c.get('actor')!.username;
    const stored = await store.publishSheetVersion({ sheetId: c.req.param('id'), version, effectiveFrom, by: username });
    registry.add(stored.document, { source: 'published', effectiveFrom: stored.effectiveFrom! });
    await store.audit({ actor: username, action: 'sheet-publish', target: `${stored.sheetId}@${stored.version}`, detail: `in force from ${effectiveFrom}` });
    return c.json(describeStored(stored));
  });

  return app;
}
