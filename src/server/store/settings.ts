// Settings (grade bands, test plan …) as JSON values, and unit heads' acknowledgements of results.
import type { Kysely } from 'kysely';
import type { Database } from './db';
import type { Acknowledgement } from './types';

type Db = Kysely<Database>;

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
