// ODF 1.2 packaging shared by ODS and ODT (ODF is the basis of CNS 15251, the government's document
// standard): `mimetype` first and stored, then the manifest, content, styles, meta (and settings)
// parts. Every part validates against the OASIS ODF 1.2 RelaxNG schema (tests/report/odfSchema).
import type { Cell, ReportDocument } from '../document';
import { xmlEscape } from './safe';
import { zipEntries } from './zip';

export const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * The fonts: a CJK face first, with fallbacks for machines without it (LibreOffice reads a
 * semicolon-separated family as a fallback list), and a Latin face.
 */
export const FONT_FACES =
  '<office:font-face-decls>' +
  '<style:font-face style:name="CJK" svg:font-family="&apos;Noto Sans CJK TC;Noto Sans TC;Microsoft JhengHei;PMingLiU;sans-serif&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/>' +
  '<style:font-face style:name="Latin" svg:font-family="&apos;Liberation Sans;Arial;Helvetica;sans-serif&apos;" style:font-family-generic="swiss" style:font-pitch="variable"/>' +
  '</office:font-face-decls>';

/** Text properties naming both faces (and the Asian language) for a style. */
export const fontProps = (size: string, bold = false) =>
  `<style:text-properties style:font-name="Latin" style:font-name-asian="CJK" fo:font-size="${size}" style:font-size-asian="${size}" fo:language="zh" fo:country="TW" style:language-asian="zh" style:country-asian="TW"${bold ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : ''}/>`;

/** Text inside <text:p>: ODF collapses spaces and ignores raw tabs and newlines, so spell them out. */
export function odfText(raw: string): string {
  return raw
    .split(/(\n| {2,}|\t)/)
    .map((part) => {
      if (part === '\n') return '<text:line-break/>';
      if (part === '\t') return '<text:tab/>';
      if (/^ {2,}$/.test(part)) return ` <text:s text:c="${part.length - 1}"/>`;
      return xmlEscape(part);
    })
    .join('');
}

/**
 * One table cell with its value type. Text is a string cell and stays exactly as typed: a string
 * cell never runs as a formula, so no apostrophe is added (that guard is CSV's alone).
 */
export function odfCell(cell: Cell, style: string | undefined, paragraphStyle?: string): string {
  const s = style ? ` table:style-name="${style}"` : '';
  const p = paragraphStyle ? `<text:p text:style-name="${paragraphStyle}">` : '<text:p>';
  if (cell.kind === 'number' && Number.isFinite(cell.value)) {
    return `<table:table-cell${s} office:value-type="float" office:value="${cell.value}">${p}${xmlEscape(cell.text)}</text:p></table:table-cell>`;
  }
  if (cell.kind === 'date') {
    return `<table:table-cell${s} office:value-type="date" office:date-value="${cell.value}">${p}${xmlEscape(cell.text)}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${s} office:value-type="string">${p}${odfText(cell.text)}</text:p></table:table-cell>`;
}

export function metaXml(doc: ReportDocument): string {
  const date = new Date(doc.date).toISOString().replace(/\.\d{3}Z$/, '');
  return `${XML_DECL}<office:document-meta ${NS} office:version="1.2"><office:meta><meta:generator>courtesy-test report</meta:generator><dc:title>${xmlEscape(doc.title)}</dc:title><dc:language>${doc.lang === 'zh' ? 'zh-TW' : 'en'}</dc:language><meta:creation-date>${date}</meta:creation-date><dc:date>${date}</dc:date></office:meta></office:document-meta>`;
}

export function manifestXml(mediaType: string, extra: string[] = []): string {
  const entry = (path: string, type: string, more = '') => `<manifest:file-entry manifest:full-path="${path}"${more} manifest:media-type="${type}"/>`;
  return `${XML_DECL}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">${[
    entry('/', mediaType, ' manifest:version="1.2"'),
    entry('content.xml', 'text/xml'),
    entry('styles.xml', 'text/xml'),
    entry('meta.xml', 'text/xml'),
    ...extra.map((p) => entry(p, 'text/xml')),
  ].join('')}</manifest:manifest>`;
}

export function odfPackage(mediaType: string, parts: { content: string; styles: string; settings?: string }, doc: ReportDocument): Uint8Array {
  return zipEntries(
    [
      { path: 'mimetype', data: mediaType, stored: true },
      { path: 'META-INF/manifest.xml', data: manifestXml(mediaType, parts.settings ? ['settings.xml'] : []) },
      { path: 'content.xml', data: XML_DECL + parts.content },
      { path: 'styles.xml', data: XML_DECL + parts.styles },
      { path: 'meta.xml', data: metaXml(doc) },
      ...(parts.settings ? [{ path: 'settings.xml', data: XML_DECL + parts.settings }] : []),
    ],
    doc.date,
  );
}

/** Data styles: integers, two decimals, and the ROC calendar date (民國115年2月10日 / ROC 115-02-10). */
export function dataStyles(lang: 'zh' | 'en'): string {
  const date =
    lang === 'zh'
      ? '<number:text>民國</number:text><number:year number:calendar="ROC"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text>'
      : '<number:text>ROC </number:text><number:year number:calendar="ROC"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>';
  return (
    '<number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>' +
    '<number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-integer-digits="1"/></number:number-style>' +
    '<number:number-style style:name="N1"><number:number number:decimal-places="1" number:min-integer-digits="1"/></number:number-style>' +
    `<number:date-style style:name="DROC" number:language="zh" number:country="TW">${date}</number:date-style>`
  );
}

/** The data style of a cell: its fixed decimals, or general; dates in the ROC calendar. */
export function dataStyleOf(cell: Cell): string | undefined {
  if (cell.kind === 'date') return 'DROC';
  if (cell.kind !== 'number') return undefined;
  if (cell.decimals === 0) return 'N0';
  if (cell.decimals === 1) return 'N1';
  if (cell.decimals === 2) return 'N2';
  return undefined; // a score as written (92.5, 100): the default "General" shows it so
}
