// The test PostgreSQL itself: a second one started beside the run's own gets its own port and data
// directory, answers real SQL, and leaves nothing behind when stopped — so two runs share a machine.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
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
