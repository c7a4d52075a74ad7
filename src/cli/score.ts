// npm run -s score -- FILE       → the result of one answers document as JSON (exit 2 if it breaks a rule)
// npm run -s score -- --jsonl    → one answers document per stdin line, exactly one output line each
// --sheet SHEET.json (before the rest) adds a sheet version not in the library, e.g. one to publish.
//
// Which sheet scores a document: the one it names ("sheet": {"id", "version"}, as a record does);
// a bare answers document (the spec's format, which names none) is scored on the version in force
// at its "testedAt", or now. A named sheet that is not known is an error, never a fallback.
import { readFileSync } from 'node:fs';
import { issueText, registry, sheetFor, sheetInForce, tryScore, type ScoreOutcome, type Sheet } from '../scoresheet';

function sheetOf(doc: unknown): Sheet | { error: string } {
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as { sheet?: unknown; testedAt?: unknown };
  if (d.sheet !== undefined) {
    const ref = d.sheet as { id?: unknown; version?: unknown } | null;
    if (!ref || typeof ref.id !== 'string' || !Number.isInteger(ref.version)) return { error: 'sheet: must be {"id": string, "version": whole number} (sheet)' };
    const sheet = sheetFor({ id: ref.id, version: ref.version as number });
    const known = registry.list().map((e) => `${e.sheet.id}@${e.sheet.version}`).join(', ');
    return sheet ?? { error: `sheet: ${ref.id}@${String(ref.version)} is not a known sheet version (known: ${known}; add one with --sheet FILE) (sheet)` };
  }
  const at = typeof d.testedAt === 'string' && !Number.isNaN(Date.parse(d.testedAt)) ? d.testedAt : new Date();
  return sheetInForce(at);
}

function scoreText(text: string): ScoreOutcome | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(document): not valid JSON: ${(e as Error).message} (answers format)` };
  }
  const sheet = sheetOf(doc);
  if ('error' in sheet) return { ok: false, error: sheet.error };
  return tryScore(sheet, doc);
}

function errorOf(outcome: Exclude<ReturnType<typeof scoreText>, { ok: true }>): string {
  return 'error' in outcome ? outcome.error : outcome.issues.map((i) => issueText(i)).join('; ');
}

/** One input line → one output line. Lines end at \n only: a lone \r is JSON whitespace inside a line. */
async function jsonl(): Promise<void> {
  const scoreLine = (line: string) => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const outcome = text.trim() === '' ? { ok: false as const, error: '(document): empty line, expected one answers document (answers format)' } : scoreText(text);
    return JSON.stringify(outcome.ok ? outcome.result : { error: errorOf(outcome) }) + '\n';
  };
  let pending = '';
  let first = true;
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += first ? chunk.replace(/^\uFEFF/, '') : chunk;
    first = false;
    let newline: number;
    let out = '';
    while ((newline = pending.indexOf('\n')) >= 0) {
      out += scoreLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    if (out && !process.stdout.write(out)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  if (pending !== '') process.stdout.write(scoreLine(pending));
}

function usage(): never {
  process.stderr.write('usage: npm run -s score -- [--sheet SHEET.json]... FILE | --jsonl\n');
  process.exit(64);
}

// A reader that stops early (`| head -1`) closes the pipe: not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));

const args = process.argv.slice(2);
while (args[0] === '--sheet') {
  const file = args[1];
  if (!file) usage();
  try {
    registry.add(JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')), { source: 'published' });
  } catch (e) {
    process.stderr.write(`--sheet ${file}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  args.splice(0, 2);
}
if (args[0] === '--jsonl') {
  await jsonl();
} else if (args.length === 1 && !args[0].startsWith('--')) {
  let text: string;
  try {
    text = args[0] === '-' ? readFileSync(0, 'utf8') : readFileSync(args[0], 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args[0]}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const outcome = scoreText(text.replace(/^\uFEFF/, ''));
  if (outcome.ok) {
    process.stdout.write(JSON.stringify(outcome.result, null, 2) + '\n');
  } else {
    process.stderr.write(errorOf(outcome) + '\n');
    process.exit(2);
  }
} else {
  usage();
}
