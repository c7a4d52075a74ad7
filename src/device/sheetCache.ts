// Sheet versions the server published, kept on the device for offline use. On open the cache is
// read into the registry, so a test started with no signal gets the version in force at its time
// and every stored test is scored by the sheet it names. Each served version is validated (and
// frozen) before it is kept; a bad one is reported and skipped, never half-kept. Nothing cached is
// ever dropped: a test on the device may still name it.
import { canonicalJson, isEffectiveDate, refKey, registry as defaultRegistry, SheetRegistry } from '../scoresheet';
import type { Device } from './types';

export const SHEET_CACHE_KEY = 'sheets.served';

export interface ServedVersion {
  id: string;
  version: number;
  effectiveFrom: string;
  sheet: unknown;
}

export interface SheetCacheResult {
  /** id@version of each version now known on the device. */
  known: string[];
  /** Versions added by this call. */
  added: string[];
  /** One line per version refused, naming it and the rule (in English; the node is named). */
  errors: string[];
}

type Meta = Pick<Device, 'getMeta' | 'setMeta'>;

function asList(value: unknown): ServedVersion[] {
  const versions = (value as { versions?: unknown } | null)?.versions;
  return Array.isArray(versions) ? (versions as ServedVersion[]) : [];
}

/** Add versions to the registry; the ones it accepted (validated, no clash) are returned. */
function addAll(registry: SheetRegistry, versions: ServedVersion[], result: SheetCacheResult): ServedVersion[] {
  const kept: ServedVersion[] = [];
  for (const [i, v] of versions.entries()) {
    const name = typeof v?.id === 'string' ? `${v.id}@${String(v.version)}` : `versions[${i}]`;
    if (!v || !isEffectiveDate(v.effectiveFrom)) {
      result.errors.push(`${name}: effectiveFrom must be a date YYYY-MM-DD`);
      continue;
    }
    try {
      const before = registry.get({ id: v.id, version: v.version });
      const sheet = registry.add(v.sheet, { source: 'published', effectiveFrom: v.effectiveFrom });
      if (sheet.id !== v.id || sheet.version !== v.version) {
        result.errors.push(`${name}: the document is ${refKey(sheet)}`);
        continue;
      }
      if (!before) result.added.push(refKey(sheet));
      kept.push({ id: v.id, version: v.version, effectiveFrom: v.effectiveFrom, sheet: v.sheet });
    } catch (e) {
      result.errors.push(`${name}: ${(e as Error).message}`);
    }
  }
  return kept;
}

/** On open: what the device cached before goes into the registry. */
export async function loadCachedSheets(device: Meta, registry: SheetRegistry = defaultRegistry): Promise<SheetCacheResult> {
  const result: SheetCacheResult = { known: [], added: [], errors: [] };
  const kept = addAll(registry, asList(await device.getMeta(SHEET_CACHE_KEY)), result);
  result.known = kept.map((v) => `${v.id}@${v.version}`);
  return result;
}

/**
 * What the server serves (GET /api/sheets: { versions }) joins the cache and the registry. The
 * cache is written once, after every version was checked, so a crash keeps the old cache whole.
 */
export async function cacheServedSheets(device: Meta, served: unknown, registry: SheetRegistry = defaultRegistry): Promise<SheetCacheResult> {
  const result: SheetCacheResult = { known: [], added: [], errors: [] };
  const cached = addAll(registry, asList(await device.getMeta(SHEET_CACHE_KEY)), { known: [], added: [], errors: [] });
  const fresh = addAll(registry, asList(served), result);
  const byKey = new Map<string, ServedVersion>();
  for (const v of [...cached, ...fresh]) byKey.set(`${v.id}@${v.version}`, v); // the server's date is the latest word
  const next = { versions: [...byKey.values()] };
  if (canonicalJson(next) !== canonicalJson({ versions: cached })) await device.setMeta(SHEET_CACHE_KEY, next);
  result.known = [...byKey.keys()];
  return result;
}
