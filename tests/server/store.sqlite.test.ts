// SQLite specifics: the default file location, and two processes' handles (server + admin CLI) on one file.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { openStore } from '../../src/server/store';
import { makeRecord, op } from './fixtures';

describe('SQLite store', () => {
  it('creates DATA_DIR (or the given dataDir) with courtesy.sqlite on first open', async () => {
    const base = mkdtempSync(join(tmpdir(), 'courtesy-dir-'));
    const dataDir = join(base, 'a', 'b');
    const store = await openStore({ dataDir });
    try {
      expect(store.engine).toBe('sqlite');
      expect(existsSync(join(dataDir, 'courtesy.sqlite'))).toBe(true);
    } finally {
      await store.close();
      rmSync(base, { recursive: true, force: true });
    }
  });

  // better-sqlite3 blocks its thread while waiting for a lock, so the second writer must be another
  // process, as the admin CLI is in real life.
  it('keeps one gap-free feed while the admin CLI writes the same file from another process', { timeout: 120_000 }, async () => {
    const base = mkdtempSync(join(tmpdir(), 'courtesy-two-'));
    const server = await openStore({ dataDir: base });
    try {
      const unit = await server.createUnit({ name: '第一課' });
      const tester = await server.createUser({ username: 'tester', password: 'tester-password', role: 'tester' });
      const actor = { userId: tester.id, role: tester.role, unitIds: [] };
      const root = resolve(__dirname, '../..');
      const cliRuns = ['purge-personal-data --before 2030-01-01', 'close-quarter 114-Q1', 'purge-personal-data --before 2030-01-01'].map(
        (args) =>
          new Promise<{ code: number | null; out: string }>((done) => {
            const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/admin.ts'), ...args.split(' ')], {
              cwd: root,
              env: { ...process.env, DATA_DIR: base, DATABASE_URL: '' },
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.on('exit', (code) => done({ code, out }));
          }),
      );
      let running = true;
      const cliDone = Promise.all(cliRuns).finally(() => (running = false));
      const pushed: string[] = [];
      while (running || pushed.length < 5) {
        const record = makeRecord(unit.id);
        const [result] = await server.push(actor, 'd', [op(record)]);
        expect(result.status).toBe('applied');
        pushed.push(record.id);
        await new Promise((r) => setTimeout(r, 20));
      }
      const runs = await cliDone;
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      const purged = JSON.parse(runs[0].out).purged + JSON.parse(runs[2].out).purged;
      const feed = (await server.pull({ ...actor, role: 'admin' }, 0, 1000)).changes;
      // Every change (push or purge) took exactly one number: strictly increasing, and the last one
      // equals the count of changes, so none was skipped or given twice.
      const seqs = feed.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      // A test pushed after a purge whose cut-off it falls before is stored without the personal data and
      // given one more revision for the device to pull (issue 12): rev 2 for those, as for purged ones.
      expect(seqs[seqs.length - 1]).toBe(feed.reduce((sum, c) => sum + c.rev, 0));
      expect(feed.filter((c) => c.rev === 2).length).toBeGreaterThanOrEqual(purged);
      expect(new Set(feed.map((c) => c.id))).toEqual(new Set(pushed));
      expect(await server.listQuarters()).toContainEqual(expect.objectContaining({ key: '114-Q1', closed: true }));
    } finally {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
