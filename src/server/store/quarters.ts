// Quarter closing, the audit log, settings and acknowledgements: the small admin tables.
import type { Kysely } from 'kysely';
import { parseQuarterKey, quarterKey } from '../../record/quarter';
import type { Database } from './db';
import type { Acknowledgement, AuditEntry, QuarterState } from './types';
import { InputError } from './accounts';
import { nowIso } from './rows';

type Db = Kysely<Database>;

/** Every quarter that has tests or was ever closed, newest first. */
export async function listQuarters(db: Db): Promise<QuarterState[]> {
  const stored = await db.selectFrom('quarters').selectAll().execute();
  const withTests = await db.selectFrom('tests').select('quarter').distinct().execute();
  const byKey = new Map<string, QuarterState>();
  for (const { quarter } of withTests) byKey.set(quarter, { key: quarter, closed: false });
  for (const q of stored) {
    byKey.set(q.key, {
      key: q.key,
      closed: Number(q.closed) === 1,
      ...(Number(q.closed) === 1 && q.closed_at ? { closedAt: q.closed_at } : {}),
      ...(Number(q.closed) === 1 && q.closed_by ? { closedBy: q.closed_by } : {}),
    });
  }
  const order = (k: string) => {
    const q = parseQuarterKey(k);
    return q.rocYear * 10 + q.quarter;
  };
  return [...byKey.values()].sort((a, b) => order(b.key) - order(a.key));
}

export async function setQuarterClosed(db: Db, key: string, closed: boolean, actor: string): Promise<QuarterState> {
  let normal: string;
  try {
    normal = quarterKey(parseQuarterKey(key));
  } catch (e) {
    throw new InputError(`quarter: ${(e as Error).message}`);
  }
  const now = nowIso();
  const values = { closed: closed ? 1 : 0, closed_at: closed ? now : null, closed_by: closed ? actor : null, updated_at: now };
  await db
    .insertInto('quarters')
    .values({ key: normal, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
  return { key: normal, closed, ...(closed ? { closedAt: now, closedBy: actor } : {}) };
}

export async function audit(db: Db, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await db
    .insertInto('audit')
    .values({ at: nowIso(), actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? null })
    .execute();
}

export async function listAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, ...(r.target ? { target: r.target } : {}), ...(r.detail ? { detail: r.detail } : {}) }));
}

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function setSetting<T>(db: Db, key: string, value: T): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

/** One acknowledgement per unit head per test; acknowledging again replaces the earlier one. */
export async function acknowledge(db: Db, ack: Acknowledgement): Promise<void> {
  const values = { comment: ack.comment ?? null, corrective_action: ack.correctiveAction ?? null, at: ack.at };
  await db
    .insertInto('acknowledgements')
    .values({ test_id: ack.testId, user_id: ack.userId, ...values })
    .onConflict((oc) => oc.columns(['test_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export async function listAcknowledgements(db: Db, testIds?: string[]): Promise<Acknowledgement[]> {
  let q = db.selectFrom('acknowledgements').selectAll();
  if (testIds) {
    if (testIds.length === 0) return [];
    q = q.where('test_id', 'in', testIds);
  }
  const rows = await q.orderBy('at').execute();
  return rows.map((r) => ({
    testId: r.test_id,
    userId: r.user_id,
    ...(r.comment ? { comment: r.comment } : {}),
    ...(r.corrective_action ? { correctiveAction: r.corrective_action } : {}),
    at: r.at,
  }));
}
