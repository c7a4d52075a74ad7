// npm run -s report -- --year 115 --format ods|odt|xlsx|csv --out FILE [--as-of 2026-12-31] [--lang zh|en] [--db FILE]
// --as-of 2026-12-31 means the end of that day in Taipei: the file holds what the server had received
// by then, in the versions it held then, so an earlier report can be reproduced.
// Writes the annual report from the server's store (DATABASE_URL for PostgreSQL, else the SQLite
// file data/courtesy.sqlite, or --db FILE) with the same function the app's download uses, so the
// file is byte for byte what an admin downloads for the same data and date. Exit 2 on bad arguments.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isExportFormat, EXPORT_FORMATS, type ExportFormat } from '../report/export';
import { buildAnnualExport, buildTestsExport } from '../report/source';
import { parseAsOf } from '../report/asOf';
import type { Lang } from '../report/document';

export interface ReportArgs {
  year: number;
  format: ExportFormat;
  out: string;
  asOf: string;
  lang: Lang;
  db?: string;
  /** annual (default): the annual report; tests: one row per test with every item's points (ods, xlsx, csv). */
  report: 'annual' | 'tests';
}

const USAGE = 'usage: npm run -s report -- --year 115 --format ods|odt|xlsx|csv --out FILE [--as-of YYYY-MM-DD] [--lang zh|en] [--report annual|tests] [--db FILE.sqlite]';

/** Parse the command line; an error names the argument and what it must be. */
export function parseReportArgs(argv: string[], now: Date = new Date()): { ok: true; args: ReportArgs } | { ok: false; error: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!['--year', '--format', '--out', '--as-of', '--lang', '--db', '--report'].includes(flag)) return { ok: false, error: `${flag}: unknown argument` };
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return { ok: false, error: `${flag}: needs a value` };
    if (values.has(flag)) return { ok: false, error: `${flag}: given twice` };
    values.set(flag, value);
    i++;
  }
  const year = values.get('--year');
  if (year === undefined) return { ok: false, error: '--year: required, a ROC year such as 115' };
  if (!/^\d{1,3}$/.test(year) || Number(year) < 1) return { ok: false, error: `--year: must be a ROC year such as 115, not ${JSON.stringify(year)}` };
  const format = values.get('--format') ?? 'ods';
  if (!isExportFormat(format)) return { ok: false, error: `--format: must be one of ${EXPORT_FORMATS.join(', ')}, not ${JSON.stringify(format)}` };
  const out = values.get('--out');
  if (!out) return { ok: false, error: '--out: required, the file to write' };
  const asOfRaw = values.get('--as-of');
  let asOf = now.toISOString();
  if (asOfRaw !== undefined) {
    // A date is the END of that day in Taipei: --as-of 2026-12-31 closes the year.
    const parsed = parseAsOf(asOfRaw, '--as-of');
    if (!parsed.ok) return { ok: false, error: parsed.error };
    asOf = parsed.asOf;
  }
  const lang = values.get('--lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') return { ok: false, error: `--lang: must be zh or en, not ${JSON.stringify(lang)}` };
  const report = values.get('--report') ?? 'annual';
  if (report !== 'annual' && report !== 'tests') return { ok: false, error: `--report: must be annual or tests, not ${JSON.stringify(report)}` };
  if (report === 'tests' && format === 'odt') return { ok: false, error: '--format: the per-test export is a spreadsheet: ods, xlsx or csv' };
  return { ok: true, args: { year: Number(year), format, out, asOf, lang, db: values.get('--db'), report } };
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseReportArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`report: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  // Imported here so that `--help`-style mistakes never open (or create) a database.
  const { openStore } = await import('../server/store');
  const store = await openStore(args.db ? { file: args.db } : { databaseUrl: process.env.DATABASE_URL || undefined });
  try {
    const file =
      args.report === 'tests'
        ? await buildTestsExport(store, args.year, args.format as 'ods' | 'xlsx' | 'csv', args.asOf, args.lang)
        : await buildAnnualExport(store, args.year, args.format, args.asOf, args.lang);
    writeFileSync(args.out, file.bytes);
    await store.audit({ actor: 'cli', action: 'report.export', target: `${args.report} ${args.year}`, detail: `format=${args.format}` });
    process.stderr.write(`report: wrote ${args.out} (${file.bytes.byteLength} bytes, ${args.format}, ROC ${args.year})\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`report: failed: ${e.message}\n`);
      process.exit(1);
    },
  );
}
