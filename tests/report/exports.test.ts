import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { annualHtml, annualReport, exportAnnual, quarterlyReview, reviewHtml, type ExportFormat } from '../../src/report';
import { NINETY, record, UNITS } from './fixtures';
import { parseXml, elements } from './xml';
import { year115 } from './scenario';

const EVIL = '=HYPERLINK("http://x","y")';

/** The scenario plus a test whose typed unit name, tester and answerer are formula bait. */
function records() {
  return [
    ...year115(),
    record({ id: 'evil', unitId: '', unitName: EVIL, testerName: '@SUM(1+1)', answererSurname: EVIL, extension: '-1', answers: NINETY, testedAt: '2026-06-01T10:00:00+08:00' }),
  ];
}
const report = () => annualReport({ rocYear: 115, records: records(), units: UNITS, asOf: '2027-01-05T00:00:00+08:00' });

/** Local file headers in the order they are written: [name, compression method]. */
function zipOrder(bytes: Uint8Array): { name: string; method: number; offset: number; flags: number; extraLen: number }[] {
  const out: { name: string; method: number; offset: number; flags: number; extraLen: number }[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50) {
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    const size = view.getUint32(at + 18, true);
    const nameLen = view.getUint16(at + 26, true);
    const extraLen = view.getUint16(at + 28, true);
    out.push({ name: strFromU8(bytes.subarray(at + 30, at + 30 + nameLen)), method, offset: at, flags, extraLen });
    at += 30 + nameLen + extraLen + size;
  }
  return out;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function checkOdf(format: 'ods' | 'odt', mediaType: string) {
  const bytes = exportAnnual(report(), format).bytes;
  const order = zipOrder(bytes);
  // ODF 1.2 §3.3: mimetype is the first entry, stored (method 0), with no extra field, at offset 0.
  expect(order[0]).toMatchObject({ name: 'mimetype', method: 0, offset: 0, extraLen: 0 });
  expect(order[0].flags & 0x08).toBe(0); // sizes in the header, no data descriptor
  expect(order.slice(1).every((e) => e.method === 8)).toBe(true); // the rest deflated
  expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
  expect(strFromU8(bytes.subarray(38, 38 + mediaType.length))).toBe(mediaType);
  const files = unzipSync(bytes);
  expect(strFromU8(files.mimetype)).toBe(mediaType);
  const manifest = parseXml(strFromU8(files['META-INF/manifest.xml']));
  const paths = elements(manifest, 'manifest:file-entry').map((e) => e.getAttribute('manifest:full-path'));
  expect(paths).toEqual(expect.arrayContaining(['/', 'content.xml', 'styles.xml', 'meta.xml']));
  expect(elements(manifest, 'manifest:file-entry')[0].getAttribute('manifest:media-type')).toBe(mediaType);
  const styles = parseXml(strFromU8(files['styles.xml']));
  parseXml(strFromU8(files['meta.xml']));
  const content = parseXml(strFromU8(files['content.xml']));
  const cells = elements(content, 'table:table-cell');
  // No cell is a formula; text that looks like one is a string cell, kept exactly as typed (the
  // apostrophe guard belongs to CSV only: issue 13).
  expect(cells.some((c) => c.hasAttribute('table:formula'))).toBe(false);
  for (const c of cells) if (FORMULA_START.test(c.textContent ?? '') && !/^-?\d/.test(c.textContent ?? '')) expect(c.getAttribute('office:value-type')).toBe('string');
  expect(cells.some((c) => (c.textContent ?? '').startsWith("'"))).toBe(false);
  return { content, styles, files, cells, text: cells.map((c) => c.textContent) };
}

/** An automatic style's properties element by style name and property element name. */
function props(doc: Document, styleName: string, propsName: string): Element | undefined {
  const style = elements(doc, 'style:style').find((s) => s.getAttribute('style:name') === styleName);
  return style ? elements(style as unknown as Document, propsName)[0] : undefined;
}

describe('exports of the annual report', () => {
  it('ODS: a valid ODF package with the figures, the bait as plain text in a string cell', () => {
    const { content, cells, text } = checkOdf('ods', 'application/vnd.oasis.opendocument.spreadsheet');
    expect(elements(content, 'table:table').map((t) => t.getAttribute('table:name'))).toEqual(['摘要', '單位季別', '失分項目', '單位失分', '等第分布', '計畫達成', '處理情形', '測試明細']);
    // 第一課's year: 5 tests, 95.30; numbers are float cells
    const avg = cells.find((c) => c.getAttribute('office:value') === '95.3');
    expect(avg?.getAttribute('office:value-type')).toBe('float');
    expect(avg?.textContent).toBe('95.30');
    expect(text).toContain(EVIL);
    expect(text).toContain('=○○'); // the masked surname of the bait still begins with =
    expect(text).toContain('@SUM(1+1)');
    expect(text.join('|')).not.toContain('王○○|王'); // never the full surname
  });

  it('ODS: fitted column widths, two-decimal formats, ROC date cells, 第1季, frozen header, A4 landscape to page width', () => {
    const { content, styles, files, cells } = checkOdf('ods', 'application/vnd.oasis.opendocument.spreadsheet');
    const tests = elements(content, 'table:table').find((t) => t.getAttribute('table:name') === '測試明細')!;
    const cols = elements(tests as unknown as Document, 'table:table-column').map((c) => props(content, c.getAttribute('table:style-name')!, 'style:table-column-properties')!.getAttribute('style:column-width'));
    // The date column is wide enough for 「民國115年11月10日」 (14 CJK-width units → more than 3 cm); not all equal.
    expect(parseFloat(cols[0]!)).toBeGreaterThan(3);
    expect(new Set(cols).size).toBeGreaterThan(2);
    // Real date cells shown in the ROC calendar.
    const date = cells.find((c) => c.getAttribute('office:date-value') === '2026-02-10')!;
    expect(date.getAttribute('office:value-type')).toBe('date');
    expect(date.textContent).toBe('民國115年2月10日');
    const dateStyle = elements(content, 'number:date-style').find((d) => d.getAttribute('style:name') === 'DROC')!;
    expect(elements(dateStyle as unknown as Document, 'number:year')[0].getAttribute('number:calendar')).toBe('ROC');
    // Averages carry a two-decimal number format.
    const avg = cells.find((c) => c.getAttribute('office:value') === '95.3')!;
    expect(elements(content, 'style:style').find((s) => s.getAttribute('style:name') === avg.getAttribute('table:style-name'))!.getAttribute('style:data-style-name')).toBe('N2');
    const n2 = elements(content, 'number:number-style').find((d) => d.getAttribute('style:name') === 'N2')!;
    expect(elements(n2 as unknown as Document, 'number:number')[0].getAttribute('number:decimal-places')).toBe('2');
    // 季 as 第1季, never the key 115-Q1.
    expect(cells.map((c) => c.textContent)).toContain('第1季');
    expect(cells.map((c) => c.textContent)).not.toContain('115-Q1');
    // Header rows (repeated when printed) and frozen in the view settings.
    expect(elements(tests as unknown as Document, 'table:table-header-rows')).toHaveLength(1);
    const settings = parseXml(strFromU8(files['settings.xml']));
    const entry = elements(settings, 'config:config-item-map-entry').find((e) => e.getAttribute('config:name') === '測試明細')!;
    const item = (n: string) => elements(entry as unknown as Document, 'config:config-item').find((i) => i.getAttribute('config:name') === n)?.textContent;
    expect([item('VerticalSplitMode'), item('VerticalSplitPosition')]).toEqual(['2', '1']);
    // A4 landscape, scaled to the page width.
    const layouts = elements(styles, 'style:page-layout-properties');
    expect(layouts.every((l) => l.getAttribute('fo:page-width') === '29.7cm' && l.getAttribute('style:print-orientation') === 'landscape')).toBe(true);
    expect(layouts.every((l) => parseInt(l.getAttribute('style:scale-to')!, 10) <= 100)).toBe(true);
  });

  it('ODT: a valid ODF text document with the sentences and the tables', () => {
    const { content, text } = checkOdf('odt', 'application/vnd.oasis.opendocument.text');
    const paragraphs = elements(content, 'text:p').map((p) => p.textContent);
    // 9 counted tests now: 726.5 + 90 = 816.5 / 9 = 90.72… → 90.7; the draft is stated
    expect(paragraphs[0]).toBe(`115 年共執行電話禮貌測試 9 人次，平均 90.7 分，等第「優」；4 個受測單位中，以第二課平均 80.0 分最低。另有 1 份草稿未列入。`);
    expect(elements(content, 'text:h')[0].textContent).toBe('115 年電話禮貌測試執行成果');
    expect(text).toContain(EVIL);
  });

  it('ODT: bordered, padded cells, fitted columns, right-aligned numbers with two decimals, header rows, A4, CJK fonts with fallbacks', () => {
    const { content, styles } = checkOdf('odt', 'application/vnd.oasis.opendocument.text');
    const cell = props(content, 'ceCell', 'style:table-cell-properties')!;
    expect(cell.getAttribute('fo:border')).toMatch(/solid/);
    expect(parseFloat(cell.getAttribute('fo:padding')!)).toBeGreaterThan(0);
    expect(props(content, 'pNum', 'style:paragraph-properties')!.getAttribute('fo:text-align')).toBe('end');
    const tables = elements(content, 'table:table');
    for (const t of tables) expect(elements(t as unknown as Document, 'table:table-header-rows')).toHaveLength(1);
    const units = tables.find((t) => t.getAttribute('table:name') === '單位季別')!;
    const widths = elements(units as unknown as Document, 'table:table-column').map((c) => parseFloat(props(content, c.getAttribute('table:style-name')!, 'style:table-column-properties')!.getAttribute('style:column-width')!));
    expect(widths).toHaveLength(14);
    // The unit-name column is wider than a count column; the table fits a landscape A4 page (25.7 cm).
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(25.71);
    // 95.30 in a right-aligned paragraph of a float cell.
    const avg = elements(content, 'table:table-cell').find((c) => c.getAttribute('office:value') === '95.3')!;
    expect(elements(avg as unknown as Document, 'text:p')[0].getAttribute('text:style-name')).toBe('pNum');
    expect(avg.textContent).toBe('95.30');
    // A4 pages, portrait and landscape.
    const pages = elements(styles, 'style:page-layout-properties').map((p) => `${p.getAttribute('fo:page-width')}×${p.getAttribute('fo:page-height')}`);
    expect(pages).toEqual(['21cm×29.7cm', '29.7cm×21cm']);
    // CJK font declared with fallbacks, and used as the Asian font.
    const face = elements(styles, 'style:font-face').find((f) => f.getAttribute('style:name') === 'CJK')!;
    expect(face.getAttribute('svg:font-family')).toMatch(/Noto Sans CJK TC;.*Microsoft JhengHei;.*PMingLiU/);
    expect(elements(styles, 'style:text-properties').some((p) => p.getAttribute('style:font-name-asian') === 'CJK')).toBe(true);
  });

  it('XLSX: a zip with the OOXML parts, inline strings, no formula', () => {
    const files = unzipSync(exportAnnual(report(), 'xlsx').bytes);
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
      expect(files[part], part).toBeDefined();
      parseXml(strFromU8(files[part]));
    }
    const workbook = parseXml(strFromU8(files['xl/workbook.xml']));
    expect(elements(workbook, 'sheet').map((s) => s.getAttribute('name'))).toEqual(['摘要', '單位季別', '失分項目', '單位失分', '等第分布', '計畫達成', '處理情形', '測試明細']);
    const sheet = parseXml(strFromU8(files['xl/worksheets/sheet8.xml']));
    expect(elements(sheet, 'f')).toHaveLength(0);
    const strings = elements(sheet, 'c').filter((c) => c.getAttribute('t') === 'inlineStr').map((c) => c.textContent ?? '');
    // Inline strings are never formulas: written as typed, without the CSV's apostrophe.
    expect(strings).toContain(EVIL);
    expect(strings).toContain('=○○');
    expect(strings.some((s) => s.startsWith("'"))).toBe(false);
    expect(strings).toContain('第1季');
    const units = parseXml(strFromU8(files['xl/worksheets/sheet2.xml']));
    const numbers = elements(units, 'c').filter((c) => !c.getAttribute('t')).map((c) => c.textContent);
    expect(numbers).toContain('95.3');
  });

  it('XLSX: column widths, 0.00 formats, ROC date serials, frozen header, A4 landscape one page wide', () => {
    const files = unzipSync(exportAnnual(report(), 'xlsx').bytes);
    const styles = parseXml(strFromU8(files['xl/styles.xml']));
    const xfs = elements(elements(styles, 'cellXfs')[0] as unknown as Document, 'xf');
    const formats = Object.fromEntries(elements(styles, 'numFmt').map((f) => [f.getAttribute('numFmtId'), f.getAttribute('formatCode')]));
    const sheet = parseXml(strFromU8(files['xl/worksheets/sheet8.xml']));
    const cols = elements(sheet, 'col').map((c) => Number(c.getAttribute('width')));
    expect(cols[0]).toBeGreaterThan(15); // 民國115年11月10日
    expect(new Set(cols).size).toBeGreaterThan(2);
    expect(elements(sheet, 'pane')[0].getAttribute('state')).toBe('frozen');
    expect(elements(sheet, 'pane')[0].getAttribute('ySplit')).toBe('1');
    expect(elements(sheet, 'pageSetup')[0].getAttribute('paperSize')).toBe('9');
    expect(elements(sheet, 'pageSetup')[0].getAttribute('orientation')).toBe('landscape');
    expect(elements(sheet, 'pageSetup')[0].getAttribute('fitToWidth')).toBe('1');
    // The first test: 10 Feb 2026 is serial 46063, formatted in the Taiwan calendar.
    const a2 = elements(sheet, 'c').find((c) => c.getAttribute('r') === 'A2')!;
    expect(a2.textContent).toBe('46063');
    const dateFmt = xfs[Number(a2.getAttribute('s'))].getAttribute('numFmtId')!;
    expect(formats[dateFmt]).toContain('"民國"e"年"');
    const units = parseXml(strFromU8(files['xl/worksheets/sheet2.xml']));
    const avg = elements(units, 'c').find((c) => c.textContent === '95.3')!;
    expect(xfs[Number(avg.getAttribute('s'))].getAttribute('numFmtId')).toBe('2'); // 0.00
    const workbook = strFromU8(files['xl/workbook.xml']);
    expect(workbook).toContain('_xlnm.Print_Titles');
  });

  it('CSV: UTF-8 with a BOM, CRLF, the bait quoted and neutralised', () => {
    const bytes = exportAnnual(report(), 'csv').bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain("'=○○");
    // No field (quoted or not) starts like a formula, except plain numbers.
    for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) {
      for (const field of line.match(/("([^"]|"")*"|[^,]*)(?=,|$)/g) ?? []) {
        const value = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
        if (!/^-?\d+(\.\d+)?$/.test(value)) expect(value).not.toMatch(FORMULA_START);
      }
    }
    expect(text).toContain('第一課,1,97.00,0,,1,90.00,3,96.50,5,95.30,90,100,優');
    // Dates as ISO dates (a spreadsheet reads and sorts them), 季 in words.
    expect(text).toContain('2026-02-10,第1季,第一課');
  });

  it('gives the same bytes for the same report (the CLI and the app can be compared)', () => {
    for (const format of ['ods', 'odt', 'xlsx', 'csv'] as ExportFormat[]) {
      expect(Buffer.from(exportAnnual(report(), format).bytes).equals(Buffer.from(exportAnnual(report(), format).bytes))).toBe(true);
    }
  });

  it('prints the annual report and the quarterly review as A4 HTML with ROC dates, escaped', () => {
    const html = annualHtml(report());
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('資料日期：民國116年1月5日');
    // Escaped and printed as typed: the apostrophe guard is CSV's alone (issue 13).
    expect(html).toContain('<td>=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>');
    expect(html).not.toContain('<script');
    const review = quarterlyReview({ quarter: '115-Q4', records: records(), units: UNITS });
    const page = reviewHtml(review, 'zh', '2026-11-22T06:00:00Z');
    expect(page).toContain('115 年第 4 季電話禮貌測試檢討');
    expect(page).toContain('列印日期：民國115年11月22日');
    expect(page).toContain('１、接話時，首先清晰報明單位。');
    const bait = reviewHtml(quarterlyReview({ quarter: '115-Q2', records: [record({ unitId: '', unitName: '<b>x</b>', answers: NINETY, testedAt: '2026-05-01T10:00:00+08:00' })], units: [] }), 'en', '2026-11-22T06:00:00Z');
    expect(bait).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(bait).not.toContain('<b>x</b>');
  });
});

