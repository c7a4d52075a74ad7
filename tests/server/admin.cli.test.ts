// The admin CLI end to end: a real process on a real SQLite file, then the server signs the new user in.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { createApp } from '../../src/server/app';
import { Client } from './harness';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

// Each run starts a tsx process (a second or more on a busy machine): generous time limits, no timing asserts.
describe('admin CLI', { timeout: 180_000 }, () => {
  let dataDir: string;
  const admin = (args: string[], input?: string) => {
    const r = spawnSync(tsx, [join(root, 'src/cli/admin.ts'), ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'courtesy-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a unit and a unit head that can then sign in to the server', async () => {
    const unitRun = admin(['create-unit', '--name', '嘉義辦事處', '--phone', '05-2345678']);
    expect(unitRun.stderr).toBe('');
    expect(unitRun.code).toBe(0);
    const unit = JSON.parse(unitRun.stdout);
    expect(unit).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: '嘉義辦事處', phone: '05-2345678' });

    const userRun = admin(['create-user', '--username', 'chiayi-head', '--role', 'unitHead', '--unit', unit.id, '--password-stdin'], 'correct horse battery\n');
    expect(userRun.code).toBe(0);
    const user = JSON.parse(userRun.stdout);
    expect(user).toMatchObject({ id: expect.any(String), username: 'chiayi-head', role: 'unitHead', unitIds: [unit.id] });
    expect(userRun.stdout + userRun.stderr).not.toContain('correct horse');

    expect(JSON.parse(admin(['list-units']).stdout).map((u: { id: string }) => u.id)).toEqual([unit.id]);
    expect(JSON.parse(admin(['list-users']).stdout).map((u: { username: string }) => u.username)).toEqual(['chiayi-head']);

    const store = await openStore({ dataDir });
    try {
      const client = new Client(createApp({ store }));
      const login = await client.login('chiayi-head', 'correct horse battery');
      expect(login.status).toBe(200);
      expect(login.body.user.unitIds).toEqual([unit.id]);
      expect((await store.listAudit(10)).map((a) => a.action)).toEqual(expect.arrayContaining(['create-unit', 'create-user']));
    } finally {
      await store.close();
    }
  });

  it('closes a quarter and purges personal data', () => {
    const closed = admin(['close-quarter', '115-Q3']);
    expect(closed.code).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ key: '115-Q3', closed: true, closedBy: 'cli' });
    const purged = admin(['purge-personal-data', '--before', '2025-01-01']);
    expect(purged.code).toBe(0);
    expect(JSON.parse(purged.stdout)).toEqual({ purged: 0, before: '2025-01-01T00:00:00+08:00' });
  });

  // Issue 12: the account lifecycle from a shell, every action audited as 'cli'.
  it('disables, enables, resets, changes role and units, revokes sessions, unlocks, and sets the retention', async () => {
    const unit = JSON.parse(admin(['create-unit', '--name', '第二課']).stdout);
    const made = admin(['create-user', '--username', 'lin', '--role', 'tester', '--password-stdin'], 'lin-first-password\n');
    expect(made.code).toBe(0);
    const store = await openStore({ dataDir });
    try {
      const app = createApp({ store });
      const session = new Client(app);
      expect((await session.login('lin', 'lin-first-password')).status).toBe(200);

      const disabled = admin(['disable-user', 'lin']);
      expect(disabled.code).toBe(0);
      expect(JSON.parse(disabled.stdout)).toMatchObject({ username: 'lin', disabled: true });
      expect((await session.get('/api/units')).status).toBe(401); // ended at once
      expect((await new Client(app).login('lin', 'lin-first-password')).status).toBe(401);
      expect(admin(['enable-user', 'lin']).code).toBe(0);
      expect((await new Client(app).login('lin', 'lin-first-password')).status).toBe(200);

      const reset = admin(['reset-password', 'lin']);
      expect(reset.code).toBe(0);
      const { temporaryPassword, user } = JSON.parse(reset.stdout);
      expect(user.mustChangePassword).toBe(true);
      const temp = new Client(app);
      expect((await temp.login('lin', temporaryPassword)).body.user.mustChangePassword).toBe(true);
      expect((await temp.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'lin-chosen-password' })).status).toBe(200);

      const role = admin(['set-role', 'lin', '--role', 'unitHead', '--unit', unit.id]);
      expect(role.code).toBe(0);
      expect(JSON.parse(role.stdout)).toMatchObject({ role: 'unitHead', unitIds: [unit.id] });
      const other = JSON.parse(admin(['create-unit', '--name', '第三課']).stdout);
      expect(JSON.parse(admin(['set-units', 'lin', '--unit', unit.id, other.id]).stdout).unitIds).toEqual([unit.id, other.id]);

      expect(JSON.parse(admin(['revoke-sessions', 'lin']).stdout).revoked).toBeGreaterThanOrEqual(1);
      expect((await temp.get('/api/units')).status).toBe(401);

      for (let i = 0; i < 5; i++) await store.login('lin', 'wrong-password', { address: '127.0.0.7' });
      expect(JSON.parse(admin(['list-locks']).stdout)).toContainEqual(expect.objectContaining({ kind: 'pair', username: 'lin', address: '127.0.0.7' }));
      expect(JSON.parse(admin(['unlock-login', '--username', 'lin']).stdout).cleared).toBeGreaterThanOrEqual(1);
      expect((await store.login('lin', 'lin-chosen-password', { address: '127.0.0.7' })).ok).toBe(true);

      expect(JSON.parse(admin(['retention']).stdout)).toMatchObject({ months: 36, due: 0 });
      expect(JSON.parse(admin(['retention', '--months', '24']).stdout)).toMatchObject({ months: 24 });
      expect(admin(['retention', '--months', 'soon']).code).toBe(2);
      expect(admin(['disable-user', 'nobody']).stderr).toMatch(/no user named/);

      const actions = (await store.listAudit(100)).filter((a) => a.actor === 'cli').map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['user-disable', 'user-enable', 'user-reset-password', 'user-update', 'user-revoke-sessions', 'login-unlock', 'settings.retention']));
      expect(JSON.stringify(await store.listAudit(100))).not.toContain(temporaryPassword);
    } finally {
      await store.close();
    }
  });

  it('exits 2 with a clear message on bad input', () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['create-unit'], undefined, /--name is required/],
      [['create-user', '--username', 'x1', '--role', 'boss', '--password-stdin'], 'pw-123456789', /--role must be tester, unitHead or admin/],
      [['create-user', '--username', 'x1', '--role', 'tester'], undefined, /--password-stdin is required/],
      [['create-user', '--username', 'x1', '--role', 'tester', '--password-stdin'], 'short', /password: must be 10–200 characters/],
      [['create-user', '--username', 'x1', '--role', 'unitHead', '--unit', 'nope', '--password-stdin'], 'long-enough-pw', /unitIds: no unit/],
      [['close-quarter', '115-Q5'], undefined, /quarter must look like 115-Q4/],
      [['purge-personal-data', '--before', 'soon'], undefined, /--before must be an ISO date/],
      [['frobnicate'], undefined, /unknown command/],
      [['list-units', '--verbose'], undefined, /unknown option --verbose/],
    ];
    for (const [args, input, pattern] of cases) {
      const r = admin(args, input ?? '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stdout).toBe('');
    }
  });
});
