// Which unit a test belongs to. Tests normally carry the server's unit id; a test whose unit was
// only typed on the device (no unit list yet) has an empty id and is grouped by its name.
import type { ServerRecord } from '../sync/protocol';

export interface UnitInfo {
  id: string;
  name: string;
  createdAt?: string;
  /** The unit's own start date (YYYY-MM-DD, Taipei): plan periods wholly before it are 免測. */
  startsOn?: string;
}

/** The instant a unit's start date begins (Taipei midnight), or null when it has none. */
export function unitStartMs(startsOn: string | undefined): number | null {
  if (!startsOn) return null;
  const t = Date.parse(`${startsOn}T00:00:00+08:00`);
  return Number.isNaN(t) ? null : t;
}

export interface UnitRef {
  /** Stable grouping key: the unit id, or "name:…" for a typed unit. */
  unitKey: string;
  unitId: string;
  unitName: string;
}

export function unitKeyOf(r: Pick<ServerRecord, 'unitId' | 'unitName'>): string {
  return r.unitId ? r.unitId : `name:${r.unitName.trim()}`;
}

/**
 * Every unit a report lists: the units the server knows (so a unit with no test shows as 0 人次),
 * then any unit that appears only in tests. Names come from the unit list when there is one.
 */
export function reportUnits(units: UnitInfo[], records: ServerRecord[]): (UnitRef & { createdAt?: string; startsOn?: string })[] {
  const out = new Map<string, UnitRef & { createdAt?: string; startsOn?: string }>();
  for (const u of units) out.set(u.id, { unitKey: u.id, unitId: u.id, unitName: u.name, createdAt: u.createdAt, ...(u.startsOn ? { startsOn: u.startsOn } : {}) });
  for (const r of records) {
    const key = unitKeyOf(r);
    if (!out.has(key)) out.set(key, { unitKey: key, unitId: r.unitId, unitName: r.unitName.trim() || r.unitId || '—' });
  }
  return [...out.values()];
}

export function groupByUnit(records: ServerRecord[]): Map<string, ServerRecord[]> {
  const groups = new Map<string, ServerRecord[]>();
  for (const r of records) {
    const key = unitKeyOf(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}
