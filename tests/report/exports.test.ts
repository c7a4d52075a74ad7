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
  parseXml(strFromU8(files['styles.xml']));
  parseXml(strFromU8(files['meta.xml']));
  const content = parseXml(strFromU8(files['content.xml']));
  const cells = elements(content, 'table:table-cell');
  // No cell is a formula, and no text cell starts like one.
  expect(cells.some((c) => c.hasAttribute('table:formula'))).toBe(false);
  for (const c of cells) {
    if (c.getAttribute('office:value-type') === 'string') expect(c.textContent ?? '').not.toMatch(FORMULA_START);
  }
  return { content, cells, text: cells.map((c) => c.textContent) };
}

describe('exports of the annual report', () => {
  it('ODS: a valid ODF package with the figures, the bait as plain neutralised text', () => {
    const { content, cells, text } = checkOdf('ods', 'application/vnd.oasis.opendocument.spreadsheet');
    expect(elements(content, 'table:table').map((t) => t.getAttribute('table:name'))).toEqual(['摘要', '單位季別', '失分項目', '計畫達成', '測試明細']);
    // 第一課's year: 5 tests, 95.30; numbers are float cells
    const avg = cells.find((c) => c.getAttribute('office:value') === '95.3');
    expect(avg?.getAttribute('office:value-type')).toBe('float');
    expect(avg?.textContent).toBe('95.30');
    expect(text).toContain(`'${EVIL}`);
    expect(text).toContain("'=○○"); // the masked surname of the bait still begins with =
    expect(text).toContain("'@SUM(1+1)");
    expect(text).toContain("'-○○");
    expect(text.join('|')).not.toContain('王○○|王'); // never the full surname
  });

  it('ODT: a valid ODF text document with the sentence and the tables', () => {
    const { content, text } = checkOdf('odt', 'application/vnd.oasis.opendocument.text');
    const paragraphs = elements(content, 'text:p').map((p) => p.textContent);
    // 9 counted tests now: 726.5 + 90 = 816.5 / 9 = 90.72… → 90.7
    expect(paragraphs[0]).toBe(`115 年共執行電話禮貌測試 9 人次，平均 90.7 分，等第「優」；4 個受測單位中，以第二課平均 80.0 分最低。`);
    expect(elements(content, 'text:h')[0].textContent).toBe('115 年電話禮貌測試執行成果');
    expect(text).toContain(`'${EVIL}`);
  });

  it('XLSX: a zip with the OOXML parts, inline strings, no formula', () => {
    const files = unzipSync(exportAnnual(report(), 'xlsx').bytes);
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
      expect(files[part], part).toBeDefined();
      parseXml(strFromU8(files[part]));
    }
    const workbook = parseXml(strFromU8(files['xl/workbook.xml']));
    expect(elements(workbook, 'sheet').map((s) => s.getAttribute('name'))).toEqual(['摘要', '單位季別', '失分項目', '計畫達成', '測試明細']);
    const sheet = parseXml(strFromU8(files['xl/worksheets/sheet5.xml']));
    expect(elements(sheet, 'f')).toHaveLength(0);
    const strings = elements(sheet, 'c').filter((c) => c.getAttribute('t') === 'inlineStr').map((c) => c.textContent ?? '');
    for (const s of strings) expect(s).not.toMatch(FORMULA_START);
    expect(strings).toContain(`'${EVIL}`);
    expect(strings).toContain("'=○○");
    const units = parseXml(strFromU8(files['xl/worksheets/sheet2.xml']));
    const numbers = elements(units, 'c').filter((c) => !c.getAttribute('t')).map((c) => c.textContent);
    expect(numbers).toContain('95.3');
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
    expect(text).toContain('第一課,1,97,0,,1,90,3,96.5,5,95.3,90,100,優');
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
    // Escaped, and neutralised too: a table pasted from the print view into a spreadsheet stays text.
    expect(html).toContain('<td>&#39;=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</td>');
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
