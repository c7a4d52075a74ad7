// Issue 12: scrypt at OWASP's parameters by default (N=2^17, r=8, p=1, with the maxmem that needs), and a
// hash made with weaker parameters upgraded at the next successful sign-in, on both engines.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { engines } from './fixtures';
import { hashPassword, needsRehash, OWASP_SCRYPT_N, SCRYPT, scryptN, verifyPassword } from '../../src/server/store/passwords';

const root = resolve(__dirname, '../..');

describe('password hashing', () => {
  it("defaults to OWASP's scrypt parameters; only SCRYPT_LOG_N 14–20 changes N", () => {
    expect(OWASP_SCRYPT_N).toBe(2 ** 17);
    expect(scryptN(undefined)).toBe(2 ** 17);
    expect(scryptN('')).toBe(2 ** 17);
    expect(scryptN('10')).toBe(2 ** 17); // too weak: ignored
    expect(scryptN('abc')).toBe(2 ** 17);
    expect(scryptN('14')).toBe(2 ** 14);
    expect(SCRYPT).toMatchObject({ r: 8, p: 1 });
  });

  it('hashes and verifies at N=2^17 in a process without the test override (maxmem is raised for it)', { timeout: 60_000 }, () => {
    const script = `
      const { hashPassword, verifyPassword } = await import(${JSON.stringify(join(root, 'src/server/store/passwords.ts'))});
      const h = await hashPassword('correct horse battery');
      console.log(JSON.stringify({ h, ok: await verifyPassword('correct horse battery', h), bad: await verifyPassword('wrong', h) }));`;
    const { SCRYPT_LOG_N: _drop, ...env } = process.env;
    const dir = mkdtempSync(join(tmpdir(), 'courtesy-scrypt-'));
    writeFileSync(join(dir, 'hash.mts'), script);
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(dir, 'hash.mts')], { cwd: root, env, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.h).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(out).toMatchObject({ ok: true, bad: false });
  });

  it('flags weaker hashes for an upgrade and refuses absurd stored parameters', async () => {
    const weak = await hashPassword('pw-1234567890', { N: 2 ** 10, r: 8, p: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('pw-1234567890'))).toBe(false);
    expect(await verifyPassword('pw-1234567890', weak)).toBe(true);
    // A tampered row asking for 2^30 must not make the server allocate gigabytes.
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });
});

for (const engine of engines) {
  describe.skipIf(engine.skip)(`hash upgrade on ${engine.name}`, () => {
    it('re-hashes a weaker stored hash at the next good sign-in, and not at a failed one', async () => {
      const { store, cleanup, query } = await engine.open();
      try {
        const user = await store.createUser({ username: 'old-timer', password: 'old-timer-pw', role: 'tester' });
        const legacy = await hashPassword('old-timer-pw', { N: 2 ** 10, r: 8, p: 1 });
        await query!('update users set password_hash = ? where id = ?', [legacy, user.id]);
        const stored = async () => String((await query!('select password_hash from users where id = ?', [user.id]))[0].password_hash);
        expect((await store.login('old-timer', 'wrong-password')).ok).toBe(false);
        expect(await stored()).toBe(legacy);
        expect((await store.login('old-timer', 'old-timer-pw')).ok).toBe(true);
        const upgraded = await stored();
        expect(upgraded).not.toBe(legacy);
        expect(upgraded.startsWith(`scrypt$${SCRYPT.N}$8$1$`)).toBe(true);
        expect(needsRehash(upgraded)).toBe(false);
        expect((await store.login('old-timer', 'old-timer-pw')).ok).toBe(true);
      } finally {
        await cleanup();
      }
    });
  });
}
