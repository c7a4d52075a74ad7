// Local backup: every test on the device as one JSON file, and back. Entries are recognised by id,
// so importing the same file twice (or onto the phone that made it) never doubles a test. Each entry
// is checked by the record contract, exactly as the device's own writes and the server's push are.
import { checkTestRecord, type RecordContext } from '../record/check';
import { ANSWERS_FORMAT, type CourtesyTest } from '../record/courtesyTest';
import { recordError, within, type RecordError } from '../record/errors';
import type { Answers } from '../scoresheet';
import type { DeviceTest } from './types';

export const BACKUP_FORMAT = 'courtesy-backup/1';

/** One test in a backup file: the record, its answers as a courtesy-answers/1 document. */
export type BackupEntry = Omit<CourtesyTest, 'answers'> & { answers: { format: string; answers: Answers } };

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  tests: BackupEntry[];
}

export function toBackup(tests: DeviceTest[], now: string): string {
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    exportedAt: now,
    tests: tests.map(({ sync, answers, ...rest }) => ({
      ...rest,
      // Keep the confirmed revision so a restore can tell the server which version it builds on.
      rev: sync.rev ?? rest.rev ?? 0,
      answers: { format: ANSWERS_FORMAT, answers },
    })),
  };
  return JSON.stringify(file, null, 2);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse one entry into a record, or say which field breaks which rule (fields as `tests[3].id`). */
export function parseEntry(raw: unknown, index: number, ctx: RecordContext): { ok: true; test: CourtesyTest } | { ok: false; errors: RecordError[] } {
  const where = `tests[${index}]`;
  if (!isObject(raw)) return { ok: false, errors: [recordError(where, 'type', 'must be an object (one test)', '必須是物件（一筆測試）')] };
  // The documented courtesy-answers/1 document, or a bare answers map.
  let answers: unknown = raw.answers;
  if (isObject(answers) && 'format' in answers) {
    if (answers.format !== ANSWERS_FORMAT)
      return { ok: false, errors: [recordError(`${where}.answers.format`, 'answers format', `must be "${ANSWERS_FORMAT}"`, `必須是 "${ANSWERS_FORMAT}"`)] };
    const extra = Object.keys(answers).filter((k) => k !== 'format' && k !== 'answers');
    if (extra.length) return { ok: false, errors: [recordError(`${where}.answers.${extra[0]}`, 'unknown key', `unknown field "${extra[0]}"`, `不認得的欄位「${extra[0]}」`)] };
    answers = answers.answers;
  }
  const checked = checkTestRecord({ ...raw, answers }, ctx);
  if (!checked.ok) return { ok: false, errors: within(where, checked.errors) };
  return { ok: true, test: checked.record };
}

/** Parse a backup file; the errors name the field when the file itself is not a backup. */
export function parseBackup(json: string): { ok: true; tests: unknown[]; exportedAt: string } | { ok: false; errors: RecordError[] } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, errors: [recordError('backup', 'JSON', `not valid JSON (${(e as Error).message})`, `不是有效的 JSON（${(e as Error).message}）`)] };
  }
  if (!isObject(data)) return { ok: false, errors: [recordError('backup', 'type', 'must be a JSON object', '必須是 JSON 物件')] };
  if (data.format !== BACKUP_FORMAT) return { ok: false, errors: [recordError('backup.format', 'backup format', `must be "${BACKUP_FORMAT}"`, `必須是 "${BACKUP_FORMAT}"`)] };
  if (!Array.isArray(data.tests)) return { ok: false, errors: [recordError('backup.tests', 'type', 'must be an array', '必須是陣列')] };
  return { ok: true, tests: data.tests, exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '' };
}

/** A completed test replaced from a backup: the version it replaces joins the history, with why. */
export function correctedFromBackup(existing: CourtesyTest, incoming: CourtesyTest, exportedAt: string): CourtesyTest {
  const replaced = {
    savedAt: existing.updatedAt,
    status: existing.status,
    answers: structuredClone(existing.answers),
    reason: `由備份還原（${exportedAt || '日期不明'}）／restored from a backup`,
  };
  const history = [...incoming.history];
  if (!history.some((h) => h.savedAt === replaced.savedAt && sameAnswers(h.answers, replaced.answers))) history.push(replaced);
  return { ...incoming, history };
}

function sameAnswers(a: Answers, b: Answers): boolean {
  return stableJson(a) === stableJson(b);
}

/** Same content, ignoring the device's sync bookkeeping. */
export function sameRecord(a: CourtesyTest, b: CourtesyTest): boolean {
  const strip = ({ rev: _r, ...rest }: CourtesyTest & { sync?: unknown }) => {
    const { sync: _s, ...plain } = rest as typeof rest & { sync?: unknown };
    return plain;
  };
  return stableJson(strip(a)) === stableJson(strip(b));
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}
