// The score CLI is a contract others rely on: FILE mode (JSON out, exit 0; exit 2 + stderr naming
// the item for a rule-breaking document) and --jsonl (exactly one output line per input line).
// Spawns the real CLI through tsx, as `npm run -s score` does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullAnswers, patch, specExampleAnswers, FORMAT } from '../scoresheet/helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const TIMEOUT = 60_000;

function cli(args: string[], input?: string) {
  const r = spawnSync(TSX, ['src/cli/score.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: TIMEOUT });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'score-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('score FILE', () => {
  it('prints the result of a valid document as JSON and exits 0', () => {
    const r = cli([file('example.json', { format: FORMAT, answers: specExampleAnswers() })]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      total: 79,
      max: 100,
      complete: true,
      missing: [],
      sections: { '1': 38, '1.1': 13, '1.2': 9, '1.3': 16, '2': 41, '2.1': 12, '2.2': 19, '2.3': 10 },
    });
    expect(out.items['1.2'].points).toBe(9);
  }, TIMEOUT);

  it('exits 2 for a rule-breaking document, naming the item and rule on stderr', () => {
    const r = cli([file('forwarded-jia.json', { format: FORMAT, answers: patch(fullAnswers(), { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a' }) })]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2.3');
    expect(r.stderr).toMatch(/\brule 6\b/);
  }, TIMEOUT);

  it('exits 2 for a file that is not JSON, with a message', () => {
    const r = cli([file('garbage.json', '{"format": ')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().length).toBeGreaterThan(0);
  }, TIMEOUT);

  it('exits non-zero with a message for a file that does not exist', () => {
    const r = cli([join(dir, 'no-such-file.json')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no-such-file.json');
  }, TIMEOUT);
});

describe('score --jsonl', () => {
  it('writes exactly one line per input line: results, or {"error"} for bad ones', () => {
    const lines = [
      JSON.stringify({ format: FORMAT, answers: fullAnswers() }),
      JSON.stringify({ format: FORMAT, answers: patch(fullAnswers(), { '2.2.3': { band: 'a', points: 7 } }) }),
      '{"format": "courtesy-answers/1", "answers": ',
      '',
      JSON.stringify({ format: FORMAT, answers: specExampleAnswers() }),
      '   ',
      JSON.stringify({ format: 'courtesy-answers/9', answers: {} }),
    ];
    const r = cli(['--jsonl'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.pop()).toBe(''); // the output ends with a newline
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l));
    expect(parsed[0].total).toBe(100);
    expect(Object.keys(parsed[1])).toEqual(['error']);
    expect(parsed[1].error).toContain('2.2.3');
    expect(parsed[1].error).toMatch(/\brule 7\b/);
    expect(Object.keys(parsed[2])).toEqual(['error']);
    expect(Object.keys(parsed[3])).toEqual(['error']);
    expect(parsed[4].total).toBe(79);
    expect(Object.keys(parsed[5])).toEqual(['error']);
    expect(parsed[6].error).toContain('format');
    for (const p of parsed) if ('error' in p) expect(typeof p.error).toBe('string');
  }, TIMEOUT);

  it('handles CRLF line ends and a last line without a newline', () => {
    const one = JSON.stringify({ format: FORMAT, answers: fullAnswers() });
    const r = cli(['--jsonl'], `${one}\r\n${one}\r\n${one}`);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    for (const l of out) expect(JSON.parse(l).total).toBe(100);
  }, TIMEOUT);

  // JSON Lines separates lines with \n (optionally \r\n); a lone \r is JSON whitespace inside a line.
  it('a lone \\r inside a line (JSON whitespace) does not split the line', () => {
    const one = `{"format":"${FORMAT}",\r"answers":${JSON.stringify(fullAnswers())}}`;
    expect(JSON.parse(one).answers['1.2']).toBeDefined();
    const r = cli(['--jsonl'], `${one}\n`);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]).total).toBe(100);
  }, TIMEOUT);

  it('one document that trips the scorer does not stop the lines after it', () => {
    const bad = JSON.stringify({ format: FORMAT, answers: { '2.2.3': {} } });
    const good = JSON.stringify({ format: FORMAT, answers: fullAnswers() });
    const r = cli(['--jsonl'], `${good}\n${bad}\n${good}\n`);
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(JSON.parse(out[2]).total).toBe(100);
  }, TIMEOUT);

  it('writes nothing for empty input', () => {
    const r = cli(['--jsonl'], '');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  }, TIMEOUT);
});

// ---- the hand-written, spec-derived cases, all through one --jsonl process -------------------

interface Case {
  name: string;
  doc?: unknown;
  raw?: string;
  expect:
    | { total: number; max: number; complete: boolean; missing: string[]; sections?: Record<string, number> }
    | { error: true; names: string[]; rule?: string };
}

const cases: Case[] = readFileSync(join(ROOT, 'tests', 'scoresheet', 'fixtures', 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

describe('fixtures/cases.jsonl through score --jsonl', () => {
  const input = cases.map((c) => (c.raw !== undefined ? c.raw : JSON.stringify(c.doc))).join('\n') + '\n';
  let results: Record<string, unknown>[] = [];
  let run: ReturnType<typeof cli> | undefined;
  // One process for every case, run once before any case is checked (so `-t` filters still work).
  beforeAll(() => {
    run = cli(['--jsonl'], input);
    results = run.stdout.trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  }, TIMEOUT);

  it('has a healthy mix of cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => 'error' in c.expect).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => !('error' in c.expect)).length).toBeGreaterThanOrEqual(40);
  });

  it('gets one output line per case', () => {
    expect(run?.code).toBe(0);
    expect(results).toHaveLength(cases.length);
  });

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = cases[i];
    const got = results[i];
    expect(got, 'the CLI run failed').toBeDefined();
    if ('error' in c.expect) {
      expect(Object.keys(got)).toEqual(['error']);
      const error = got.error as string;
      expect(error.length).toBeGreaterThan(0);
      for (const name of c.expect.names) expect(error).toContain(name);
      if (c.expect.rule) expect(error).toMatch(new RegExp(`\\b${c.expect.rule}\\b`));
    } else {
      expect(got.error).toBeUndefined();
      const { sections, ...head } = c.expect;
      expect({ total: got.total, max: got.max, complete: got.complete, missing: got.missing }).toEqual(head);
      if (sections) expect(got.sections).toEqual(sections);
    }
  });
});
