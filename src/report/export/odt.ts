// The annual report as an ODF text document (.odt): the sentences and the tables, ready to paste
// into 執行績效與成果. Tables have borders and padding, columns fitted to their content and scaled to
// the page, numbers right-aligned with their decimals, and the header row repeated on every page.
// Narrow tables sit on A4 portrait pages; a table too wide for portrait gets an A4 landscape page.
import type { DocTable, ReportDocument } from '../document';
import { columnUnits } from './layout';
import { FONT_FACES, fontProps, NS, odfCell, odfPackage, odfText } from './odf';
import { xmlEscape } from './safe';

export const ODT_MEDIA_TYPE = 'application/vnd.oasis.opendocument.text';

const PORTRAIT_CM = 21 - 2 * 2; // 17 cm between 2 cm margins
const LANDSCAPE_CM = 29.7 - 2 * 2;
/** cm per width unit at the tables' 9 pt, plus padding. */
const CM_PER_UNIT = 0.19; // CJK–digit autospacing makes mixed text a little wider than its characters
const PAD_CM = 0.25;

function layoutOf(t: DocTable): { landscape: boolean; widths: number[]; total: number } {
  const natural = columnUnits(t).map((u) => u * CM_PER_UNIT + PAD_CM);
  const sum = natural.reduce((a, b) => a + b, 0);
  const landscape = sum > PORTRAIT_CM;
  const page = landscape ? LANDSCAPE_CM : PORTRAIT_CM;
  // Shrink to the page when wider; never stretch a narrow table across it.
  const scale = Math.min(1, page / sum);
  const widths = natural.map((w) => Math.round(w * scale * 100) / 100);
  return { landscape, widths, total: widths.reduce((a, b) => a + b, 0) };
}

const cm = (x: number) => `${x.toFixed(2)}cm`;

function autoStyles(doc: ReportDocument): string {
  const border = 'fo:border="0.5pt solid #000000" fo:padding="0.08cm"';
  const tables = doc.tables
    .map((t, i) => {
      const { widths, total } = layoutOf(t);
      return (
        `<style:style style:name="T${i}" style:family="table"><style:table-properties style:width="${cm(total)}" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>` +
        widths.map((w, j) => `<style:style style:name="T${i}.C${j}" style:family="table-column"><style:table-column-properties style:column-width="${cm(w)}"/></style:style>`).join('')
      );
    })
    .join('');
  return (
    '<office:automatic-styles>' +
    tables +
    `<style:style style:name="ceHead" style:family="table-cell"><style:table-cell-properties ${border} fo:background-color="#e6e6e6" style:vertical-align="middle"/></style:style>` +
    `<style:style style:name="ceCell" style:family="table-cell"><style:table-cell-properties ${border} style:vertical-align="top"/></style:style>` +
    `<style:style style:name="pHead" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>${fontProps('9pt', true)}</style:style>` +
    `<style:style style:name="pText" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/>${fontProps('9pt')}</style:style>` +
    `<style:style style:name="pNum" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/>${fontProps('9pt')}</style:style>` +
    // Headings that open a portrait or a landscape page (a change of master page starts a new page).
    `<style:style style:name="hPortrait" style:family="paragraph" style:master-page-name="Standard"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${fontProps('13pt', true)}</style:style>` +
    `<style:style style:name="hLandscape" style:family="paragraph" style:master-page-name="Landscape"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${fontProps('13pt', true)}</style:style>` +
    `<style:style style:name="hSame" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>${fontProps('13pt', true)}</style:style>` +
    '</office:automatic-styles>'
  );
}

function tableXml(t: DocTable, i: number): string {
  const { widths } = layoutOf(t);
  const cols = widths.map((_, j) => `<table:table-column table:style-name="T${i}.C${j}"/>`).join('');
  // table-header-rows: Writer repeats these rows at the top of every page the table runs onto.
  const header = `<table:table-header-rows><table:table-row>${t.header.map((h) => odfCell({ kind: 'text', text: h }, 'ceHead', 'pHead')).join('')}</table:table-row></table:table-header-rows>`;
  const rows = t.rows.map((row) => `<table:table-row>${row.map((c) => odfCell(c, 'ceCell', c.kind === 'number' ? 'pNum' : 'pText')).join('')}</table:table-row>`).join('\n');
  return `<table:table table:name="${xmlEscape(t.name)}" table:style-name="T${i}">${cols}\n${header}\n${rows}\n</table:table>`;
}

function stylesXml(): string {
  const page = (name: string, w: string, h: string, orientation: string) =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="${w}" fo:page-height="${h}" style:print-orientation="${orientation}" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>`;
  return (
    `<office:document-styles ${NS} office:version="1.2">${FONT_FACES}<office:styles>` +
    `<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>${fontProps('12pt')}</style:default-style>` +
    `<style:default-style style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm"/></style:default-style>` +
    '</office:styles><office:automatic-styles>' +
    page('pmPortrait', '21cm', '29.7cm', 'portrait') +
    page('pmLandscape', '29.7cm', '21cm', 'landscape') +
    '</office:automatic-styles><office:master-styles>' +
    '<style:master-page style:name="Standard" style:page-layout-name="pmPortrait"/>' +
    '<style:master-page style:name="Landscape" style:page-layout-name="pmLandscape"/>' +
    '</office:master-styles></office:document-styles>'
  );
}

export function renderOdt(doc: ReportDocument): Uint8Array {
  const parts: string[] = [`<text:h text:style-name="hPortrait" text:outline-level="1">${xmlEscape(doc.title)}</text:h>`];
  for (const p of doc.paragraphs) if (p) parts.push(`<text:p>${odfText(p)}</text:p>`);
  let landscape = false;
  doc.tables.forEach((t, i) => {
    if (t.rows.length === 0) return;
    const wants = layoutOf(t).landscape;
    const style = wants === landscape ? 'hSame' : wants ? 'hLandscape' : 'hPortrait';
    landscape = wants;
    parts.push(`<text:h text:style-name="${style}" text:outline-level="2">${xmlEscape(t.title)}</text:h>`);
    for (const note of t.notes ?? []) parts.push(`<text:p>${odfText(note)}</text:p>`);
    parts.push(tableXml(t, i));
  });
  const content = `<office:document-content ${NS} office:version="1.2">${FONT_FACES}${autoStyles(doc)}<office:body><office:text>\n${parts.join('\n')}\n</office:text></office:body></office:document-content>`;
  return odfPackage(ODT_MEDIA_TYPE, { content, styles: stylesXml() }, doc);
}
