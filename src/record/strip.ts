// A record written before the record contract may carry keys the contract does not know (a client's
// `answererFullName`, a surname inside history[]). Both the server's check of stored records and the
// device's database upgrade remove them with this one function, naming (never showing) what went.
import { AttemptSchema, CourtesyTestSchema, HistoryEntrySchema, RetestOverrideSchema, SheetRefSchema } from './schema';

/** A device's copy keeps its `rev`; the server's stored record has none (the row holds it). */
const TOP_KEYS = new Set(Object.keys(CourtesyTestSchema.entries));
const NESTED: Record<string, Set<string>> = {
  attempts: new Set(Object.keys(AttemptSchema.entries)),
  history: new Set(Object.keys(HistoryEntrySchema.entries)),
};
const OBJECT_KEYS: Record<string, Set<string>> = {
  sheet: new Set(Object.keys(SheetRefSchema.entries)),
  retestOverride: new Set(Object.keys(RetestOverrideSchema.entries)),
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The record without keys the contract does not know; `removed` names them ("history[0].surname"). */
export function stripUnknown(stored: Record<string, unknown>, options: { withRev?: boolean } = {}): { record: Record<string, unknown>; removed: string[] } {
  const removed: string[] = [];
  const pick = (value: Record<string, unknown>, allowed: Set<string>, where: string) => {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (allowed.has(key)) out[key] = v;
      else removed.push(`${where}${key}`);
    }
    return out;
  };
  const record = pick(stored, options.withRev === false ? new Set([...TOP_KEYS].filter((k) => k !== 'rev')) : TOP_KEYS, '');
  for (const [field, allowed] of Object.entries(NESTED)) {
    const list = record[field];
    if (Array.isArray(list)) record[field] = list.map((item, i) => (isObject(item) ? pick(item, allowed, `${field}[${i}].`) : item));
  }
  for (const [field, allowed] of Object.entries(OBJECT_KEYS)) {
    const value = record[field];
    if (isObject(value)) record[field] = pick(value, allowed, `${field}.`);
  }
  return { record, removed };
}

