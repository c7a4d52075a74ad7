// The tests table: push (exactly once per opId), the pull feed, report reads and the personal-data purge.
import type { Kysely, Transaction } from 'kysely';
import type { PushOp, PushResult, Change, ServerRecord } from '../../sync/protocol';
import type { Database, Engine, TestsTable } from './db';
import type { Actor, TestQuery } from './types';
import { checkRecord } from './validateRecord';
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
async function keepRevision(trx: Trx, row: TestsTable): Promise<void> {
  const { updated_at, ...rest } = row;
  await trx.insertInto('test_revisions').values({ ...rest, received_at: updated_at }).execute();
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

async function pushOne(db: Db, engine: Engine, actor: Actor, clientId: string, op: PushOp): Promise<PushResult> {
  const opId = typeof op?.opId === 'string' ? op.opId : '';
  if (!opId || opId.length > 200 || opId.includes('\u0000')) return { opId, status: 'rejected', error: 'opId: must be a non-empty string (at most 200 characters)' };
  if (actor.role === 'unitHead') return { opId, status: 'rejected', error: 'access: unit heads review tests and cannot push them (403)' };
  // Pure checks first (shape and scoring rules); nothing here touches the store.
  const checked = checkRecord(op.record);

  return db.transaction().execute(async (trx) => {
    const seqNow = await lockSeq(trx, engine);
    const replay = await trx.selectFrom('ops').selectAll().where('op_id', '=', opId).executeTakeFirst();
    if (replay) {
      if (replay.actor_id !== actor.userId) return { opId, status: 'rejected', error: 'opId: already used by another user (403)' };
      return { opId, status: 'duplicate', rev: Number(replay.rev), seq: Number(replay.seq) };
    }
    if (!checked.ok) return { opId, status: 'rejected', error: checked.error };
    const { record, baseRev, deleted, score, quarter, testedAtUtc } = checked;

    const existing = await trx.selectFrom('tests').selectAll().where('id', '=', record.id).executeTakeFirst();
    if (existing && actor.role === 'tester' && existing.tester_id !== actor.userId) {
      return { opId, status: 'rejected', error: `access: test ${record.id} belongs to another tester (403)` };
    }
    if (record.unitId && !(await trx.selectFrom('units').select('id').where('id', '=', record.unitId).executeTakeFirst())) {
      return { opId, status: 'rejected', error: `record.unitId: no unit with id ${JSON.stringify(record.unitId)}` };
    }
    for (const key of new Set([quarter, existing?.quarter].filter((k): k is string => !!k))) {
      if (await isQuarterClosed(trx, key)) return { opId, status: 'rejected', error: `quarter ${key} is closed: its tests are read-only` };
    }
    const currentRev = existing ? Number(existing.rev) : 0;
    if (baseRev !== currentRev) {
      if (!existing) return { opId, status: 'conflict', error: `record.baseRev: the server has no copy of ${record.id} at rev ${baseRev}` };
      // A deletion has no copy to show: like a pulled tombstone, only its revision.
      if (Number(existing.deleted)) return { opId, status: 'conflict', rev: currentRev, seq: Number(existing.seq), error: `record.baseRev: ${baseRev} is stale, the test was deleted on the server at rev ${currentRev}` };
      return { opId, status: 'conflict', rev: currentRev, seq: Number(existing.seq), record: viewFor(actor, toServerRecord(existing)), error: `record.baseRev: ${baseRev} is stale, the server has rev ${currentRev}` };
    }

    const rev = currentRev + 1;
    const seq = seqNow + 1;
    await trx.updateTable('counters').set({ value: seq }).where('name', '=', 'seq').execute();
    // The server stamps who tested; an admin correcting a test keeps its original tester.
    const testerId = existing?.tester_id ?? actor.userId;
    const stored = { ...record, testerId };
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

export async function push(db: Db, engine: Engine, actor: Actor, clientId: string, ops: PushOp[]): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const op of ops) {
    try {
      results.push(await pushOne(db, engine, actor, clientId, op));
    } catch (e) {
      // A unique-key race (same opId or test id committed by a parallel request) resolves on retry.
      const replay = await db.selectFrom('ops').selectAll().where('op_id', '=', String(op?.opId)).executeTakeFirst();
      if (replay && replay.actor_id === actor.userId) results.push({ opId: op.opId, status: 'duplicate', rev: Number(replay.rev), seq: Number(replay.seq) });
      else throw e;
    }
  }
  return results;
}

export async function pull(
  db: Db,
  actor: Actor,
  since: number,
  limit: number,
  options: { exceptClientId?: string } = {},
): Promise<{ changes: Change[]; cursor: number; more: boolean }> {
  let q = db.selectFrom('tests').selectAll().where('seq', '>', since);
  if (actor.role === 'tester') q = q.where('tester_id', '=', actor.userId);
  else if (actor.role === 'unitHead') {
    if (actor.unitIds.length === 0) return { changes: [], cursor: since, more: false };
    q = q.where('unit_id', 'in', actor.unitIds);
  }
  const rows = await q.orderBy('seq').limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // A change is the caller's own when the op that wrote this very seq came from its client: the device
  // already holds that version and its revision, so sending it back only costs bytes on a slow link.
  let own = new Set<number>();
  if (options.exceptClientId && page.length) {
    const seqs = page.map((row) => Number(row.seq));
    const mine = await db.selectFrom('ops').select('seq').where('client_id', '=', options.exceptClientId).where('seq', 'in', seqs).execute();
    own = new Set(mine.map((r) => Number(r.seq)));
  }
  const changes = page.filter((row) => !own.has(Number(row.seq))).map((row) => toChange(actor, row));
  return { changes, cursor: page.length ? Number(page[page.length - 1].seq) : since, more };
}

export async function listTests(db: Db, query: TestQuery): Promise<ServerRecord[]> {
  if (query.asOf) return listTestsAsOf(db, query, new Date(query.asOf).toISOString());
  let q = db.selectFrom('tests').selectAll();
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
  return rows.map((row) => toServerRecord({ ...row, updated_at: row.received_at }));
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
