// Local backup: every test on the device as one JSON file, and back. Entries are recognised by id,
// so importing the same file twice (or onto the phone that made it) never doubles a test.
import { ANSWERS_FORMAT, type CourtesyTest } from '../record/courtesyTest';
import { issueText, sheetFor, tryScore, type Answers } from '../scoresheet';
import { isIsoDateTime } from './records';
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

const TEXT_FIELDS = ['id', 'unitName', 'switchboardNumber', 'answererSurname', 'extension', 'testerName', 'testedAt', 'createdAt', 'updatedAt'] as const;

/** Parse one entry into a record, or say which field breaks which rule. */
export function parseEntry(raw: unknown, index: number): { ok: true; test: CourtesyTest } | { ok: false; error: string } {
  const where = (field: string) => `tests[${index}]${typeof (raw as { id?: unknown })?.id === 'string' ? ` (${(raw as { id: string }).id})` : ''}.${field}`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: `tests[${index}]: must be an object` };
  const r = raw as Record<string, unknown>;
  for (const f of TEXT_FIELDS) if (typeof r[f] !== 'string') return { ok: false, error: `${where(f)}: must be a string` };
  if (!r.id) return { ok: false, error: `${where('id')}: must not be empty` };
  for (const f of ['testedAt', 'createdAt', 'updatedAt'] as const)
    if (!isIsoDateTime(r[f])) return { ok: false, error: `${where(f)}: must be an ISO 8601 date-time with Z or an offset` };
  if (r.status !== 'draft' && r.status !== 'completed') return { ok: false, error: `${where('status')}: must be "draft" or "completed"` };
  const sheetRef = r.sheet as { id?: unknown; version?: unknown } | undefined;
  if (!sheetRef || typeof sheetRef.id !== 'string' || typeof sheetRef.version !== 'number')
    return { ok: false, error: `${where('sheet')}: must be {id: string, version: number}` };
  const sheet = sheetFor({ id: sheetRef.id, version: sheetRef.version });
  if (!sheet) return { ok: false, error: `${where('sheet')}: unknown sheet ${sheetRef.id}@${sheetRef.version}` };
  // Accept the documented courtesy-answers/1 document, or a bare answers map.
  const doc = r.answers && typeof r.answers === 'object' && 'format' in (r.answers as object) ? r.answers : { format: ANSWERS_FORMAT, answers: r.answers };
  const scored = tryScore(sheet, doc);
  if (!scored.ok) return { ok: false, error: `${where('answers')}: ${scored.issues.map((i) => issueText(i)).join('; ')}` };
  if (r.attempts !== undefined && !Array.isArray(r.attempts)) return { ok: false, error: `${where('attempts')}: must be an array` };
  if (r.history !== undefined && !Array.isArray(r.history)) return { ok: false, error: `${where('history')}: must be an array` };
  const rev = r.rev === undefined ? 0 : r.rev;
  if (typeof rev !== 'number' || !Number.isInteger(rev) || rev < 0) return { ok: false, error: `${where('rev')}: must be a whole number ≥ 0` };
  const test: CourtesyTest = {
    id: r.id as string,
    unitId: typeof r.unitId === 'string' ? r.unitId : '',
    unitName: r.unitName as string,
    switchboardNumber: r.switchboardNumber as string,
    answererSurname: r.answererSurname as string,
    extension: r.extension as string,
    testerName: r.testerName as string,
    ...(typeof r.testerId === 'string' ? { testerId: r.testerId } : {}),
    testedAt: r.testedAt as string,
    sheet: { id: sheetRef.id, version: sheetRef.version },
    answers: (doc as { answers: Answers }).answers,
    attempts: (r.attempts as CourtesyTest['attempts']) ?? [],
    status: r.status,
    history: (r.history as CourtesyTest['history']) ?? [],
    createdAt: r.createdAt as string,
    updatedAt: r.updatedAt as string,
    rev,
  };
  return { ok: true, test };
}

/** Parse a backup file; throws a message naming the field when the file itself is not a backup. */
export function parseBackup(json: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`backup: not valid JSON (${(e as Error).message})`);
  }
  const file = data as Partial<BackupFile> | null;
  if (!file || typeof file !== 'object') throw new Error('backup: must be a JSON object');
  if (file.format !== BACKUP_FORMAT) throw new Error(`backup.format: must be "${BACKUP_FORMAT}"`);
  if (!Array.isArray(file.tests)) throw new Error('backup.tests: must be an array');
  return file.tests;
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
