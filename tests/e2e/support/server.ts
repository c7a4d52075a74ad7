// The real server, as `npm start` runs it, in a child process: its own random port, its own fresh
// data directory, SQLite (DATABASE_URL removed so a developer's PostgreSQL is never touched).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/freePort';

export { freePort };

export const ROOT = resolve(import.meta.dirname, '../../..');
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

export function freshDataDir(prefix = 'e2e-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The environment every child (server, admin CLI) gets: the test's data dir, never a developer's database (only an explicit `extra.DATABASE_URL`). */
export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  return { ...env, DATA_DIR: dataDir, ...extra };
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed since it was first started (setup link, warnings). */
  output(): string;
  /** Ends the process; `kill` simulates a crash (SIGKILL) instead of a clean shutdown. */
  stop(how?: 'term' | 'kill'): Promise<void>;
  /** Starts it again after `stop()`, on the same port with the same data. */
  start(): Promise<void>;
  /** Stops and starts again on the same port with the same data. */
  restart(how?: 'term' | 'kill'): Promise<void>;
  /** Stops it for good and deletes its data directory (the test's, never one passed in). */
  dispose(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** How long to wait for the first HTTP answer; tsx compiles on start, and CI machines are slow. */
  timeoutMs?: number;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? freshDataDir();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let log = '';
  let child: ChildProcess | undefined;

  const launch = async () => {
    // Its own process group, so stopping it also ends the node process tsx starts underneath.
    const proc = spawn(TSX, ['src/server/main.ts'], {
      cwd: ROOT,
      env: childEnv(dataDir, { PORT: String(port), HOST: '127.0.0.1', ...options.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = proc;
    proc.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    proc.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    let exited: number | string | null | undefined;
    proc.on('exit', (code, signal) => (exited = code ?? signal));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited !== undefined) throw new Error(`server exited (${exited}) before listening:\n${log}`);
      try {
        const res = await fetch(`${url}/api/setup/status`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    await stop('kill');
    throw new Error(`server did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
  };

  const stop = async (how: 'term' | 'kill' = 'term') => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((r) => proc.once('exit', () => r()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-proc.pid!, sig);
      } catch {
        /* already gone */
      }
    };
    signal(how === 'kill' ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    // The port must be free before a restart binds it again.
    await waitUntilClosed(url);
  };

  await launch();
  return {
    url,
    port,
    dataDir,
    output: () => log,
    stop,
    async start() {
      if (!child) await launch();
    },
    async restart(how = 'term') {
      await stop(how);
      await launch();
    },
    async dispose() {
      await stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilClosed(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
}
