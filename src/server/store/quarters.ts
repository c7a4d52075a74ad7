// Quarters: which are closed (their tests read-only) and which exist.
import type { Kysely } from 'kysely';
import { parseQuarterKey, quarterKey } from '../../record/quarter';
import type { Database } from './db';
import type { QuarterState } from './types';
import { InputError } from './accounts';
import { nowIso } from './rows';

type Db = Kysely<Database>;

/** Every quarter that has tests or was ever closed, newest first. */
export async function listQuarters(db: Db): Promise<QuarterState[]> {
  const stored = await db.selectFrom('quarters').selectAll().execute();
  // Live tests only: a deleted or set-aside test no longer makes its quarter exist.
  const withTests = await db.selectFrom('tests').select('quarter').where('deleted', '=', 0).where('set_aside', '=', 0).distinct().execute();
  // Drafts the server holds per quarter: the admin is warned before closing a quarter that has some.
  const drafts = await db
    .selectFrom('tests')
    .select(['quarter', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'draft')
    .where('deleted', '=', 0)
    .where('set_aside', '=', 0)
    .groupBy('quarter')
    .execute();
  const draftsOf = new Map(drafts.map((d) => [d.quarter, Number(d.n)]));
  const byKey = new Map<string, QuarterState>();
  for (const { quarter } of withTests) if (isQuarterKey(quarter)) byKey.set(quarter, { key: quarter, closed: false });
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
  return [...byKey.values()]
    .map((q) => (draftsOf.get(q.key) ? { ...q, drafts: draftsOf.get(q.key) } : q))
    .sort((a, b) => order(b.key) - order(a.key));
}

function isQuarterKey(key: string): boolean {
  try {
    parseQuarterKey(key);
    return true;
  } catch {
    return false;
  }
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
