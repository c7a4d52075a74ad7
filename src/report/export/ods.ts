// The annual report as an ODF spreadsheet (.ods), one sheet per table: the default export.
// Columns fitted to their content, numbers with their decimals (95.30, not 95.3), real date cells
// shown in the ROC calendar (they sort as dates), the header row frozen and repeated on every
// printed page, and each sheet printed on A4 landscape scaled to the page width.
import type { DocTable, ReportDocument } from '../document';
import { columnUnits } from './layout';
import { dataStyleOf, dataStyles, FONT_FACES, fontProps, NS, odfCell, odfPackage, XML_DECL } from './odf';
import { xmlEscape } from './safe';

export const ODS_MEDIA_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** Centimetres per width unit (an ASCII character at 10 pt), plus the cell's padding. */
const CM_PER_UNIT = 0.2;
const PAD_CM = 0.3;
/** A4 landscape, 1.5 cm margins: the printable width each sheet is scaled to. */
const PRINTABLE_CM = 29.7 - 2 * 1.5;

const cm = (x: number) => `${x.toFixed(2)}cm`;
const widthsCm = (t: DocTable) => columnUnits(t).map((u) => u * CM_PER_UNIT + PAD_CM);

function cellStyles(): string {
  const border = 'fo:border="0.5pt solid #808080" fo:padding="0.05cm"';
  const data = (name: string, ds: string, align = 'end') =>
    `<style:style style:name="${name}" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="${ds}"><style:table-cell-properties ${border}/><style:paragraph-properties fo:text-align="${align}"/></style:style>`;
  return (
    `<style:style style:name="ceHead" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties ${border} fo:background-color="#e6e6e6" fo:wrap-option="wrap" style:vertical-align="middle"/>${fontProps('10pt', true)}</style:style>` +
    `<style:style style:name="ceText" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties ${border} fo:wrap-option="wrap" style:vertical-align="top"/></style:style>` +
    `<style:style style:name="ceNum" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties ${border}/><style:paragraph-properties fo:text-align="end"/></style:style>` +
    data('ceN0', 'N0') +
    data('ceN1', 'N1') +
    data('ceN2', 'N2') +
    data('ceDate', 'DROC', 'start')
  );
}

const cellStyleOf = (c: Parameters<typeof dataStyleOf>[0]) => {
  const ds = dataStyleOf(c);
  if (ds === 'DROC') return 'ceDate';
  if (ds) return `ce${ds}`;
  return c.kind === 'number' ? 'ceNum' : 'ceText';
};

function sheetXml(t: DocTable, i: number): string {
  const widths = widthsCm(t);
  const cols = widths.map((_, j) => `<table:table-column table:style-name="co${i}_${j}" table:default-cell-style-name="ceText"/>`).join('');
  const header = `<table:table-header-rows><table:table-row table:style-name="roHead">${t.header.map((h) => odfCell({ kind: 'text', text: h }, 'ceHead')).join('')}</table:table-row></table:table-header-rows>`;
  const rows = t.rows.map((row) => `<table:table-row>${row.map((c) => odfCell(c, cellStyleOf(c))).join('')}</table:table-row>`).join('\n');
  return `<table:table table:name="${xmlEscape(t.name)}" table:style-name="ta${i}">${cols}\n${header}\n${rows}\n</table:table>`;
}

/** Each sheet its own page style: A4 landscape, scaled so the sheet's columns fit the page width. */
function scaleOf(t: DocTable): number {
  const total = widthsCm(t).reduce((a, b) => a + b, 0);
  return Math.max(10, Math.min(100, Math.floor((PRINTABLE_CM / total) * 100)));
}

function stylesXml(doc: ReportDocument): string {
  const layouts = doc.tables
    .map(
      (t, i) =>
        `<style:page-layout style:name="pm${i}"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm" style:scale-to="${scaleOf(t)}%" style:print-page-order="ltr"/></style:page-layout>`,
    )
    .join('');
  const masters = doc.tables.map((_, i) => `<style:master-page style:name="mp${i}" style:page-layout-name="pm${i}"/>`).join('');
  return (
    `<office:document-styles ${NS} office:version="1.2">${FONT_FACES}<office:styles>` +
    `<style:default-style style:family="table-cell">${fontProps('10pt')}</style:default-style>` +
    `<style:style style:name="Default" style:family="table-cell"/>` +
    `</office:styles><office:automatic-styles>${layouts}</office:automatic-styles>` +
    `<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm0"/>${masters}</office:master-styles></office:document-styles>`
  );
}

/** Freeze each sheet's header row (the view settings LibreOffice reads; Excel has its own in XLSX). */
function settingsXml(doc: ReportDocument): string {
  const item = (name: string, type: string, value: string | number) => `<config:config-item config:name="${name}" config:type="${type}">${value}</config:config-item>`;
  const tables = doc.tables
    .map(
      (t) =>
        `<config:config-item-map-entry config:name="${xmlEscape(t.name)}">` +
        item('VerticalSplitMode', 'short', 2) +
        item('VerticalSplitPosition', 'int', 1) +
        item('ActiveSplitRange', 'short', 2) +
        item('PositionTop', 'int', 0) +
        item('PositionBottom', 'int', 1) +
        '</config:config-item-map-entry>',
    )
    .join('');
  return (
    `<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2"><office:settings>` +
    `<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>` +
    item('ViewId', 'string', 'view1') +
    `<config:config-item-map-named config:name="Tables">${tables}</config:config-item-map-named>` +
    item('ActiveTable', 'string', xmlEscape(doc.tables[0]?.name ?? '')) +
    `</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`
  );
}

export function renderOds(doc: ReportDocument): Uint8Array {
  const columnStyles = doc.tables
    .flatMap((t, i) => widthsCm(t).map((w, j) => `<style:style style:name="co${i}_${j}" style:family="table-column"><style:table-column-properties style:column-width="${cm(w)}"/></style:style>`))
    .join('');
  const tableStyles = doc.tables.map((_, i) => `<style:style style:name="ta${i}" style:family="table" style:master-page-name="mp${i}"><style:table-properties table:display="true"/></style:style>`).join('');
  const auto =
    `<office:automatic-styles>${dataStyles(doc.lang)}${cellStyles()}${columnStyles}${tableStyles}` +
    `<style:style style:name="roHead" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style></office:automatic-styles>`;
  const body = doc.tables.map((t, i) => sheetXml(t, i)).join('\n');
  const content = `<office:document-content ${NS} office:version="1.2">${FONT_FACES}${auto}<office:body><office:spreadsheet>\n${body}\n</office:spreadsheet></office:body></office:document-content>`;
  return odfPackage(ODS_MEDIA_TYPE, { content, styles: stylesXml(doc), settings: settingsXml(doc) }, doc);
}

export { XML_DECL };
