// `npm run -s sheet -- validate|preview FILE` and `npm run -s score` honouring the document's
// sheet. Spawns the real CLIs through tsx, as npm does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMAT, specExampleAnswers } from '../scoresheet/helpers';
import revised from '../scoresheet/fixtures/bsmi-fubiao3.v2.json';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const REVISED = join(ROOT, 'tests', 'scoresheet', 'fixtures', 'bsmi-fubiao3.v2.json');
const CITY = join(ROOT, 'src', 'scoresheet', 'sheets', 'city-example.v1.json');

function run(script: string, args: string[], input?: string) {
  const r = spawnSync(TSX, [script, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sheetCli = (...args: string[]) => run('src/cli/sheet.ts', args);
const scoreCli = (args: string[], input?: string) => run('src/cli/score.ts', args, input);

const dir = mkdtempSync(join(tmpdir(), 'sheet-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('sheet validate', () => {
  it('accepts a good version and says what it is', () => {
    const r = sheetCli('validate', REVISED);
    expect(r).toMatchObject({ code: 0, stdout: 'ok: bsmi-fubiao3 v2, 21 items, max 105\n' });
  });
  it('refuses a broken one with exit 2, naming the node', () => {
    const r = sheetCli('validate', file('bad.json', { ...revised, max: 100 }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sheet node \(sheet\): sections add up to 105, not the declared max 100/);
    expect(sheetCli('validate', file('junk.json', '{')).stderr).toMatch(/not valid JSON/);
    expect(sheetCli('nonsense', REVISED).code).toBe(64);
  });
});

describe('sheet preview', () => {
  it('shows the form and a worked example, scored', () => {
    const r = sheetCli('preview', CITY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^範例：某市政府電話禮貌測試評分表.* city-example v1 \(max 100\) \[example\]/);
    expect(r.stdout).toMatch(/\n {2}A\.1 {2}一、總機接聽速度.*\[15\]/);
    expect(r.stdout).toMatch(/worked example: 94 \/ 100/);
    const json = JSON.parse(sheetCli('preview', CITY, '--json').stdout);
    expect(json.example.result).toMatchObject({ total: 94, complete: true, reported: { A: { points: 93.2 }, B: { points: 94.6 } } });
  });
});

describe('score honours the document’s sheet', () => {
  const example = { format: FORMAT, answers: specExampleAnswers() };
  it('a bare answers document (the spec’s format) still scores 79 in --jsonl mode', () => {
    const r = scoreCli(['--jsonl'], JSON.stringify(example) + '\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 79, max: 100, sheet: { id: 'bsmi-fubiao3', version: 1 } });
  });
  it('scores on the version the document names, added with --sheet; an unknown one is an error, not a fallback', () => {
    const v2doc = { ...example, sheet: { id: 'bsmi-fubiao3', version: 2 }, answers: { ...example.answers, '2.2.4': true } };
    const unknown = JSON.parse(scoreCli(['--jsonl'], JSON.stringify(v2doc) + '\n').stdout);
    expect(unknown.error).toMatch(/^sheet: bsmi-fubiao3@2 is not a known sheet version/);
    const r = scoreCli(['--sheet', REVISED, '--jsonl'], `${JSON.stringify(v2doc)}\n${JSON.stringify({ ...example, sheet: { id: 'bsmi-fubiao3', version: 1 } })}\n`);
    const [two, one] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(two).toMatchObject({ total: 84, max: 105, sheet: { id: 'bsmi-fubiao3', version: 2 } });
    expect(one).toMatchObject({ total: 79, max: 100 });
    // 2.2.4 is no item of v1: the v1 document with it is refused, naming the item.
    const wrong = JSON.parse(scoreCli(['--jsonl'], JSON.stringify({ ...v2doc, sheet: { id: 'bsmi-fubiao3', version: 1 } }) + '\n').stdout);
    expect(wrong.error).toMatch(/2\.2\.4: unknown item "2\.2\.4" on sheet bsmi-fubiao3 v1/);
  });
});
