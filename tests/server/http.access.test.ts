// Every endpoint class × every role: who is refused (401/403) and who gets through; and the CSRF rule.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { engines } from './fixtures';
import { makeWorld, type World, type Client } from './harness';
import { pullPath, pushBody } from '../support/wire';

type Who = 'anonymous' | 'tester' | 'head' | 'admin';

const endpoints: { name: string; call: (c: Client) => Promise<{ status: number }>; expect: Record<Who, number> }[] = [
  { name: 'GET /api/units', call: (c) => c.get('/api/units'), expect: { anonymous: 401, tester: 200, head: 200, admin: 200 } },
  { name: 'POST /api/units', call: (c) => c.post('/api/units', { name: `課 ${randomUUID().slice(0, 6)}` }), expect: { anonymous: 401, tester: 403, head: 403, admin: 201 } },
  { name: 'GET /api/users', call: (c) => c.get('/api/users'), expect: { anonymous: 401, tester: 403, head: 403, admin: 200 } },
  {
    name: 'POST /api/users',
    call: (c) => c.post('/api/users', { username: `u${randomUUID().slice(0, 8)}`, password: 'long-enough-pw', role: 'tester' }),
    expect: { anonymous: 401, tester: 403, head: 403, admin: 201 },
  },
  { name: 'POST /api/sync/push', call: (c) => c.post('/api/sync/push', pushBody('d', [])), expect: { anonymous: 401, tester: 200, head: 403, admin: 200 } },
  { name: 'GET /api/sync/pull', call: (c) => c.get(pullPath('since=0')), expect: { anonymous: 401, tester: 200, head: 200, admin: 200 } },
  { name: 'GET /api/quarters', call: (c) => c.get('/api/quarters'), expect: { anonymous: 401, tester: 200, head: 200, admin: 200 } },
  { name: 'POST /api/quarters/:key/close', call: (c) => c.post('/api/quarters/110-Q1/close', {}), expect: { anonymous: 401, tester: 403, head: 403, admin: 200 } },
  { name: 'POST /api/quarters/:key/reopen', call: (c) => c.post('/api/quarters/110-Q1/reopen', { reason: '補登' }), expect: { anonymous: 401, tester: 403, head: 403, admin: 200 } },
  { name: 'GET /api/audit', call: (c) => c.get('/api/audit'), expect: { anonymous: 401, tester: 403, head: 403, admin: 200 } },
  { name: 'POST /api/admin/purge-personal-data', call: (c) => c.post('/api/admin/purge-personal-data', { before: '2020-01-01' }), expect: { anonymous: 401, tester: 403, head: 403, admin: 200 } },
  { name: 'GET /api/auth/session', call: (c) => c.get('/api/auth/session'), expect: { anonymous: 200, tester: 200, head: 200, admin: 200 } },
  { name: 'GET /api/openapi.json', call: (c) => c.get('/api/openapi.json'), expect: { anonymous: 200, tester: 200, head: 200, admin: 200 } },
];

describe('access rules over HTTP', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(engines[0]);
  });
  afterAll(async () => world.cleanup());

  for (const endpoint of endpoints) {
    for (const who of Object.keys(endpoint.expect) as Who[]) {
      it(`${endpoint.name} as ${who} → ${endpoint.expect[who]}`, async () => {
        const client = await world.as(who);
        const reply = await endpoint.call(client);
        expect(reply.status).toBe(endpoint.expect[who]);
        if (reply.status === 401 || reply.status === 403) expect((reply as { body?: { error?: string } }).body?.error).toMatch(/signed in|not allowed|role/);
      });
    }
  }

  it('hides the user list’s password hashes even from admins', async () => {
    const admin = await world.as('admin');
    const { body } = await admin.get('/api/users');
    expect(body.map((u: { username: string }) => u.username)).toContain('tester');
    expect(JSON.stringify(body)).not.toMatch(/scrypt|hash|secret/);
  });

  it('an unknown API path is a JSON 404, not the app', async () => {
    const reply = await (await world.as('tester')).get('/api/nope');
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatch(/no such endpoint/);
  });
});

describe('CSRF', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(engines[0]);
  });
  afterAll(async () => world.cleanup());

  it('refuses a signed-in mutation without the token, with a wrong one, or with another session’s', async () => {
    const tester = await world.as('tester');
    const admin = await world.as('admin');
    const body = { json: pushBody('d', []) };
    expect((await tester.send('POST', '/api/sync/push', { ...body, csrf: false })).status).toBe(403);
    const wrong = await tester.send('POST', '/api/sync/push', { ...body, csrf: 'forged' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatch(/x-csrf-token/);
    expect((await tester.send('POST', '/api/sync/push', { ...body, csrf: admin.csrf })).status).toBe(403);
    expect((await tester.send('POST', '/api/sync/push', body)).status).toBe(200);
    // Logout is a mutation too: a cross-site page must not be able to sign the user out.
    expect((await tester.send('POST', '/api/auth/logout', { csrf: false })).status).toBe(403);
  });

  it('refuses a mutation from another origin even with the token', async () => {
    const admin = await world.as('admin');
    const reply = await admin.send('POST', '/api/units', { json: { name: '外站' }, headers: { origin: 'https://evil.example' } });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatch(/origin/);
    expect((await world.store.listUnits()).map((u) => u.name)).not.toContain('外站');
  });

  it('hands the token out again with the session, for a reloaded page', async () => {
    const tester = await world.as('tester');
    const { body } = await tester.get('/api/auth/session');
    expect(body.user.username).toBe('tester');
    expect(body.csrfToken).toBe(tester.csrf);
  });
});
