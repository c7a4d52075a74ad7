// npm run -s score -- FILE       → the result of one answers document as JSON (exit 2 if it breaks a rule)
// npm run -s score -- --jsonl    → one answers document per stdin line, exactly one output line each
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { currentSheet, issueText, tryScore, type ScoreOutcome } from '../scoresheet';

function scoreText(text: string): ScoreOutcome | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(document): not valid JSON: ${(e as Error).message} (answers format)` };
  }
  return tryScore(currentSheet, doc);
}

function errorOf(outcome: Exclude<ReturnType<typeof scoreText>, { ok: true }>): string {
  return 'error' in outcome ? outcome.error : outcome.issues.map((i) => issueText(i)).join('; ');
}

async function jsonl(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const outcome = line.trim() === '' ? { ok: false as const, error: '(document): empty line, expected one answers document (answers format)' } : scoreText(line);
    process.stdout.write(JSON.stringify(outcome.ok ? outcome.result : { error: errorOf(outcome) }) + '\n');
  }
}

function usage(): never {
  process.stderr.write('usage: npm run -s score -- FILE | --jsonl\n');
  process.exit(64);
}

const args = process.argv.slice(2);
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
  const outcome = scoreText(text);
  if (outcome.ok) {
    process.stdout.write(JSON.stringify(outcome.result, null, 2) + '\n');
  } else {
    process.stderr.write(errorOf(outcome) + '\n');
    process.exit(2);
  }
} else {
  usage();
}
