// The tests table: push (exactly once per opId), the pull feed, report reads and the personal-data purge.
import type { Kysely, Transaction } from 'kysely';
import { checkPushRecord, errorsText, recordError, type RecordError } from '../../record';
import { MAX, PULL_MAX_BYTES } from '../../record/limits';
import type { PushOp, PushResult, Change, ServerRecord } from '../../sync/protocol';
import { isTombstone, sheetKey } from '../../sync/protocol';
import type { Database, Engine, TestsTable } from './db';
import type { Actor, PullOptions, PullPage, TestQuery } from './types';
import { toChange, toServerRecord, viewFor, nowIso } from './rows';

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
    await trx.updateTable('counters').set({ value: seq }).where('name', '=', 'seq').execute();
    // The server says who tested: the signed-in account, whatever the client wrote. An admin
    // correcting a test keeps its original tester.
    const original = existing ? toServerRecord(existing) : undefined;
    const testerId = existing?.tester_id ?? actor.userId;
    const testerName = original ? original.testerName : ctx.accountName;
    const stored = { ...record, testerId, testerName };
    const row: TestsTable = {
      id: record.id,
      rev,
      seq,
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
    if (actor.unitIds.length === 0) return { changes: [], cursor: since, more: false, withheld: 0 };
    q = q.where('unit_id', 'in', actor.unitIds);
  }
  const rows = await q.orderBy('seq').limit(limit + 1).execute();
  let more = rows.length > limit;
  let page = rows.slice(0, limit);
  // Bounded by bytes too: a page never grows past what a phone on a slow link can take in one reply
  // (records are at most RECORD_MAX_BYTES each, so one always fits).
  const maxBytes = options.maxBytes ?? PULL_MAX_BYTES;
  let bytes = 0;
  for (let i = 0; i < page.length; i++) {
    bytes += page[i].record.length + (page[i].score?.length ?? 0);
    if (bytes > maxBytes && i > 0) {
      page = page.slice(0, i);
      more = true;
      break;
    }
  }
  // A change is the caller's own when the op that wrote this very seq came from its client: the device
  // already holds that version and its revision, so sending it back only costs bytes on a slow link.
  let own = new Set<number>();
  if (options.exceptClientId && page.length) {
    const seqs = page.map((row) => Number(row.seq));
    const mine = await db.selectFrom('ops').select('seq').where('client_id', '=', options.exceptClientId).where('seq', 'in', seqs).execute();
    own = new Set(mine.map((r) => Number(r.seq)));
  }
  let withheld = 0;
  const changes: Change[] = [];
  for (const row of page) {
    if (own.has(Number(row.seq))) continue;
    const change = toChange(actor, row);
    // A test on a sheet this app cannot render is withheld; the device pulls again from the start
    // once its app knows more sheets (its cursor belongs to its sheet set).
    if (options.sheets && !isTombstone(change) && !options.sheets.has(sheetKey(change.sheet))) {
      withheld++;
      continue;
    }
    changes.push(change);
  }
  return { changes, cursor: page.length ? Number(page[page.length - 1].seq) : since, more, withheld };
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

/** Blank the answerer's surname and extension of tests before `before`; each purged test gets a new
 *  rev and seq so devices pull the purged copy too. Returns how many tests changed. */
export async function purgePersonalData(db: Db, engine: Engine, before: string): Promise<number> {
  const cutoff = new Date(before).toISOString();
  return db.transaction().execute(async (trx) => {
    await lockSeq(trx, engine); // writer lock before the first read, like every write transaction here
    const rows = await trx.selectFrom('tests').selectAll().where('tested_at', '<', cutoff).orderBy('seq').execute();
    let purged = 0;
    for (const row of rows) {
      const record = JSON.parse(row.record) as { answererSurname?: string; extension?: string };
      if (!record.answererSurname && !record.extension) continue;
      record.answererSurname = '';
      record.extension = '';
      const seq = await nextSeq(trx, engine);
      const changed = { record: JSON.stringify(record), rev: Number(row.rev) + 1, seq, updated_at: nowIso() };
      await trx.updateTable('tests').set(changed).where('id', '=', row.id).execute();
      await keepRevision(trx, { ...row, ...changed });
      purged++;
    }
    // The kept versions are personal data too: the purge is the one change history ever takes.
    const kept = await trx.selectFrom('test_revisions').select(['id', 'rev', 'record']).where('tested_at', '<', cutoff).execute();
    for (const row of kept) {
      const record = JSON.parse(row.record) as { answererSurname?: string; extension?: string };
      if (!record.answererSurname && !record.extension) continue;
      record.answererSurname = '';
      record.extension = '';
      await trx.updateTable('test_revisions').set({ record: JSON.stringify(record) }).where('id', '=', row.id).where('rev', '=', row.rev).execute();
    }
    return purged;
  });
}
