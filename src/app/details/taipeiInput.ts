// <input type="datetime-local"> speaks the device's clock; tests are dated on the Taipei clock
// whatever the phone is set to, so convert explicitly (Taiwan has no daylight saving).
import { taipeiParts } from '../../record/quarter';

const two = (n: number) => String(n).padStart(2, '0');

export function toTaipeiInput(iso: string): string {
  const p = taipeiParts(iso);
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

export function fromTaipeiInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
