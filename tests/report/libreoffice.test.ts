// The exports opened by a real office suite: LibreOffice (Debian's libreoffice-calc-nogui and
// libreoffice-writer-nogui) converts them headless; the ODT of a realistic year is rendered to PDF
// and read back with pdftotext (poppler-utils) to check that table cells do not run together.
// Skipped where soffice (or pdftotext) is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annualReport, exportAnnual, flatDocument, renderDocument } from '../../src/report';
import { NINETY, record, UNITS } from './fixtures';
import { year115 } from './scenario';
import { REALISTIC_UNITS, realisticYear } from './realisticYear';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
const hasSoffice = has('soffice');
const hasPdftotext = has('pdftotext') && has('pdfinfo');
// The one check `npm test` cannot bring itself (LibreOffice is a system package): say so by name.
if (!hasSoffice) console.warn('[skip] exports opened by LibreOffice: soffice not found (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)');
if (hasSoffice && !hasPdftotext) console.warn('[skip] the ODT rendered to PDF: pdftotext/pdfinfo not found (apt-get install poppler-utils)');
const dir = mkdtempSync(join(tmpdir(), 'courtesy-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** CSV of every sheet: raw values (…,false,…) or as shown on screen (…,true,…: formats applied). */
const csvFilter = (asShown: boolean) => `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,-1`;

function convert(file: string, filter: string, outDir: string): void {
  const run = spawnSync('soffice', ['--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: join(dir, 'home') },
  });
  expect(run.status, run.stderr).toBe(0);
}

const BAIT_UNIT = '=1+2 斗六辦事處';
const report = () =>
  annualReport({
    rocYear: 115,
    records: [...year115(), record({ id: 'bait', unitId: '', unitName: BAIT_UNIT, testerName: '@SUM(1+1)', answererSurname: '=HYPERLINK("http://x","y")', answers: NINETY, testedAt: '2026-06-01T10:00:00+08:00' })],
    units: UNITS,
    asOf: '2027-01-05T00:00:00Z',
  });

const SHEETS = ['單位季別', '失分項目', '單位失分', '等第分布', '計畫達成', '處理情形', '摘要', '測試明細'].map((s) => `annual-${s}.csv`).sort();

describe.skipIf(!hasSoffice)('exports opened by LibreOffice', () => {
  it.each(['ods', 'xlsx'] as const)('%s: every sheet opens; figures, two decimals, ROC dates, 第1季; text stays text without an apostrophe', (format) => {
    const file = join(dir, `annual.${format}`);
    writeFileSync(file, exportAnnual(report(), format).bytes);
    const raw = join(dir, `${format}-raw`);
    convert(file, csvFilter(false), raw);
    expect(readdirSync(raw).sort()).toEqual(SHEETS);
    const units = readFileSync(join(raw, 'annual-單位季別.csv'), 'utf8');
    expect(units).toContain('第一課,1,97,0,,1,90,3,96.5,5,95.3,90,100,優');
    // A formula would have been computed to 3 …; it stays the text, exactly as typed.
    expect(units).toContain(`${BAIT_UNIT},0,,1,90`);
    expect(units).not.toContain(`'${BAIT_UNIT}`);
    const shown = join(dir, `${format}-shown`);
    convert(file, csvFilter(true), shown);
    expect(readFileSync(join(shown, 'annual-單位季別.csv'), 'utf8')).toContain('第一課,1,97.00,0,,1,90.00,3,96.50,5,95.30,90,100,優');
    const tests = readFileSync(join(shown, 'annual-測試明細.csv'), 'utf8');
    expect(tests).toContain('民國115年2月10日,第1季,第一課');
    expect(tests).toContain('民國115年11月10日,第4季,第二課');
    expect(tests).toContain(`,${BAIT_UNIT},@SUM(1+1),=○○`);
  }, 240_000);

  it('odt: opens as a text document with the sentence and the bait as typed', () => {
    const file = join(dir, 'annual.odt');
    writeFileSync(file, exportAnnual(report(), 'odt').bytes);
    const out = join(dir, 'odt');
    convert(file, 'txt:Text', out);
    const text = readFileSync(join(out, 'annual.txt'), 'utf8');
    expect(text).toContain('115 年共執行電話禮貌測試 9 人次');
    expect(text).toContain(BAIT_UNIT);
    expect(text).not.toContain(`'${BAIT_UNIT}`);
  }, 180_000);

  it('the flat per-test export opens with one row per test and every item’s points', () => {
    const doc = flatDocument({ rocYear: 115, records: realisticYear(), units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    const file = join(dir, 'tests.xlsx');
    writeFileSync(file, renderDocument(doc, 'xlsx', 'tests', 'tests').bytes);
    const out = join(dir, 'flat');
    convert(file, csvFilter(true), out);
    const lines = readFileSync(join(out, readdirSync(out)[0]), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 118);
    expect(lines[0]).toMatch(/^測試編號,量表,量表版本,測試日期,季,受測單位,/);
    expect(lines[0]).toContain(',1.2,');
    expect(lines[1]).toMatch(/^y115-\d{3},bsmi-fubiao3,1,民國115年1月/);
  }, 180_000);
});

describe.skipIf(!hasSoffice || !hasPdftotext)('the ODT of a realistic year rendered to PDF (LibreOffice + pdftotext)', () => {
  it('is A4, and its tables read as separate cells: figures never run together', () => {
    const r = annualReport({ rocYear: 115, records: realisticYear(), units: REALISTIC_UNITS, asOf: '2027-01-05T00:00:00+08:00' });
    const file = join(dir, 'year.odt');
    writeFileSync(file, exportAnnual(r, 'odt').bytes);
    const out = join(dir, 'pdf');
    convert(file, 'pdf', out);
    const pdf = join(out, 'year.pdf');
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' }).stdout;
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(sizes.length).toBeGreaterThan(2);
    // A4 is 595 × 842 pt, portrait or landscape.
    for (const [w, h] of sizes) expect([w, h].sort((a, b) => a - b)).toEqual([595, 842]);
    expect(sizes.some(([w, h]) => w > h)).toBe(true); // the wide units-by-quarter table gets a landscape page
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    // Each unit's row: name, then 人次 and averages as separate tokens (「91.004」 would be 91.00 run into 4).
    for (const u of r.units) {
      const expected = [u.unitName, ...u.quarters.flatMap((q) => [String(q.testCount), q.averageText].filter(Boolean)), String(u.year.testCount), u.year.averageText];
      const line = text.split('\n').find((l) => l.trim().startsWith(u.unitName) && /\d/.test(l));
      expect(line, u.unitName).toBeDefined();
      expect(line!.trim().split(/\s+/).slice(0, expected.length)).toEqual(expected);
    }
    // No two-decimal figure has a digit glued to it.
    expect(text).not.toMatch(/\d+\.\d{2}\d/);
    // The header row is repeated on the pages a long table runs onto (測試明細 spans several pages).
    const pages = text.split('\f');
    const first = pages.findIndex((p) => p.includes('測試明細（'));
    expect(pages.slice(first + 1).filter((p) => p.trim()).every((p) => p.includes('測試日期'))).toBe(true);
    expect(pages.length - first).toBeGreaterThan(2);
  }, 240_000);
});
