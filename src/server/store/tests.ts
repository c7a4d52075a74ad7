// The tests table: push (exactly once per opId), the pull feed, report reads and the personal-data purge.
import { sql, type Kysely, type Transaction } from 'kysely';
import { checkPushRecord, errorsText, recordError, type RecordError } from '../../record';
import { MAX, PULL_MAX_BYTES } from '../../record/limits';
import type { PushOp, PushResult, Change, ServerRecord } from '../../sync/protocol';
import { isTombstone, sheetKey } from '../../sync/protocol';
import type { Database, Engine, TestsTable } from './db';
import type { Actor, PullOptions, PullPage, TestQuery } from './types';
import { toChange, toServerRecord, viewFor, nowIso } from './rows';
import { hasPersonalData, isPurged, PURGED_BEFORE_KEY, withoutPersonalData } from './personalData';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Lock the feed counter for this transaction and return its value: all writers queue here, so seq
 *  order is commit order and a puller never skips a change that commits late. */
async function lockSeq(trx: Trx, engine: Engine): Promise<number> {
  let q = trx.selectFrom('counters').select('value').where('name', '=', 'seq');
  if (engine === 'postgres') q = q.forUpdate();
  // SQLite: take the write lock first (waiting up to busy_timeout), as BEGIN IMMEDIATE would; a read
  // first could find its snapshot stale when another process (the admin CLI) wrote meanwhile.
  else await trx.updateTable('counters').set((eb) => ({ value: eb.ref('value') })).where('name', '=', 'seq').execute();
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Every accepted version is kept with the moment it arrived, so a report as of a date can be rebuilt (issue 13). */
export async function keepRevision(trx: Trx, row: TestsTable): Promise<void> {
  const { id, rev, seq, unit_id, tester_id, tested_at, quarter, status, record, score, deleted, updated_at } = row;
  await trx.insertInto('test_revisions').values({ id, rev, seq, unit_id, tester_id, tested_at, quarter, status, record, score, deleted, received_at: updated_at }).execute();
}

/**
 * The kept versions of a test with what the record contract does not know removed (it may be
 * personal data the contract never allowed): the check of stored records calls this on every test
 * it repairs or sets aside, so history keeps nothing the current copy may not.
 */
export async function scrubRevisions(trx: Trx, id: string, strip: (record: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const kept = await trx.selectFrom('test_revisions').select(['rev', 'record']).where('id', '=', id).execute();
  for (const k of kept) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(k.record) as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    const clean = JSON.stringify(strip(parsed));
    if (clean !== k.record) await trx.updateTable('test_revisions').set({ record: clean }).where('id', '=', id).where('rev', '=', k.rev).execute();
  }
}

export async function nextSeq(trx: Trx, engine: Engine): Promise<number> {
  const seq = (await lockSeq(trx, engine)) + 1;
  await trx.updateTable('counters').set({ value: seq }).where('name', '=', 'seq').execute();
  return seq;
}

async function isQuarterClosed(trx: Trx, key: string): Promise<boolean> {
  const row = await trx.selectFrom('quarters').select('closed').where('key', '=', key).executeTakeFirst();
  return !!row && Number(row.closed) === 1;
}

async function audit(trx: Trx, actor: Actor & { username?: string }, action: string, target: string, detail: string) {
  await trx.insertInto('audit').values({ at: nowIso(), actor: actor.username ?? actor.userId, action, target, detail }).execute();
}

const refuse = (opId: string, errors: RecordError[], status: 'rejected' | 'conflict' = 'rejected'): PushResult => ({ opId, status, errors, error: errorsText(errors) });
const accessDenied = (opId: string, en: string, zh: string) => refuse(opId, [recordError('access', 'forbidden', en, zh)]);

/** What one push checks its records against (the server's clock and the unit list) and whose name
 *  it stamps as the tester's (the account's, never the client's): read once per push. */
interface PushContext {
  now: Date;
  unitIds: ReadonlySet<string>;
  accountName: string;
}

async function pushOne(db: Db, engine: Engine, actor: Actor, clientId: string, op: PushOp, ctx: PushContext): Promise<PushResult> {
  const opId = typeof op?.opId === 'string' ? op.opId : '';
  if (!opId || opId.length > MAX.opId || opId.includes('\u0000'))
    return refuse(opId, [recordError('opId', 'required', `must be a non-empty string of at most ${MAX.opId} characters`, `必須是 1–${MAX.opId} 個字的文字`)]);
  if (actor.role === 'unitHead') return accessDenied(opId, 'unit heads review tests and cannot push them (403)', '單位主管只能檢閱測試，不能上傳（403）');
  // Pure checks first (the record contract, with the sheet's rules); nothing here touches the store.
  const checked = checkPushRecord(op.record, ctx);

  return db.transaction().execute(async (trx) => {
    const seqNow = await lockSeq(trx, engine);
    const replay = await trx.selectFrom('ops').selectAll().where('op_id', '=', opId).executeTakeFirst();
    if (replay) {
      if (replay.actor_id !== actor.userId) return accessDenied(opId, 'opId: already used by another user (403)', 'opId 已被其他使用者使用（403）');
      return { opId, status: 'duplicate', rev: Number(replay.rev), seq: Number(replay.seq) };
    }
    if (!checked.ok) return refuse(opId, checked.errors);
    const { record: pushed, score, quarter, testedAtUtc } = checked;
    const { baseRev, ...record } = pushed;
    const deleted = record.deleted === true;

    const existing = await trx.selectFrom('tests').selectAll().where('id', '=', record.id).executeTakeFirst();
    if (existing && actor.role === 'tester' && existing.tester_id !== actor.userId) {
      return accessDenied(opId, `test ${record.id} belongs to another tester (403)`, `測試 ${record.id} 屬於另一位測試人員（403）`);
    }
    for (const key of new Set([quarter, existing?.quarter].filter((k): k is string => !!k))) {
      if (await isQuarterClosed(trx, key))
        return refuse(opId, [recordError('testedAt', 'quarter closed', `quarter ${key} is closed: its tests are read-only until the secretariat reopens it`, `${key.replace('-Q', ' 年第 ')} 季已結算，測試唯讀；待秘書室重新開放後會自動重送`)]);
    }
    const currentRev = existing ? Number(existing.rev) : 0;
    if (baseRev !== currentRev) {
      const stale = (en: string, zh: string) => [recordError('baseRev', 'stale', en, zh)];
      if (!existing) return refuse(opId, stale(`the server has no copy of ${record.id} at rev ${baseRev}`, `伺服器沒有此測試第 ${baseRev} 版`), 'conflict');
      // A deletion has no copy to show: like a pulled tombstone, only its revision.
      if (Number(existing.deleted))
        return { ...refuse(opId, stale(`${baseRev} is stale, the test was deleted on the server at rev ${currentRev}`, `版本 ${baseRev} 已過時：伺服器已於第 ${currentRev} 版刪除此測試`), 'conflict'), rev: currentRev, seq: Number(existing.seq) };
      return {
        ...refuse(opId, stale(`${baseRev} is stale, the server has rev ${currentRev}`, `版本 ${baseRev} 已過時，伺服器為第 ${currentRev} 版`), 'conflict'),
        rev: currentRev,
        seq: Number(existing.seq),
        record: viewFor(actor, toServerRecord(existing)),
      };
    }

    const rev = currentRev + 1;
    const seq = seqNow + 1;
    // The server says who tested: the signed-in account, whatever the client wrote. An admin
    // correcting a test keeps its original tester.
    const original = existing ? toServerRecord(existing) : undefined;
    const testerId = existing?.tester_id ?? actor.userId;
    const testerName = original ? original.testerName : ctx.accountName;
    let stored = { ...record, testerId, testerName };
    // A purge is remembered (a separate step after validation): a late push of an old test, or a
    // conflict resolved as 「保留我的」, cannot bring the surname or extension back. The device that sent
    // them is told to drop them: the stored copy gets one more revision of the server's own, which its
    // next pull receives (its own write at `seq` is left out of that pull, this one is not).
    const scrubbed = hasPersonalData(stored) && (await isPurged(trx, record.id, testedAtUtc));
    if (scrubbed) stored = withoutPersonalData(stored);
    const rowRev = scrubbed ? rev + 1 : rev;
    const rowSeq = scrubbed ? seq + 1 : seq;
    await trx.updateTable('counters').set({ value: rowSeq }).where('name', '=', 'seq').execute();
    // Leaving a unit takes the test out of that unit's heads' scope: their devices get a tombstone.
    if (existing && existing.unit_id !== record.unitId) {
      await trx.insertInto('scope_exits').values({ seq, test_id: record.id, unit_id: existing.unit_id, user_id: null, rev }).execute();
    }
    const row: TestsTable = {
      id: record.id,
      rev: rowRev,
      seq: rowSeq,
      unit_id: record.unitId,
      tester_id: testerId,
      tested_at: testedAtUtc,
      quarter,
      status: record.status,
      record: JSON.stringify(stored),
      score: score ? JSON.stringify(score) : null,
      deleted: deleted ? 1 : 0,
      updated_at: nowIso(),
      set_aside: 0,
    };
    if (existing) await trx.updateTable('tests').set(row).where('id', '=', record.id).execute();
    else await trx.insertInto('tests').values(row).execute();
    await keepRevision(trx, row);
    // Recorded in the same transaction as the change: a retry after a lost reply finds it.
    await trx.insertInto('ops').values({ op_id: opId, test_id: record.id, actor_id: actor.userId, client_id: clientId.replace(/\u0000/g, '').slice(0, 200), rev, seq, at: nowIso() }).execute();
    if (existing && existing.status === 'completed' && !Number(existing.deleted)) {
      await audit(trx, actor, deleted ? 'delete' : 'correction', record.id, `rev ${currentRev} → ${rev}`);
    }
    return { opId, status: 'applied', rev, seq };
  });
}

export async function push(db: Db, engine: Engine, actor: Actor, clientId: string, ops: PushOp[], now: Date = new Date()): Promise<PushResult[]> {
  const results: PushResult[] = [];
  const units = await db.selectFrom('units').select('id').execute();
  const account = await db.selectFrom('users').select(['username', 'display_name']).where('id', '=', actor.userId).executeTakeFirst();
  const ctx: PushContext = { now, unitIds: new Set(units.map((u) => u.id)), accountName: account ? account.display_name || account.username : '' };
  for (const op of ops) {
    try {
      results.push(await pushOne(db, engine, actor, clientId, op, ctx));
    } catch (e) {
      // A unique-key race (same opId or test id committed by a parallel request) resolves on retry.
      const replay = await db.selectFrom('ops').selectAll().where('op_id', '=', String(op?.opId)).executeTakeFirst();
      if (replay && replay.actor_id === actor.userId) results.push({ opId: op.opId, status: 'duplicate', rev: Number(replay.rev), seq: Number(replay.seq) });
      else throw e;
    }
  }
  return results;
}

export async function pull(db: Db, actor: Actor, since: number, limit: number, options: PullOptions = {}): Promise<PullPage> {
  let q = db.selectFrom('tests').selectAll().where('seq', '>', since).where('set_aside', '=', 0);
  if (actor.role === 'tester') q = q.where('tester_id', '=', actor.userId);
  else if (actor.role === 'unitHead') {
    q = actor.unitIds.length ? q.where('unit_id', 'in', actor.unitIds) : q.where(sql<boolean>`1 = 0`);
  }
  const rows = await q.orderBy('seq').limit(limit + 1).execute();
  const exits = await scopeExits(db, actor, since, limit + 1);
  const enters = await scopeEnters(db, actor, since, limit + 1);
  // One feed in seq order: the caller's tests, the tests that left the caller's scope (tombstones) and
  // the ones that entered it after the caller's cursor had passed them (sent again).
  type Item = { seq: number; row?: TestsTable; exit?: { test_id: string; rev: number }; entered?: boolean };
  const items: Item[] = [
    ...rows.map((row) => ({ seq: Number(row.seq), row })),
    ...exits.map((e) => ({ seq: Number(e.seq), exit: e })),
    ...enters.map((e) => ({ seq: Number(e.enter_seq), row: e as TestsTable, entered: true })),
  ].sort((a, b) => a.seq - b.seq);
  let more = items.length > limit;
  let page = items.slice(0, limit);
  // Bounded by bytes too: a page never grows past what a phone on a slow link can take in one reply
  // (records are at most RECORD_MAX_BYTES each, so one always fits).
  const maxBytes = options.maxBytes ?? PULL_MAX_BYTES;
  let bytes = 0;
  for (let i = 0; i < page.length; i++) {
    const row = page[i].row;
    bytes += row ? row.record.length + (row.score?.length ?? 0) : 100;
    if (bytes > maxBytes && i > 0) {
      page = page.slice(0, i);
      more = true;
      break;
    }
  }
  // A change is the caller's own when the op that wrote this very seq came from its client: the device
  // already holds that version and its revision, so sending it back only costs bytes on a slow link.
  let own = new Set<number>();
  const rowSeqs = page.filter((i) => i.row && !i.entered).map((i) => i.seq);
  if (options.exceptClientId && rowSeqs.length) {
    const mine = await db.selectFrom('ops').select('seq').where('client_id', '=', options.exceptClientId).where('seq', 'in', rowSeqs).execute();
    own = new Set(mine.map((r) => Number(r.seq)));
  }
  let withheld = 0;
  const changes: Change[] = [];
  for (const item of page) {
    if (!item.row) {
      changes.push({ id: item.exit!.test_id, deleted: true, rev: Number(item.exit!.rev), seq: item.seq });
      continue;
    }
    if (!item.entered && own.has(item.seq)) continue;
    const change = toChange(actor, item.row);
    // A test on a sheet this app cannot render is withheld; the device pulls again from the start
    // once its app knows more sheets (its cursor belongs to its sheet set).
    if (options.sheets && !isTombstone(change) && !options.sheets.has(sheetKey(change.sheet))) {
      withheld++;
      continue;
    }
    changes.push(change);
  }
  return { changes, cursor: page.length ? page[page.length - 1].seq : since, more, withheld };
}

/** Tests that left the caller's scope after `since` and are still outside it. */
async function scopeExits(db: Db, actor: Actor, since: number, limit: number) {
  if (actor.role === 'admin') return [];
  let q = db
    .selectFrom('scope_exits')
    .innerJoin('tests', 'tests.id', 'scope_exits.test_id')
    .select(['scope_exits.seq as seq', 'scope_exits.test_id as test_id', 'scope_exits.rev as rev'])
    .where('scope_exits.seq', '>', since);
  if (actor.role === 'unitHead') {
    const units = actor.unitIds.length ? actor.unitIds : ['\u0001none'];
    q = q
      .where((eb) => eb.or([eb('scope_exits.unit_id', 'in', units), eb('scope_exits.user_id', '=', actor.userId)]))
      .where('tests.unit_id', 'not in', units);
  } else {
    q = q.where('scope_exits.user_id', '=', actor.userId).where('tests.tester_id', '!=', actor.userId);
  }
  return q.orderBy('scope_exits.seq').limit(limit).execute();
}

/** Tests that entered the caller's scope (a unit given to a head) after `since`, still in it. */
async function scopeEnters(db: Db, actor: Actor, since: number, limit: number) {
  if (actor.role !== 'unitHead' || actor.unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('scope_enters')
    .innerJoin('tests', 'tests.id', 'scope_enters.test_id')
    .selectAll('tests')
    .select('scope_enters.seq as enter_seq')
    .where('scope_enters.user_id', '=', actor.userId)
    .where('scope_enters.seq', '>', since)
    .where('tests.set_aside', '=', 0)
    .where('tests.unit_id', 'in', actor.unitIds)
    .orderBy('scope_enters.seq')
    .limit(limit)
    .execute();
  return rows as (TestsTable & { enter_seq: number })[];
}

/** A unit head now heads more units: one entry per test of those units, so their device gets them. */
export async function recordScopeEnters(trx: Trx, engine: Engine, change: { userId: string; unitIds: string[] }): Promise<void> {
  if (change.unitIds.length === 0) return;
  const come = await trx.selectFrom('tests').select(['id']).where('unit_id', 'in', change.unitIds).orderBy('seq').execute();
  for (const t of come) {
    const seq = await nextSeq(trx, engine);
    await trx.insertInto('scope_enters').values({ seq, test_id: t.id, user_id: change.userId }).execute();
  }
}

/** A reader's scope shrank (a unit head no longer heads some units): one exit per test they lose. */
export async function recordScopeExits(trx: Trx, engine: Engine, change: { userId: string; unitIds: string[]; keepUnitIds: string[] }): Promise<void> {
  const gone = await trx.selectFrom('tests').select(['id', 'rev', 'unit_id']).where('unit_id', 'in', change.unitIds).orderBy('seq').execute();
  for (const t of gone) {
    if (change.keepUnitIds.includes(t.unit_id)) continue;
    const seq = await nextSeq(trx, engine);
    await trx.insertInto('scope_exits').values({ seq, test_id: t.id, unit_id: null, user_id: change.userId, rev: Number(t.rev) }).execute();
  }
}

export async function listTests(db: Db, query: TestQuery): Promise<ServerRecord[]> {
  if (query.asOf) return listTestsAsOf(db, query, new Date(query.asOf).toISOString());
  let q = db.selectFrom('tests').selectAll().where('set_aside', '=', 0);
  if (!query.includeDeleted) q = q.where('deleted', '=', 0);
  if (query.start) q = q.where('tested_at', '>=', new Date(query.start).toISOString());
  if (query.end) q = q.where('tested_at', '<', new Date(query.end).toISOString());
  if (query.unitIds) {
    if (query.unitIds.length === 0) return [];
    q = q.where('unit_id', 'in', query.unitIds);
  }
  const rows = await q.orderBy('tested_at').orderBy('id').execute();
  return rows.map(toServerRecord);
}

/** The tests as the server held them at `cut`: per test the highest revision received by then. */
async function listTestsAsOf(db: Db, query: TestQuery, cut: string): Promise<ServerRecord[]> {
  let q = db
    .selectFrom('test_revisions as r')
    .selectAll('r')
    .where('r.received_at', '<=', cut)
    // A test set aside by the record-contract check is out of every report, past ones too.
    .where('r.id', 'not in', (eb) => eb.selectFrom('tests').select('tests.id').where('tests.set_aside', '=', 1))
    .where('r.rev', '=', (eb) =>
      eb.selectFrom('test_revisions as r2').select((e) => e.fn.max('r2.rev').as('m')).whereRef('r2.id', '=', 'r.id').where('r2.received_at', '<=', cut),
    );
  if (!query.includeDeleted) q = q.where('r.deleted', '=', 0);
  if (query.start) q = q.where('r.tested_at', '>=', new Date(query.start).toISOString());
  if (query.end) q = q.where('r.tested_at', '<', new Date(query.end).toISOString());
  if (query.unitIds) {
    if (query.unitIds.length === 0) return [];
    q = q.where('r.unit_id', 'in', query.unitIds);
  }
  const rows = await q.orderBy('r.tested_at').orderBy('r.id').execute();
  return rows.map((row) => toServerRecord(row));
}

/** Blank the answerer's surname and extension (and every copy in history[]) of tests before `before`;
 *  each purged test gets a new rev and seq so devices pull the purged copy too. The purge is remembered
 *  (purged_tests, and the cut-off for tests the server has not seen yet), and SQLite's WAL is
 *  checkpointed afterwards so no page with the old text stays in the -wal file. */
export async function purgePersonalData(db: Db, engine: Engine, before: string): Promise<number> {
  const cutoff = new Date(before).toISOString();
  const purged = await db.transaction().execute(async (trx) => {
    await lockSeq(trx, engine); // writer lock before the first read, like every write transaction here
    const rows = await trx.selectFrom('tests').selectAll().where('tested_at', '<', cutoff).orderBy('seq').execute();
    let count = 0;
    const at = nowIso();
    for (const row of rows) {
      const record = JSON.parse(row.record) as Record<string, unknown>;
      await trx.insertInto('purged_tests').values({ test_id: row.id, purged_at: at }).onConflict((oc) => oc.column('test_id').doNothing()).execute();
      if (!hasPersonalData(record)) continue;
      const seq = await nextSeq(trx, engine);
      const changed = { record: JSON.stringify(withoutPersonalData(record)), rev: Number(row.rev) + 1, seq, updated_at: at };
      await trx.updateTable('tests').set(changed).where('id', '=', row.id).execute();
      await keepRevision(trx, { ...row, ...changed });
      count++;
    }
    // The kept versions (reports as of a date) are personal data too: the purge is the one change
    // history ever takes.
    const kept = await trx.selectFrom('test_revisions').select(['id', 'rev', 'record']).where('tested_at', '<', cutoff).execute();
    for (const row of kept) {
      const record = JSON.parse(row.record) as Record<string, unknown>;
      if (!hasPersonalData(record)) continue;
      await trx.updateTable('test_revisions').set({ record: JSON.stringify(withoutPersonalData(record)) }).where('id', '=', row.id).where('rev', '=', row.rev).execute();
    }
    await rememberCutoff(trx, cutoff);
    return count;
  });
  await flushPurged(db, engine);
  return purged;
}

async function rememberCutoff(trx: Trx, cutoff: string) {
  const key = PURGED_BEFORE_KEY;
  const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const previous = row ? (JSON.parse(row.value) as string) : '';
  if (previous >= cutoff) return;
  const value = JSON.stringify(cutoff);
  await trx.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The old text must not linger: SQLite copies pages to the WAL (secure_delete zeroes freed cells, the
 *  checkpoint moves everything into the main file and truncates the WAL); PostgreSQL keeps dead row
 *  versions until VACUUM. */
export async function flushPurged(db: Db, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  else {
    await sql`vacuum tests`.execute(db);
    await sql`vacuum test_revisions`.execute(db);
  }
}

/** How many tests before `before` still carry the answerer's surname or extension (retention reminder). */
export async function countPersonalDataBefore(db: Db, before: string): Promise<number> {
  const rows = await db.selectFrom('tests').select('record').where('tested_at', '<', new Date(before).toISOString()).where('deleted', '=', 0).execute();
  return rows.filter((r) => hasPersonalData(JSON.parse(r.record) as object)).length;
}
