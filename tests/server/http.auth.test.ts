// Signing in: cookie attributes, wrong passwords, the 15-minute lockout, logout, first-admin setup, logs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { engines } from './fixtures';
import { Client, makeWorld, passwordOf, type World } from './harness';
import { createApp } from '../../src/server/app';

describe('login and sessions', () => {
  let world: World;
  const logs: string[] = [];
  beforeAll(async () => {
    world = await makeWorld(engines[0], { log: (line) => logs.push(line) });
  });
  afterAll(async () => world.cleanup());

  it('starts a session with an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token', async () => {
    const client = new Client(world.app);
    const reply = await client.login('tester');
    expect(reply.status).toBe(200);
    expect(reply.body.user).toEqual({ id: world.users.tester.id, username: 'tester', role: 'tester', unitIds: [] });
    expect(reply.body.csrfToken).toEqual(expect.any(String));
    const cookie = reply.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sid=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect((await client.get('/api/units')).status).toBe(200);
  });

  // Issue 12: x-forwarded-proto is believed only from a proxy named in TRUST_PROXY.
  it('marks the cookie Secure behind an https proxy it trusts, and only then', async () => {
    const viaProxy = (app: { request: typeof world.app.request }, peer: string) =>
      app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify({ username: 'tester', password: passwordOf('tester') }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
    const untrusted = await viaProxy(world.app, '127.0.0.1');
    expect(untrusted.status).toBe(200);
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(untrusted.headers.get('strict-transport-security')).toBeNull();
    const trusting = createApp({ store: world.store, trustProxy: 'loopback' });
    const trusted = await viaProxy(trusting, '127.0.0.1');
    expect(trusted.headers.get('set-cookie')).toMatch(/Secure/);
    expect(trusted.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // The same header from a peer that is not the configured proxy is ignored.
    const spoofed = await viaProxy(trusting, '192.0.2.7');
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('answers 401 for a wrong password or unknown user, with the same message', async () => {
    const a = await new Client(world.app).login('tester2', 'wrong-password');
    const b = await new Client(world.app).login('nobody', 'wrong-password');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.error).toBe(b.body.error);
    expect(a.headers.get('set-cookie')).toBeNull();
  });

  it('locks a username for 15 minutes after 5 failures (423), even with the right password', async () => {
    const client = new Client(world.app);
    for (let i = 0; i < 4; i++) expect((await client.login('headb', 'nope-nope')).status).toBe(401);
    const fifth = await client.login('headb', 'nope-nope');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error).toMatch(/locked/);
    expect((await client.login('headb')).status).toBe(423);
    // Another account is not affected.
    expect((await new Client(world.app).login('head')).status).toBe(200);
    expect((await world.store.listAudit(20)).some((a) => a.action === 'login-locked' && a.target === 'headb')).toBe(true);
  });

  it('logs out: the session stops working and the cookie is cleared', async () => {
    const client = new Client(world.app);
    await client.login('tester2');
    const sid = client.sid;
    const out = await client.send('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/sid=;.*Max-Age=0/i);
    const stale = new Client(world.app);
    stale.sid = sid;
    expect((await stale.get('/api/auth/session')).body).toEqual({ user: null });
    expect((await stale.get('/api/units')).status).toBe(401);
  });

  it('audits logins and never logs passwords or request bodies', async () => {
    await new Client(world.app).login('admin');
    expect((await world.store.listAudit(50)).some((a) => a.action === 'login' && a.actor === 'admin')).toBe(true);
    expect(logs.length).toBeGreaterThan(0);
    const all = logs.join('\n');
    expect(all).toContain('POST /api/auth/login');
    for (const secret of [passwordOf('admin'), passwordOf('tester'), 'nope-nope', 'wrong-password']) expect(all).not.toContain(secret);
  });
});

describe('first admin', () => {
  it('is created once with the printed token; then the token is spent', async () => {
    const { store, cleanup } = await engines[0].open();
    try {
      const app = createApp({ store, setupToken: 'one-time-token-123' });
      const client = new Client(app);
      expect((await client.get('/api/setup/status')).body).toEqual({ needsFirstAdmin: true });
      const wrong = await client.post('/api/setup/first-admin', { token: 'guess', username: 'boss', password: 'boss-password-1' });
      expect(wrong.status).toBe(403);
      const weak = await client.post('/api/setup/first-admin', { token: 'one-time-token-123', username: 'boss', password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.error).toMatch(/password/);
      const made = await client.post('/api/setup/first-admin', { token: 'one-time-token-123', username: 'boss', password: 'boss-password-1' });
      expect(made.status).toBe(201);
      expect(made.body.user).toMatchObject({ username: 'boss', role: 'admin' });
      expect((await client.get('/api/setup/status')).body).toEqual({ needsFirstAdmin: false });
      const again = await new Client(app).post('/api/setup/first-admin', { token: 'one-time-token-123', username: 'boss2', password: 'boss-password-2' });
      expect(again.status).toBe(403);
      expect(await store.countUsers()).toBe(1);
      // The new admin is signed in and can work at once.
      client.csrf = made.body.csrfToken;
      expect((await client.post('/api/units', { name: '第二課' })).status).toBe(201);
    } finally {
      await cleanup();
    }
  });

  it('cannot be created when the server printed no token', async () => {
    const { store, cleanup } = await engines[0].open();
    try {
      const reply = await new Client(createApp({ store })).post('/api/setup/first-admin', { token: '', username: 'boss', password: 'boss-password-1' });
      expect(reply.status).toBe(403);
      expect(await store.countUsers()).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
