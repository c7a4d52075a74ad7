// `tsx src/server/main.ts` as an operator runs it: a real listening process on an empty store prints the
// one-time first-admin link; that link's token creates the admin, who then signs in over real HTTP.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });

describe('the server process', { timeout: 120_000 }, () => {
  it('creates its data directory, prints where it listens and a one-time setup link', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'courtesy-main-')), 'nested', 'data');
    const port = await freePort();
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/server/main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      const link = await new Promise<string>((resolveLink, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /http:\/\/localhost:\d+\/#\/setup\?token=([\w-]+)/.exec(out);
          if (m) resolveLink(m[0]);
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
      });
      expect(out).toContain(`listening on http://localhost:${port}`);
      expect(existsSync(join(dataDir, 'courtesy.sqlite'))).toBe(true);
      const token = new URL(link.replace('/#/', '/')).searchParams.get('token')!;
      const base = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${base}/api/setup/status`)).json()).toEqual({ needsFirstAdmin: true });
      const made = await fetch(`${base}/api/setup/first-admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, username: 'secretariat', password: 'first-admin-pw' }),
      });
      expect(made.status).toBe(201);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'secretariat', password: 'first-admin-pw' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const unit = await fetch(`${base}/api/units`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: '第一課' }),
      });
      expect(unit.status).toBe(201);
      // The request log names paths and statuses only, never the password.
      expect(out).toMatch(/POST \/api\/auth\/login 200/);
      expect(out).not.toContain('first-admin-pw');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(resolve(dataDir, '../..'), { recursive: true, force: true });
    }
  });
});
