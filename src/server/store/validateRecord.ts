// Checks one pushed record before it may touch the store: every field by name, then the scoring
// rules (via the scoresheet domain). The server keeps its own score; the client's is ignored.
import { sheetFor, tryScore, issueText, type ScoreResult } from '../../scoresheet';
import { ANSWERS_FORMAT, type CourtesyTest } from '../../record/courtesyTest';
import { quarterKey, quarterOf } from '../../record/quarter';
import type { PushRecord } from '../../sync/protocol';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ISO 8601 date-time with seconds optional, fraction optional, and an explicit Z or offset.
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export type Checked =
  | {
      ok: true;
      /** The record as stored: no baseRev, no client score, tester stamped later. */
      record: Omit<CourtesyTest, 'rev'>;
      baseRev: number;
      deleted: boolean;
      score: ScoreResult | null;
      quarter: string;
      testedAtUtc: string;
    }
  | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(error: string): Checked {
  return { ok: false, error };
}

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_RE.test(value) && !Number.isNaN(new Date(value).getTime());
}

export function checkRecord(input: unknown): Checked {
  if (!isObject(input)) return fail('record: must be an object');
  const r = input as Partial<PushRecord> & Record<string, unknown>;
  if (typeof r.id !== 'string' || !UUID_RE.test(r.id)) return fail(`record.id: must be a UUID, not ${JSON.stringify(r.id)}`);
  if (typeof r.baseRev !== 'number' || !Number.isInteger(r.baseRev) || r.baseRev < 0) {
    return fail(`record.baseRev: must be a whole number ≥ 0 (0 for a new test), not ${JSON.stringify(r.baseRev)}`);
  }
  if (r.deleted !== undefined && typeof r.deleted !== 'boolean') return fail('record.deleted: must be true or false');
  const deleted = r.deleted === true;
  if (!isIsoInstant(r.testedAt)) return fail(`record.testedAt: must be an ISO 8601 date-time with offset, e.g. 2026-11-22T14:07:00+08:00, not ${JSON.stringify(r.testedAt)}`);
  if (typeof r.unitId !== 'string' || r.unitId.length > 200 || r.unitId.includes('\u0000')) return fail('record.unitId: must be a string (the unit id)');
  for (const field of ['unitName', 'switchboardNumber', 'answererSurname', 'extension', 'testerName'] as const) {
    if (r[field] !== undefined && typeof r[field] !== 'string') return fail(`record.${field}: must be a string`);
    if (typeof r[field] === 'string' && (r[field] as string).length > 500) return fail(`record.${field}: longer than 500 characters`);
  }
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (r[field] !== undefined && !isIsoInstant(r[field])) return fail(`record.${field}: must be an ISO 8601 date-time`);
  }
  const status = r.status ?? 'draft';
  if (status !== 'draft' && status !== 'completed') return fail(`record.status: must be "draft" or "completed", not ${JSON.stringify(r.status)}`);
  if (r.attempts !== undefined && !Array.isArray(r.attempts)) return fail('record.attempts: must be an array');
  for (const [i, a] of (r.attempts ?? []).entries()) {
    if (!isObject(a) || !isIsoInstant(a.at) || !['answered', 'unanswered', 'outOfOrder'].includes(a.outcome as string)) {
      return fail(`record.attempts[${i}]: must be {at: ISO date-time, outcome: answered|unanswered|outOfOrder}`);
    }
  }
  if (r.history !== undefined && !Array.isArray(r.history)) return fail('record.history: must be an array');
  for (const [i, h] of (r.history ?? []).entries()) {
    if (!isObject(h) || !isIsoInstant(h.savedAt) || !isObject(h.answers)) return fail(`record.history[${i}]: must be {savedAt, status, answers}`);
  }
  if (r.sheet !== undefined && (!isObject(r.sheet) || typeof r.sheet.id !== 'string' || typeof r.sheet.version !== 'number')) {
    return fail('record.sheet: must be {id: string, version: number}');
  }
  const sheet = sheetFor(r.sheet);
  if (!sheet) return fail(`record.sheet: unknown sheet ${r.sheet!.id}@${r.sheet!.version}`);
  if (!isObject(r.answers)) return fail('record.answers: must be an object of courtesy-answers/1 answers');

  // A completed test must name a unit; a draft may still carry only the typed name.
  if (status === 'completed' && !deleted && r.unitId === '') return fail('record.unitId: a completed test must name its unit');

  let score: ScoreResult | null = null;
  if (!deleted) {
    const outcome = tryScore(sheet, { format: ANSWERS_FORMAT, answers: r.answers });
    if (!outcome.ok) return fail(`record.answers: ${outcome.issues.map((i) => issueText(i)).join('; ')}`);
    score = outcome.result;
  }
  const testedAtUtc = new Date(r.testedAt).toISOString();
  const { baseRev: _baseRev, ...rest } = r as PushRecord & { score?: unknown; seq?: unknown; quarter?: unknown; rev?: unknown };
  const { score: _s, seq: _q, quarter: _k, rev: _r, ...clean } = rest;
  const record: Omit<CourtesyTest, 'rev'> = {
    ...clean,
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName ?? '',
    switchboardNumber: r.switchboardNumber ?? '',
    answererSurname: r.answererSurname ?? '',
    extension: r.extension ?? '',
    testerName: r.testerName ?? '',
    testedAt: r.testedAt,
    sheet: { id: sheet.id, version: sheet.version },
    answers: r.answers as CourtesyTest['answers'],
    attempts: (r.attempts ?? []) as CourtesyTest['attempts'],
    status,
    history: (r.history ?? []) as CourtesyTest['history'],
    createdAt: (r.createdAt as string) ?? testedAtUtc,
    updatedAt: (r.updatedAt as string) ?? testedAtUtc,
    ...(deleted ? { deleted: true } : {}),
  };
  if (!deleted) delete (record as { deleted?: boolean }).deleted;
  return { ok: true, record, baseRev: r.baseRev, deleted, score, quarter: quarterKey(quarterOf(r.testedAt)), testedAtUtc };
}
