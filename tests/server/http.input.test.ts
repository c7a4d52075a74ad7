// Bad input gets a 4xx naming the field, never a 500: broken JSON, wrong types, huge bodies, fuzz.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { engines, makeRecord, op } from './fixtures';
import { Client, makeWorld, type Reply, type World } from './harness';
import { pullPath, pushBody } from '../support/wire';

for (const engine of engines) describe.skipIf(engine.skip)(`bad input over HTTP on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(engine);
  });
  afterAll(async () => world?.cleanup());

  it('answers broken JSON with 400 naming the body', async () => {
    const tester = await world.as('tester');
    const reply = await tester.send('POST', '/api/sync/push', { raw: '{"protocol": 2, "clientId": "d", "ops": [' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^body: not valid JSON/);
    const login = await world.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'username=x' });
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error: string }).error).toMatch(/body/);
  });

  it('names the field with the wrong type', async () => {
    const tester = await world.as('tester');
    const admin = await world.as('admin');
    const cases: [Promise<Reply>, RegExp][] = [
      [tester.post('/api/sync/push', { ...pushBody('d', []), clientId: 7 }), /^clientId: must be a string/],
      [tester.post('/api/sync/push', { ...pushBody('d', []), ops: {} }), /^ops: must be an array/],
      [tester.post('/api/sync/push', pushBody('d', [42])), /^ops\[0\]: must be an object/],
      [tester.post('/api/sync/push', pushBody('d', [{ opId: 5, record: {} }])), /^ops\[0\]\.opId/],
            [tester.post('/api/sync/push', []), /^body: must be a JSON object/],
      [tester.get(pullPath('since=abc')), /^since: must be a whole number/],
      [tester.get(pullPath('since=0&limit=5000')), /^limit: must be between 1 and 1000/],
      [tester.get(pullPath('limit=0')), /^limit/],
      [new Client(world.app).post('/api/auth/login', { username: ['a'], password: 'x' }), /^username: must be a string/],
      [admin.post('/api/units', { name: 12 }), /^name: must be a string/],
      [admin.post('/api/units', { name: '   ' }), /^name: required/],
      [admin.post('/api/users', { username: 'newbie', password: 'long-enough-pw', role: 'boss' }), /^role: must be one of/],
      [admin.post('/api/users', { username: 'newbie', password: 'long-enough-pw', role: 'tester', unitIds: 'x' }), /^unitIds/],
      [admin.post('/api/users', { username: 'newbie', password: 'long-enough-pw', role: 'unitHead', unitIds: ['ghost'] }), /^unitIds: no unit/],
      [admin.post('/api/users', { username: 'bad name!', password: 'long-enough-pw', role: 'tester' }), /^username/],
      [admin.post('/api/admin/purge-personal-data', { before: 'last year' }), /^before: must be an ISO 8601 date/],
      [admin.get('/api/audit?limit=-3'), /^limit/],
      [tester.get(pullPath('since=99999999999')), /^since: must be between/],
      [admin.post('/api/units', { name: 'a\u0000b' }), /^name: must not contain NUL/],
      [tester.post('/api/sync/push', pushBody('d', [{ opId: 'a\u0000', record: {} }])), /^ops\[0\]\.opId/],
    ];
    for (const [call, pattern] of cases) {
      const reply = await call;
      expect(reply.status, String(pattern)).toBe(400);
      expect(reply.body.error).toMatch(pattern);
    }
  });

  it('treats a username no account could have as wrong credentials, on every engine', async () => {
    for (const username of ['a\u0000b', 'x'.repeat(300), '名字']) {
      const reply = await new Client(world.app).post('/api/auth/login', { username, password: 'whatever-pw' });
      expect([400, 401]).toContain(reply.status);
    }
  });

  it('refuses a taken username with 409', async () => {
    const reply = await (await world.as('admin')).post('/api/users', { username: 'tester', password: 'long-enough-pw', role: 'tester' });
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatch(/username: tester is already taken/);
  });

  it('refuses a push body over its 2 MiB limit with 413 and stores nothing', async () => {
    const tester = await world.as('tester');
    const big = makeRecord(world.unitA.id, { unitName: 'x'.repeat(3 * 1024 * 1024) });
    const reply = await tester.post('/api/sync/push', pushBody('d', [op(big)]));
    expect(reply.status).toBe(413);
    expect(reply.body.error).toMatch(/body: larger than the 2097152 byte push limit/);
    expect(reply.body).toMatchObject({ field: 'body', rule: 'max size', message: { zh: expect.stringContaining('上限') } });
    expect((await world.store.listTests({ includeDeleted: true })).some((t) => t.id === big.id)).toBe(false);
  });

  it('rejects a wrong content type with 415', async () => {
    const reply = await (await world.as('tester')).send('POST', '/api/sync/push', { raw: 'clientId=d', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
    expect(reply.body.error).toMatch(/content-type/);
  });

  it('never answers 500 to any JSON value as a push body or as a record', async () => {
    const tester = await world.as('tester');
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue({ maxDepth: 3 }), async (body, record) => {
        const whole = await tester.post('/api/sync/push', body);
        expect(whole.status).toBeLessThan(500);
        const asRecord = await tester.post('/api/sync/push', pushBody('fuzz', [{ opId: 'fuzz-op', record }]));
        expect(asRecord.status).toBeLessThan(500);
        if (asRecord.status === 200) expect(asRecord.body.results[0].status).toBe('rejected');
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 500 to a valid record with one field corrupted', async () => {
    const tester = await world.as('tester');
    const fields = ['id', 'unitId', 'testedAt', 'answers', 'baseRev', 'status', 'sheet', 'attempts', 'history', 'deleted', 'unitName', 'createdAt'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), async (field, value) => {
        const record = { ...makeRecord(world.unitA.id), [field]: value };
        const reply = await tester.post('/api/sync/push', pushBody('fuzz', [op(record as never)]));
        expect(reply.status).toBe(200);
        const [result] = reply.body.results;
        expect(['applied', 'rejected', 'conflict']).toContain(result.status);
        // A fresh test claiming a revision the server never gave is a conflict, not an error.
        if (result.status === 'conflict') expect(field).toBe('baseRev');
        if (result.status === 'rejected') expect(result.errors.map((e: { field: string }) => e.field.split(/[.[]/)[0])).toContain(field);
      }),
      { numRuns: 150 },
    );
  });
});
