// npm run -s sheet -- validate FILE   → checks a sheet version; errors name the node (exit 2)
// npm run -s sheet -- preview FILE [--lang en] [--json]
//                                     → the form as an outline and a worked example, scored
// Nothing is published here: the admin screen (or POST /api/admin/sheets) does that, with a date.
import { readFileSync } from 'node:fs';
import { loadSheet, previewSheet, previewText, sheetItems, SheetError, type Sheet } from '../scoresheet';

function usage(): never {
  process.stderr.write('usage: npm run -s sheet -- validate FILE | preview FILE [--lang zh|en] [--json]\n');
  process.exit(64);
}

function load(file: string): Sheet {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`${file}: not valid JSON: ${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    return loadSheet(doc);
  } catch (e) {
    if (!(e instanceof SheetError)) throw e;
    process.stderr.write(`${file}: ${e.message}\n`);
    process.exit(2);
  }
}

const [command, file, ...rest] = process.argv.slice(2);
if (!file || (command !== 'validate' && command !== 'preview')) usage();
const sheet = load(file);
if (command === 'validate') {
  const items = sheetItems(sheet).length;
  process.stdout.write(`ok: ${sheet.id} v${sheet.version}, ${items} items, max ${sheet.max}${sheet.example ? ', example' : ''}\n`);
} else {
  const preview = previewSheet(sheet);
  const lang = rest.includes('--lang') && rest[rest.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh';
  process.stdout.write(rest.includes('--json') ? JSON.stringify(preview, null, 2) + '\n' : previewText(preview, lang));
}
