// Sheet versions uploaded by an admin. A version is written once and published once: a record
// names id@version for ever, so neither its document nor its effective date may change later.
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../scoresheet';
import { InputError } from './accounts';
import type { Database, SheetVersionsTable } from './db';
import type { StoredSheetVersion } from './types';

type Db = Kysely<Database>;

const toStored = (r: SheetVersionsTable): StoredSheetVersion => ({
  sheetId: r.sheet_id,
  version: Number(r.version),
  document: JSON.parse(r.document),
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by,
  ...(r.effective_from ? { effectiveFrom: r.effective_from } : {}),
  ...(r.published_at ? { publishedAt: r.published_at } : {}),
  ...(r.published_by ? { publishedBy: r.published_by } : {}),
});

async function find(db: Db, sheetId: string, version: number) {
  return db.selectFrom('sheet_versions').selectAll().where('sheet_id', '=', sheetId).where('version', '=', version).executeTakeFirst();
}

export async function saveSheetVersion(db: Db, input: { sheetId: string; version: number; document: unknown; by: string }): Promise<StoredSheetVersion> {
  const text = canonicalJson(input.document);
  const existing = await find(db, input.sheetId, input.version);
  if (existing) {
    if (canonicalJson(JSON.parse(existing.document)) === text) return toStored(existing);
    throw new InputError(`sheet: ${input.sheetId}@${input.version} was already uploaded with other content; a changed sheet needs a new version number`, 409);
  }
  try {
    await db
      .insertInto('sheet_versions')
      .values({ sheet_id: input.sheetId, version: input.version, document: text, uploaded_at: new Date().toISOString(), uploaded_by: input.by, effective_from: null, published_at: null, published_by: null })
      .execute();
  } catch (e) {
    // Two uploads of the same version at once: the other one won; compare with it.
    const again = await find(db, input.sheetId, input.version);
    if (again && canonicalJson(JSON.parse(again.document)) === text) return toStored(again);
    if (again) throw new InputError(`sheet: ${input.sheetId}@${input.version} was already uploaded with other content; a changed sheet needs a new version number`, 409);
    throw e;
  }
  return toStored((await find(db, input.sheetId, input.version))!);
}

export async function publishSheetVersion(db: Db, input: { sheetId: string; version: number; effectiveFrom: string; by: string }): Promise<StoredSheetVersion> {
  const existing = await find(db, input.sheetId, input.version);
  if (!existing) throw new InputError(`sheet: ${input.sheetId}@${input.version} has not been uploaded`, 404);
  if (existing.published_at) {
    if (existing.effective_from === input.effectiveFrom) return toStored(existing);
    throw new InputError(`effectiveFrom: ${input.sheetId}@${input.version} is already published, in force from ${existing.effective_from}; publish a new version instead`, 409);
  }
  // Only an unpublished row is updated, so two publishes at once cannot both win.
  const result = await db
    .updateTable('sheet_versions')
    .set({ effective_from: input.effectiveFrom, published_at: new Date().toISOString(), published_by: input.by })
    .where('sheet_id', '=', input.sheetId)
    .where('version', '=', input.version)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  const row = (await find(db, input.sheetId, input.version))!;
  if (Number(result.numUpdatedRows) === 0 && row.effective_from !== input.effectiveFrom) {
    throw new InputError(`effectiveFrom: ${input.sheetId}@${input.version} was just published, in force from ${row.effective_from}`, 409);
  }
  return toStored(row);
}

export async function listSheetVersions(db: Db): Promise<StoredSheetVersion[]> {
  const rows = await db.selectFrom('sheet_versions').selectAll().orderBy('sheet_id').orderBy('version').execute();
  return rows.map(toStored);
}
