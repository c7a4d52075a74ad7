// Accounts for the journeys, made the way the secretariat makes them: the admin CLI
// (`npm run -s admin -- create-unit / create-user --password-stdin`) against the test's data dir.
import { spawn } from 'node:child_process';
import { ROOT, TSX, childEnv } from './server';

export function runAdmin(dataDir: string, args: string[], stdin?: string): Promise<unknown> {
  return new Promise((ok, fail) => {
    const proc = spawn(TSX, ['src/cli/admin.ts', ...args], { cwd: ROOT, env: childEnv(dataDir), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('error', fail);
    proc.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`admin ${args[0]} exited ${code}: ${err || out}`));
      // The CLI prints the created object as JSON; tolerate a log line before it.
      const start = out.indexOf('{');
      try {
        ok(JSON.parse(out.slice(start)));
      } catch {
        fail(new Error(`admin ${args[0]} printed no JSON: ${out}`));
      }
    });
    proc.stdin.end(stdin ?? '');
  });
}

export interface SeededUser {
  id: string;
  username: string;
  password: string;
}

export interface Seed {
  unit: { id: string; name: string };
  otherUnit: { id: string; name: string };
  tester: SeededUser;
  tester2: SeededUser;
  head: SeededUser;
  admin: SeededUser;
}

export const UNIT_NAME = '第五組';
export const OTHER_UNIT_NAME = '臺中分局';

async function user(dataDir: string, username: string, role: string, units: string[], displayName: string): Promise<SeededUser> {
  const password = `pw-${username}-Secret!9`;
  const args = ['create-user', '--username', username, '--role', role, '--display-name', displayName];
  for (const u of units) args.push('--unit', u);
  args.push('--password-stdin');
  const made = (await runAdmin(dataDir, args, `${password}\n`)) as { id: string };
  return { id: made.id, username, password };
}

/** One unit with its head, another unit, two testers and an admin; run before the server starts. */
export async function seedAccounts(dataDir: string): Promise<Seed> {
  const unit = (await runAdmin(dataDir, ['create-unit', '--name', UNIT_NAME, '--phone', '02-2343-1700'])) as Seed['unit'];
  const otherUnit = (await runAdmin(dataDir, ['create-unit', '--name', OTHER_UNIT_NAME, '--phone', '04-2261-2161'])) as Seed['unit'];
  return {
    unit,
    otherUnit,
    tester: await user(dataDir, 'tester1', 'tester', [], '林測試'),
    tester2: await user(dataDir, 'tester2', 'tester', [], '陳測試'),
    head: await user(dataDir, 'head1', 'unitHead', [unit.id], '張主管'),
    admin: await user(dataDir, 'admin1', 'admin', [], '研考承辦'),
  };
}

/** The one-time setup token from the link the server prints on first start (…#/setup?token=…). */
export function setupTokenFrom(output: string): string | undefined {
  return output.match(/[?&]token=([A-Za-z0-9_\-.~%]+)/)?.[1];
}

/**
 * The same accounts made through the API, as a secretariat would on a fresh server: the first
 * admin with the printed one-time token, then units and users from the admin's session.
 */
export async function seedViaApi(base: string, serverOutput: string): Promise<Seed> {
  const { ApiSession } = await import('./apiClient');
  const token = setupTokenFrom(serverOutput);
  if (!token) throw new Error(`no setup link in the server's output:\n${serverOutput}`);
  const adminPassword = 'pw-admin1-Secret!9';
  const first = await fetch(`${base}/api/setup/first-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: decodeURIComponent(token), username: 'admin1', password: adminPassword }),
  });
  const made = (await first.json()) as { user?: { id: string }; error?: string };
  if (!first.ok || !made.user) throw new Error(`first admin: ${first.status} ${made.error}`);
  const admin = await ApiSession.login(base, 'admin1', adminPassword);
  const unit = await admin.json<Seed['unit']>('POST', '/api/units', { name: UNIT_NAME, phone: '02-2343-1700' });
  const otherUnit = await admin.json<Seed['unit']>('POST', '/api/units', { name: OTHER_UNIT_NAME, phone: '04-2261-2161' });
  const user = async (username: string, role: string, unitIds: string[], displayName: string): Promise<SeededUser> => {
    const password = `pw-${username}-Secret!9`;
    const u = await admin.json<{ id: string }>('POST', '/api/users', { username, password, role, unitIds, displayName });
    return { id: u.id, username, password };
  };
  return {
    unit,
    otherUnit,
    tester: await user('tester1', 'tester', [], '林測試'),
    tester2: await user('tester2', 'tester', [], '陳測試'),
    head: await user('head1', 'unitHead', [unit.id], '張主管'),
    admin: { id: made.user.id, username: 'admin1', password: adminPassword },
  };
}
