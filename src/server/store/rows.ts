// Turning stored rows into what callers see, with the caller's view applied.
import type { Change, ServerRecord } from '../../sync/protocol';
import type { TestsTable } from './db';
import type { Actor } from './types';
import { maskExtension, maskSurname } from '../../record/mask';
import { ServerRecordSchema } from '../../record/schema';

const RECORD_KEYS = Object.keys(ServerRecordSchema.entries).filter((k) => !['rev', 'seq', 'score', 'quarter'].includes(k));

/** Only the contract's fields ever leave the store: even a row written before the record contract
 *  (and not yet repaired) cannot hand an unknown key to a pull, a report or an export. */
export function toServerRecord(row: Pick<TestsTable, 'record' | 'rev' | 'seq' | 'score' | 'quarter'>): ServerRecord {
  const stored = JSON.parse(row.record) as Record<string, unknown>;
  const record: Record<string, unknown> = {};
  for (const key of RECORD_KEYS) if (stored[key] !== undefined) record[key] = stored[key];
  return { ...(record as Omit<ServerRecord, 'rev' | 'seq' | 'score' | 'quarter'>), rev: Number(row.rev), seq: Number(row.seq), score: row.score ? JSON.parse(row.score) : null, quarter: row.quarter };
}

/** Unit heads review results, not people: the tester's identity is removed from what they read, and
 *  the answerer's surname and extension arrive masked (王○○), as every list shows them (個資法). */
export function viewFor(actor: Actor, record: ServerRecord): ServerRecord {
  if (actor.role !== 'unitHead') return record;
  const { testerId: _id, ...rest } = record;
  return { ...rest, testerName: '', answererSurname: maskSurname(record.answererSurname), extension: maskExtension(record.extension) };
}

export function toChange(actor: Actor, row: TestsTable): Change {
  if (row.deleted) return { id: row.id, deleted: true, rev: row.rev, seq: row.seq };
  return viewFor(actor, toServerRecord(row));
}

export const nowIso = (now: Date = new Date()) => now.toISOString();
