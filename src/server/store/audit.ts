// The audit log: who did what (logins, pushes, corrections, quarter changes, exports), newest first.
import type { Kysely } from 'kysely';
import type { Database } from './db';
import type { AuditEntry } from './types';
import { nowIso } from './rows';

type Db = Kysely<Database>;

// PostgreSQL text cannot hold NUL: an audit line must never fail because of what it quotes.
const clean = (s: string | undefined) => (s === undefined ? null : s.replace(/\u0000/g, '\uFFFD'));

export async function audit(db: Db, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await db
    .insertInto('audit')
    .values({ at: nowIso(), actor: clean(entry.actor)!, action: clean(entry.action)!, target: clean(entry.target), detail: clean(entry.detail) })
    .execute();
}

export async function listAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, ...(r.target ? { target: r.target } : {}), ...(r.detail ? { detail: r.detail } : {}) }));
}
