// The exports opened by a real office suite: LibreOffice (Debian's libreoffice-calc-nogui and
// libreoffice-writer-nogui) converts them headless. Skipped where soffice is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annualReport, exportAnnual } from '../../src/report';
import { NINETY, record, UNITS } from './fixtures';
import { year115 } from './scenario';

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status === 0;
// The one check `npm test` cannot bring itself (LibreOffice is a system package): say so by name.
if (!hasSoffice) console.warn('[skip] exports opened by LibreOffice: soffice not found (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)');
const dir = mkdtempSync(join(tmpdir(), 'courtesy-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function convert(file: string, filter: string, outDir: string): void {
  const run = spawnSync('soffice', ['--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: join(dir, 'home') },
  });
  expect(run.status, run.stderr).toBe(0);
}

const report = () =>
  annualReport({
    rocYear: 115,
    records: [...year115(), record({ id: 'bait', unitId: '', unitName: '=1+1', testerName: '@SUM(1+1)', answererSurname: '=HYPERLINK("http://x","y")', answers: NINETY, testedAt: '2026-06-01T10:00:00+08:00' })],
    units: UNITS,
    asOf: '2027-01-05T00:00:00Z',
  });

describe.skipIf(!hasSoffice)('exports opened by LibreOffice', () => {
  it.each(['ods', 'xlsx'] as const)('%s: every sheet opens, the figures are there and the bait is text, not a formula', (format) => {
    const file = join(dir, `annual.${format}`);
    writeFileSync(file, exportAnnual(report(), format).bytes);
    const out = join(dir, format);
    convert(file, CSV_FILTER, out);
    const sheets = readdirSync(out).sort();
    expect(sheets).toEqual(['annual-單位季別.csv', 'annual-失分項目.csv', 'annual-摘要.csv', 'annual-測試明細.csv', 'annual-計畫達成.csv'].sort());
    const units = readFileSync(join(out, 'annual-單位季別.csv'), 'utf8');
    expect(units).toContain('第一課,1,97,0,,1,90,3,96.5,5,95.3,90,100,優');
    // A formula would have been computed to 2; it stays the text '=1+1.
    expect(units).toContain("'=1+1,0,,1,90");
    expect(readFileSync(join(out, 'annual-測試明細.csv'), 'utf8')).toContain("'=1+1,'@SUM(1+1),'=○○");
  }, 180_000);

  it('odt: opens as a text document with the sentence', () => {
    const file = join(dir, 'annual.odt');
    writeFileSync(file, exportAnnual(report(), 'odt').bytes);
    const out = join(dir, 'odt');
    convert(file, 'txt:Text', out);
    const text = readFileSync(join(out, 'annual.txt'), 'utf8');
    expect(text).toContain('115 年共執行電話禮貌測試 9 人次');
    expect(text).toContain("'=1+1");
  }, 180_000);
});
