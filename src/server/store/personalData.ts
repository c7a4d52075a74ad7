// The answerer's surname and extension (個資法): what counts as personal data in a stored test, and
// whether a purge already removed it. Kept apart from record validation (src/server/store/validateRecord.ts
// / src/record) so it runs as its own step after the record is accepted.
import type { Transaction } from 'kysely';
import type { Database } from './db';

export const PERSONAL_FIELDS = ['answererSurname', 'extension'] as const;
/** Settings key: the latest purge cut-off (ISO instant, UTC). Tests before it never keep personal data. */
export const PURGED_BEFORE_KEY = 'personalData.purgedBefore';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function anyPersonal(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(anyPersonal);
  if (!isObject(value)) return false;
  return Object.entries(value).some(([k, v]) => ((PERSONAL_FIELDS as readonly string[]).includes(k) ? typeof v === 'string' && v !== '' : anyPersonal(v)));
}

/** True when the record, or any entry of its history[], still carries a surname or an extension. */
export function hasPersonalData(record: object): boolean {
  return anyPersonal(record);
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, (PERSONAL_FIELDS as readonly string[]).includes(k) && typeof v === 'string' ? '' : scrub(v)]));
}

/** The record with the surname and extension blanked, at the top and in every history[] entry. */
export function withoutPersonalData<T extends object>(record: T): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const field of PERSONAL_FIELDS) if (typeof copy[field] === 'string') copy[field] = '';
  if (Array.isArray(copy.history)) copy.history = scrub(copy.history);
  return copy as T;
}

/** Was this test purged, or is it older than the latest purge's cut-off? */
export async function isPurged(trx: Transaction<Database>, testId: string, testedAtUtc: string): Promise<boolean> {
  if (await trx.selectFrom('purged_tests').select('test_id').where('test_id', '=', testId).executeTakeFirst()) return true;
  const row = await trx.selectFrom('settings').select('value').where('key', '=', PURGED_BEFORE_KEY).executeTakeFirst();
  return !!row && testedAtUtc < (JSON.parse(row.value) as string);
}
