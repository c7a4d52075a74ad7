// The annual report as CSV: UTF-8 with a byte-order mark (so Excel on Windows reads the Chinese
// correctly), CRLF lines, each table as a title line, a header and its rows, a blank line between.
// CSV has no cell types, so this is the one format whose text gets the formula guard (a leading
// apostrophe on text that begins with = + - @); numbers are written as shown (95.30), dates as
// ISO dates (2026-02-10) so a spreadsheet reads them as dates and sorts them.
import type { Cell, ReportDocument } from '../document';
import { encodeUtf8, neutralise } from './safe';

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

function field(c: Cell): string {
  const raw = c.kind === 'number' && Number.isFinite(c.value) ? (c.decimals !== undefined ? c.text : String(c.value)) : c.kind === 'date' ? c.value : neutralise(c.text);
  return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
}

const line = (cells: Cell[]) => cells.map(field).join(',');
const texts = (xs: string[]): Cell[] => xs.map((text) => ({ kind: 'text', text }));

export function renderCsvText(doc: ReportDocument): string {
  const lines: string[] = [line(texts([doc.title]))];
  for (const p of doc.paragraphs) lines.push(line(texts([p])));
  for (const t of doc.tables) {
    lines.push('', line(texts([t.title])), line(texts(t.header)));
    for (const row of t.rows) lines.push(line(row));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function renderCsv(doc: ReportDocument): Uint8Array {
  return encodeUtf8(renderCsvText(doc));
}
