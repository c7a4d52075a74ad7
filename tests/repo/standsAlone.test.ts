// A clone stands alone: no test, script, config or doc reads or points to a path outside the
// repository (the team's shared contract folder beside it included; its texts are copied into docs/
// and tests/fixtures/). Two checks over every text file that is code, config or documentation:
//   1. no mention of the shared folder's seeds, spec or ODF schemas;
//   2. no relative path ("../…") that, resolved from the file's own folder, lands outside the clone.
// The patterns are built from pieces so that this file does not trip its own check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** What is scanned: everything people and tools read, not build output or installed packages. */
const SCANNED = ['src', 'tests', 'bench', 'docs', '.ci', 'README.md', 'vite.config.ts', 'package.json', 'tsconfig.json', 'index.html'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.runs', '.tmp', 'data']);
const TEXT = new Set(['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.md', '.txt', '.html', '.css', '.sh', '.yml', '.yaml', '.rng', '.xml']);

const DOTS = '.'.repeat(2);
const SHARED = 'shared';
const sharedFolder = new RegExp(`${DOTS.replace(/\./g, '\\.')}/${SHARED}\\b|\\b${SHARED}/(seeds|spec|odf-schema)\\b`);
/** "../x", "../..": two dots not part of a longer run, not inside a URL path ("/../"), then "/" or the end of the token. */
const parentPath = new RegExp(`(?<![\\w.\\/~%-])(\\.\\.(?:\\/[^\\s'"\`)\\]>*,;]*)?)(?=[\\s'"\`)\\]>*,;]|$)`, 'gm');

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Every place in one file's text that reads or points outside the repository. */
export function findOutsidePaths(file: string, text: string, root = ROOT): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    const where = { file: relative(root, file), line: index + 1, text: line.trim().slice(0, 160) };
    if (sharedFolder.test(line)) findings.push({ ...where, why: 'names the shared folder outside the repository' });
    for (const match of line.matchAll(parentPath)) {
      const target = resolve(dirname(file), match[1]!);
      if (target !== root && !target.startsWith(root + sep)) findings.push({ ...where, why: `${match[1]} resolves to ${target}, outside the repository` });
    }
  });
  return findings;
}

function files(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return TEXT.has(extname(path)) && stat.size < 4_000_000 ? [path] : [];
  return readdirSync(path)
    .filter((name) => !SKIPPED_DIRS.has(name))
    .flatMap((name) => files(join(path, name)));
}

describe('the repository stands alone', () => {
  it('the check itself catches both kinds of outside path', () => {
    const file = join(ROOT, 'tests/scoresheet/x.test.ts');
    const up = (n: number) => Array(n).fill(DOTS).join('/');
    expect(findOutsidePaths(file, `readFileSync(new URL('${up(3)}/${SHARED}/seeds/a.txt', import.meta.url))`).map((f) => f.why)).toEqual([
      'names the shared folder outside the repository',
      expect.stringContaining('outside the repository'),
    ]);
    expect(findOutsidePaths(join(ROOT, 'README.md'), `see ${SHARED}/spec/scoring-rules.md`)).toHaveLength(1);
    expect(findOutsidePaths(join(ROOT, 'README.md'), `[rules](${up(1)}/elsewhere/rules.md)`)).toHaveLength(1);
    // Inside the clone, a URL path, an ellipsis: all fine.
    expect(findOutsidePaths(file, `import { x } from '${up(2)}/src/x'; // and so on...`)).toEqual([]);
    expect(findOutsidePaths(file, `fetch('/static/${up(2)}/etc/passwd')`)).toEqual([]);
    expect(findOutsidePaths(join(ROOT, 'tests/e2e/support/server.ts'), `resolve(import.meta.dirname, '${up(3)}')`)).toEqual([]);
  });

  it('no test, script, config or doc reads or points outside it', () => {
    const scanned = SCANNED.flatMap((p) => files(join(ROOT, p)));
    expect(scanned.length).toBeGreaterThan(100);
    const findings = scanned.flatMap((file) => findOutsidePaths(file, readFileSync(file, 'utf8')));
    expect(findings).toEqual([]);
  });

  it('the 附表3 source text for people (docs/) and for the tests (tests/fixtures/) are the same bytes', () => {
    const name = 'seeds/000_07bcc5c31e86cc3b.txt';
    const docs = readFileSync(join(ROOT, 'docs', name));
    expect(docs.toString('utf8')).toContain('經濟部標準檢驗局電話禮貌測試量表');
    expect(docs.equals(readFileSync(join(ROOT, 'tests/fixtures', name)))).toBe(true);
  });
});
