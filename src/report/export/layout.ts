// Column widths fitted to the content, shared by ODS, ODT and XLSX, so no date is clipped and no
// two figures run together. Widths are counted in "units": an ASCII character is 1, a CJK (wide)
// character 2. A header may wrap onto two lines; long free text (causes, measures) wraps at 40.
import type { DocTable } from '../document';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

export const MIN_UNITS = 4;
export const MAX_UNITS = 40;

export function columnUnits(table: DocTable): number[] {
  const count = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  return Array.from({ length: count }, (_, j) => {
    const header = Math.ceil(textUnits(table.header[j] ?? '') / 2);
    const cells = table.rows.reduce((m, row) => Math.max(m, textUnits(row[j]?.text ?? '')), 0);
    return Math.min(MAX_UNITS, Math.max(MIN_UNITS, header, cells) + 1);
  });
}
