// A typed unit name matched to the unit list: the same unit however it was typed (spaces,
// full-width letters and digits, 台/臺), so a test is not refused at sync for a unit the list has.
import type { Unit } from './units';

/** The form a name is compared in: NFKC (full-width → half-width), no spaces, 台 → 臺, case-folded. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/台/g, '臺').toLowerCase();
}

/** The unit of the list this name means, or undefined when the list has none (or two) that fit. */
export function matchUnit(name: string, units: Unit[]): Unit | undefined {
  const key = unitKey(name);
  if (!key) return undefined;
  const hits = units.filter((u) => unitKey(u.name) === key);
  return hits.length === 1 ? hits[0] : undefined;
}
