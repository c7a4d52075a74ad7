// Which unit a test belongs to. Tests normally carry the server's unit id; a test whose unit was
// only typed on the device (no unit list yet) has an empty id and is grouped by its name.
import type { ServerRecord } from '../sync/protocol';

export interface UnitInfo {
  id: string;
  name: string;
  createdAt?: string;
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
export function reportUnits(units: UnitInfo[], records: ServerRecord[]): (UnitRef & { createdAt?: string })[] {
  const out = new Map<string, UnitRef & { createdAt?: string }>();
  for (const u of units) out.set(u.id, { unitKey: u.id, unitId: u.id, unitName: u.name, createdAt: u.createdAt });
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
