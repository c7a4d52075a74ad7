import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseReportArgs } from '../../src/cli/report';
import { exportAnnual } from '../../src/report';
import { buildTestsExport, loadAnnualReport } from '../../src/report/source';
import { openStore } from '../../src/server/store';

const dir = mkdtempSync(join(tmpdir(), 'courtesy-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report CLI arguments', () => {
  it('reads year, format, out, as-of and lang', () => {
    expect(parseReportArgs(['--year', '115', '--format', 'odt', '--out', 'r.odt', '--as-of', '2026-12-31', '--lang', 'en'])).toEqual({
      ok: true,
      // A bare date is the END of that day in Taipei (issue 13): the year closes.
      args: { year: 115, format: 'odt', out: 'r.odt', asOf: '2026-12-31T15:59:59.999Z', lang: 'en', db: undefined, report: 'annual' },
    });
    const defaults = parseReportArgs(['--year', '115', '--out', 'r.ods'], new Date('2026-11-22T00:00:00Z'));
    expect(defaults).toMatchObject({ ok: true, args: { format: 'ods', asOf: '2026-11-22T00:00:00.000Z', lang: 'zh' } });
  });

  it.each([
    [['--out', 'x'], /^--year: required/],
    [['--year', '2026x', '--out', 'x'], /^--year: must be a ROC year/],
    [['--year', '115', '--format', 'pdf', '--out', 'x'], /^--format: must be one of ods, odt, xlsx, csv/],
    [['--year', '115'], /^--out: required/],
    [['--year', '115', '--out', 'x', '--as-of', 'soon'], /^--as-of/],
    [['--year', '115', '--out'], /^--out: needs a value/],
    [['--yaer', '115'], /^--yaer: unknown argument/],
    [['--year', '115', '--out', 'x', '--as-of', '2026-12-31T08:00'], /^--as-of: must be a date/],
    [['--year', '115', '--out', 'x', '--report', 'flat'], /^--report: must be annual or tests/],
    [['--year', '115', '--out', 'x', '--report', 'tests', '--format', 'odt'], /^--format: the per-test export is a spreadsheet/],
  ])('%j is refused: %s', (argv, message) => {
    const parsed = parseReportArgs(argv as string[]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('exits 2 with the message and the usage, as a real process', () => {
    const run = spawnSync('npx', ['tsx', 'src/cli/report.ts', '--year', '115', '--format', 'pdf', '--out', join(dir, 'x')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format: must be one of ods, odt, xlsx, csv');
    expect(run.stderr).toContain('usage: npm run -s report');
  });

  it('writes from a store the same bytes as the shared export function', async () => {
    const file = join(dir, 'store.sqlite');
    const store = await openStore({ file });
    await store.createUnit({ name: '第一課' });
    const expected = exportAnnual(await loadAnnualReport(store, 115, '2027-01-05T00:00:00.000Z'), 'ods').bytes;
    await store.close();
    const out = join(dir, 'out.ods');
    expect(await main(['--year', '115', '--out', out, '--as-of', '2027-01-05T00:00:00Z', '--db', file])).toBe(0);
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(expected))).toBe(true);
    // The per-test export from the CLI is the download's file too.
    const store2 = await openStore({ file });
    const flat = (await buildTestsExport(store2, 115, 'csv', '2027-01-05T00:00:00.000Z')).bytes;
    await store2.close();
    const flatOut = join(dir, 'tests.csv');
    expect(await main(['--year', '115', '--report', 'tests', '--format', 'csv', '--out', flatOut, '--as-of', '2027-01-05T00:00:00Z', '--db', file])).toBe(0);
    expect(Buffer.from(readFileSync(flatOut)).equals(Buffer.from(flat))).toBe(true);
  });
});
