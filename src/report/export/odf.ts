// ODF 1.2 packaging shared by ODS and ODT (ODF is the basis of CNS 15251, the government's document
// standard): `mimetype` first and stored, then the manifest, content, styles and meta parts.
import type { Cell, DocTable, ReportDocument } from '../document';
import { neutralise, xmlEscape } from './safe';
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
].join(' ');

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

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

/** One table cell. Text is neutralised (no formula can start it) and always a string cell. */
export function odfCell(cell: Cell, style?: string): string {
  const s = style ? ` table:style-name="${style}"` : '';
  if (cell.kind === 'number' && Number.isFinite(cell.value)) {
    return `<table:table-cell${s} office:value-type="float" office:value="${cell.value}"><text:p>${xmlEscape(cell.text)}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${s} office:value-type="string"><text:p>${odfText(neutralise(cell.text))}</text:p></table:table-cell>`;
}

export function odfTable(table: DocTable, headerStyle: string): string {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const header = `<table:table-header-rows><table:table-row>${table.header.map((h) => odfCell({ kind: 'text', text: h }, headerStyle)).join('')}</table:table-row></table:table-header-rows>`;
  const rows = table.rows.map((row) => `<table:table-row>${row.map((c) => odfCell(c)).join('')}</table:table-row>`).join('\n');
  return `<table:table table:name="${xmlEscape(table.name)}"><table:table-column table:number-columns-repeated="${width}"/>\n${header}\n${rows}\n</table:table>`;
}

export function metaXml(doc: ReportDocument): string {
  const date = new Date(doc.date).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${XML_DECL}<office:document-meta ${NS} office:version="1.2"><office:meta><meta:generator>courtesy-test report</meta:generator><dc:title>${xmlEscape(doc.title)}</dc:title><dc:language>${doc.lang === 'zh' ? 'zh-TW' : 'en'}</dc:language><meta:creation-date>${date}</meta:creation-date><dc:date>${date}</dc:date></office:meta></office:document-meta>`;
}

/** Default fonts (CJK-capable) and an A4 page, so the document prints on the agency's paper. */
export function stylesXml(): string {
  return `${XML_DECL}<office:document-styles ${NS} office:version="1.2"><office:font-face-decls/><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt" style:font-family-asian="Noto Sans CJK TC" style:language-asian="zh" style:country-asian="TW"/></style:default-style><style:default-style style:family="table-cell"><style:text-properties fo:font-size="11pt"/></style:default-style></office:styles><office:automatic-styles><style:page-layout style:name="pmA4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Default" style:page-layout-name="pmA4"/><style:master-page style:name="Standard" style:page-layout-name="pmA4"/></office:master-styles></office:document-styles>`;
}

export function manifestXml(mediaType: string): string {
  const entry = (path: string, type: string, extra = '') => `<manifest:file-entry manifest:full-path="${path}"${extra} manifest:media-type="${type}"/>`;
  return `${XML_DECL}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">${[
    entry('/', mediaType, ' manifest:version="1.2"'),
    entry('content.xml', 'text/xml'),
    entry('styles.xml', 'text/xml'),
    entry('meta.xml', 'text/xml'),
  ].join('')}</manifest:manifest>`;
}

export function odfPackage(mediaType: string, content: string, doc: ReportDocument): Uint8Array {
  return zipEntries(
    [
      { path: 'mimetype', data: mediaType, stored: true },
      { path: 'META-INF/manifest.xml', data: manifestXml(mediaType) },
      { path: 'content.xml', data: XML_DECL + content },
      { path: 'styles.xml', data: stylesXml() },
      { path: 'meta.xml', data: metaXml(doc) },
    ],
    doc.date,
  );
}
