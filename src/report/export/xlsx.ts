// The annual report as a minimal Office Open XML workbook (.xlsx), for offices that use Excel.
// Strings are inline (t="inlineStr"), so no text cell can ever be read as a formula or a number.
import type { Cell, ReportDocument } from '../document';
import { cellXml, xmlEscape } from './safe';
import { zipEntries } from './zip';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cell(c: Cell, ref: string, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (c.kind === 'number' && Number.isFinite(c.value)) return `<c r="${ref}"${s}><v>${c.value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${cellXml(c.text)}</t></is></c>`;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string, used: Set<string>): string {
  let base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  for (let i = 2; used.has(base); i++) base = `${base.slice(0, 28)} ${i}`;
  used.add(base);
  return base;
}

export function renderXlsx(doc: ReportDocument): Uint8Array {
  const used = new Set<string>();
  const sheets = doc.tables.map((t, i) => {
    const rows = [t.header.map((h): Cell => ({ kind: 'text', text: h })), ...t.rows];
    const xml = rows
      .map((row, r) => `<row r="${r + 1}">${row.map((c, col) => cell(c, `${columnName(col)}${r + 1}`, r === 0 ? 1 : 0)).join('')}</row>`)
      .join('');
    return {
      name: sheetName(t.name, used),
      path: `xl/worksheets/sheet${i + 1}.xml`,
      xml: `${XML_DECL}<worksheet xmlns="${MAIN}"><sheetData>${xml}</sheetData></worksheet>`,
    };
  });
  const contentTypes =
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets.map((s) => `<Override PartName="/${s.path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const rootRels = `${XML_DECL}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${XML_DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const workbookRels = `${XML_DECL}<Relationships xmlns="${PKG_REL}">${sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  const styles =
    `${XML_DECL}<styleSheet xmlns="${MAIN}">` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '</styleSheet>';
  return zipEntries(
    [
      { path: '[Content_Types].xml', data: contentTypes },
      { path: '_rels/.rels', data: rootRels },
      { path: 'xl/workbook.xml', data: workbook },
      { path: 'xl/_rels/workbook.xml.rels', data: workbookRels },
      { path: 'xl/styles.xml', data: styles },
      ...sheets.map((s) => ({ path: s.path, data: s.xml })),
    ],
    doc.date,
  );
}
