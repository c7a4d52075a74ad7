// The annual report as a minimal Office Open XML workbook (.xlsx), for offices that use Excel.
// Strings are inline (t="inlineStr"): a text cell is never read as a formula or a number, so it is
// written exactly as typed (no apostrophe). Columns fitted to their content, numbers formatted with
// their decimals, dates as real date serials shown in the ROC calendar, the header row frozen, and
// each sheet set to print on A4 landscape, one page wide.
import type { Cell, ReportDocument } from '../document';
import { columnUnits } from './layout';
import { xmlEscape } from './safe';
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

/**
 * Cell formats (cellXfs indices): 0 text, 1 header, 2 integer, 3 one decimal, 4 two decimals,
 * 5 ROC date, 6 general number. The ROC date uses the Taiwan calendar (calendar type 04 with the
 * zh-TW locale 0404), where `e` is the 民國 year.
 */
const XF = { text: 0, head: 1, int: 2, dec1: 3, dec2: 4, date: 5, general: 6 } as const;
const ROC_DATE_ZH = '[$-40404]"民國"e"年"m"月"d"日"';
const ROC_DATE_EN = '[$-40404]"ROC "e"-"mm"-"dd';

/** Days since 1899-12-30 (Excel's serial) of a YYYY-MM-DD calendar date. */
function serial(ymd: string): number {
  const [y, m, d] = ymd.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function styleOf(c: Cell): number {
  if (c.kind === 'date') return XF.date;
  if (c.kind !== 'number') return XF.text;
  return c.decimals === 0 ? XF.int : c.decimals === 1 ? XF.dec1 : c.decimals === 2 ? XF.dec2 : XF.general;
}

function cell(c: Cell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (c.kind === 'number' && Number.isFinite(c.value)) return `<c r="${ref}"${s}><v>${c.value}</v></c>`;
  if (c.kind === 'date') return `<c r="${ref}"${s}><v>${serial(c.value)}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(c.text)}</t></is></c>`;
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
      .map((row, r) => `<row r="${r + 1}">${row.map((c, col) => cell(c, `${columnName(col)}${r + 1}`, r === 0 ? XF.head : styleOf(c))).join('')}</row>`)
      .join('');
    // Excel's width is in characters of the default font; a CJK character is about two.
    const cols = columnUnits(t)
      .map((u, j) => `<col min="${j + 1}" max="${j + 1}" width="${(u * 1.1 + 1).toFixed(1)}" customWidth="1"/>`)
      .join('');
    return {
      name: sheetName(t.name, used),
      path: `xl/worksheets/sheet${i + 1}.xml`,
      xml:
        `${XML_DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
        `<sheetViews><sheetView workbookViewId="0"${i === 0 ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${xml}</sheetData>` +
        '<pageMargins left="0.6" right="0.6" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>',
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
  // Print titles: the header row repeats on every printed page.
  const titles = sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`'${s.name.replace(/'/g, "''")}'!$1:$1`)}</definedName>`).join('');
  const workbook = `${XML_DECL}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets><definedNames>${titles}</definedNames></workbook>`;
  const workbookRels = `${XML_DECL}<Relationships xmlns="${PKG_REL}">${sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  const dateFormat = doc.lang === 'zh' ? ROC_DATE_ZH : ROC_DATE_EN;
  const xf = (numFmt: number, font = 0, alignment = '') =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${alignment ? ` applyAlignment="1">${alignment}</xf>` : '/>'}`;
  const styles =
    `${XML_DECL}<styleSheet xmlns="${MAIN}">` +
    `<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="${xmlEscape(dateFormat)}"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Microsoft JhengHei"/><family val="2"/></font><font><b/><sz val="11"/><name val="Microsoft JhengHei"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    // In XF order: text (@), header, integer, one decimal, two decimals, ROC date, general.
    `<cellXfs count="7">${xf(49)}${xf(49, 1, '<alignment wrapText="1" vertical="center"/>')}${xf(1)}${xf(164)}${xf(2)}${xf(165)}${xf(0)}</cellXfs>` +
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