describe('follow-up reaches the exports', () => {
  it('acknowledgements, 改善措施 and improvement reports are in the ODS (測試明細, 處理情形) and the ODT section', () => {
    const r = annualReport({
      rocYear: 115,
      records: records(),
      units: UNITS,
      asOf: '2027-01-05T00:00:00+08:00',
      acknowledgements: [{ testId: 'q4-u1-a', userId: 'h', comment: '表現良好', correctiveAction: '維持', at: '2026-11-01T00:00:00Z' }],
      improvements: [{ testId: 'q4-u2-b', cause: '總機人員離座', measures: '設定代理接聽', dueOn: '2026-12-15', submittedAt: '2026-11-20T00:00:00Z', closedAt: '2026-12-20T00:00:00Z', closedBy: 'admin' }],
    });
    const ods = strFromU8(unzipSync(exportAnnual(r, 'ods').bytes)['content.xml']);
    expect(ods).toContain('<text:p>表現良好</text:p>');
    expect(ods).toContain('<text:p>維持</text:p>');
    expect(ods).toContain('table:name="處理情形"');
    expect(ods).toContain('<text:p>總機人員離座</text:p>');
    expect(ods).toContain('<text:p>已結案</text:p>');
    const odt = parseXml(strFromU8(unzipSync(exportAnnual(r, 'odt').bytes)['content.xml']));
    const headings = elements(odt, 'text:h').map((h) => h.textContent);
    expect(headings).toContain('考核結果處理情形（低於 90 分提報改善）');
    expect(elements(odt, 'text:p').map((p) => p.textContent)).toContain('低於 90 分之測試結果 1 件，均請受測單位提報改善情形：已結案 1 件、改善中 0 件、待提報 0 件（其中逾期 0 件）。');
  });
});
