// Which sheet versions exist and which one is in force when: data, not code. The library's
// versions come from sheets/manifest.json; versions an admin publishes arrive at run time (from
// the server's store, or a device's cache of what the server served). The registry only grows:
// a version, once known, never changes, so a test is always rescored by the sheet it was filled on.
import { SheetError, deepFreeze, validateSheet } from './sheet';
import { maximaFor } from './evaluate';
import type { Sheet, SheetRef } from './types';

/** A date in Asia/Taipei from which a version is in force: "YYYY-MM-DD" (from 00:00 that day). */
export type EffectiveDate = string;

export interface SheetVersionEntry {
  sheet: Sheet;
  /** Absent: never in force by date (an example, or uploaded and not yet published). */
  effectiveFrom?: EffectiveDate;
  source: 'library' | 'published';
}

export interface Manifest {
  format: 'courtesy-sheet-manifest/1';
  /** The sheet (id) new tests are filled on: its version in force at the test's time. */
  inForce: string;
  versions: { sheet: string; version: number; file: string; effectiveFrom: EffectiveDate }[];
  examples: { sheet: string; version: number; file: string }[];
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isEffectiveDate(value: unknown): value is EffectiveDate {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const taipeiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Taipei calendar date of an instant, "YYYY-MM-DD". */
export function taipeiDay(at: string | Date): EffectiveDate {
  return taipeiDate.format(typeof at === 'string' ? new Date(at) : at);
}

export const refKey = (ref: SheetRef) => `${ref.id}@${ref.version}`;

/** JSON with sorted keys: two documents are the same version only if this text is the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Validate, then deep-freeze, a sheet document; throws SheetError naming the node for a broken one. */
export function loadSheet(input: unknown): Sheet {
  // A private copy: the caller's object stays theirs, ours can never change under a test.
  const copy = typeof input === 'object' && input !== null ? structuredClone(input) : input;
  return deepFreeze(validateSheet(copy, maximaFor));
}

export class SheetRegistry {
  private readonly entries = new Map<string, SheetVersionEntry>();

  constructor(readonly inForceId: string) {}

  /**
   * Add a version (validated and frozen). The same content again is a no-op (its effective date
   * follows the latest word, the server's); other content under a known id@version is refused.
   */
  add(doc: unknown, options: { effectiveFrom?: EffectiveDate; source: SheetVersionEntry['source'] }): Sheet {
    if (options.effectiveFrom !== undefined && !isEffectiveDate(options.effectiveFrom)) {
      throw new SheetError('(sheet)', `effectiveFrom must be a date YYYY-MM-DD, not ${JSON.stringify(options.effectiveFrom)}`);
    }
    const sheet = loadSheet(doc);
    const key = refKey(sheet);
    const known = this.entries.get(key);
    if (known) {
      if (canonicalJson(known.sheet) !== canonicalJson(sheet)) {
        throw new SheetError('(sheet)', `${key} already exists with other content; a changed sheet needs a new version number`);
      }
      if (options.effectiveFrom !== undefined && known.source === 'published') known.effectiveFrom = options.effectiveFrom;
      return known.sheet;
    }
    this.entries.set(key, { sheet, source: options.source, ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}) });
    return sheet;
  }

  /** The sheet a record names; undefined for one this registry does not know (never a default). */
  get(ref: SheetRef | undefined): Sheet | undefined {
    if (!ref || typeof ref.id !== 'string' || typeof ref.version !== 'number') return undefined;
    return this.entries.get(refKey(ref))?.sheet;
  }

  entry(ref: SheetRef): SheetVersionEntry | undefined {
    return this.entries.get(refKey(ref));
  }

  list(): SheetVersionEntry[] {
    return [...this.entries.values()].sort((a, b) => a.sheet.id.localeCompare(b.sheet.id) || a.sheet.version - b.sheet.version);
  }

  /**
   * The version of `sheetId` in force at an instant: the one with the latest effective date on or
   * before the instant's Asia/Taipei date (a later version number wins a tie).
   */
  inForceAt(at: string | Date, sheetId: string = this.inForceId): Sheet {
    const day = taipeiDay(at);
    let best: SheetVersionEntry | undefined;
    for (const entry of this.entries.values()) {
      if (entry.sheet.id !== sheetId || !entry.effectiveFrom || entry.effectiveFrom > day) continue;
      if (!best || entry.effectiveFrom > best.effectiveFrom! || (entry.effectiveFrom === best.effectiveFrom && entry.sheet.version > best.sheet.version)) best = entry;
    }
    if (!best) throw new SheetError('(registry)', `no version of ${sheetId} is in force on ${day}`);
    return best.sheet;
  }
}

/** A registry holding the library's versions as the manifest lists them. */
export function registryFromManifest(manifest: Manifest, files: Record<string, unknown>): SheetRegistry {
  if (manifest.format !== 'courtesy-sheet-manifest/1') throw new SheetError('(manifest)', `format must be "courtesy-sheet-manifest/1"`);
  const registry = new SheetRegistry(manifest.inForce);
  const load = (file: string, ref: SheetRef, effectiveFrom?: string, example = false) => {
    if (!(file in files)) throw new SheetError('(manifest)', `lists ${file}, which is not in the library`);
    const sheet = registry.add(files[file], { source: 'library', ...(effectiveFrom ? { effectiveFrom } : {}) });
    if (sheet.id !== ref.id || sheet.version !== ref.version) throw new SheetError('(manifest)', `${file} holds ${refKey(sheet)}, not ${refKey(ref)}`);
    if (Boolean(sheet.example) !== example) throw new SheetError('(manifest)', `${file}: ${example ? 'an example must say "example": true' : 'a version in force must not be marked as an example'}`);
  };
  for (const v of manifest.versions) {
    if (!isEffectiveDate(v.effectiveFrom)) throw new SheetError('(manifest)', `${v.file}: effectiveFrom must be a date YYYY-MM-DD`);
    load(v.file, { id: v.sheet, version: v.version }, v.effectiveFrom);
  }
  for (const e of manifest.examples) load(e.file, { id: e.sheet, version: e.version }, undefined, true);
  return registry;
}
