// A bounded fuzz run: thousands of hostile bodies and queries against push, pull, login and the admin
// routes, signed in as each role. Not one may answer 5xx, and the server must still answer afterwards.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { engines, makeRecord, op } from './fixtures';
import { makeWorld, type Client, type World } from './harness';
import { pullPath, pushBody } from '../support/wire';

const ROUTES: Array<[method: 'GET' | 'POST' | 'PUT', path: string]> = [
  ['POST', '/api/sync/push'],
  ['GET', '/api/sync/pull'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/units'],
  ['POST', '/api/users'],
  ['POST', '/api/quarters/115-Q4/close'],
  ['POST', '/api/quarters/115-Q4/reopen'],
  ['POST', '/api/admin/purge-personal-data'],
  ['PUT', '/api/settings/grades'],
  ['PUT', '/api/settings/plan'],
  ['POST', '/api/acknowledgements'],
  ['GET', '/api/review'],
  ['GET', '/api/report/annual'],
  ['GET', '/api/audit'],
];

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const hostileText = fc.oneof(
  fc.json(),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 20, max: 5000 }).map(deep),
  fc.constantFrom('{"protocol":2', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'null', '[]', '""', '{"a":' + '1'.repeat(400) + '}'),
);

/** A push that is right in its envelope and wrong somewhere in its record. */
const hostilePush = fc
  .record({ field: fc.constantFrom('id', 'testedAt', 'answers', 'status', 'history', 'attempts', 'sheet', 'extra', 'unitName', 'retestOverride'), value: fc.jsonValue({ maxDepth: 3 }) })
  .map(({ field, value }) => JSON.stringify(pushBody('fuzz', [op({ ...makeRecord('u'), [field]: value } as never)])));

const hostileQuery = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => `since=${encodeURIComponent(s)}`),
  fc.constantFrom('protocol=1', 'protocol=x', 'protocol=2&sheets=', 'protocol=2&sheets=%00', 'protocol=2&sheets=a@1,b@99999999', 'quarter=-11-Q1', 'quarter=2911-Q9', 'year=0', 'year=-5', 'year=99999', 'limit=1e9'),
);

for (const engine of engines) {
  describe.skipIf(engine.skip)(`fuzz on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
    let world: World;
    let clients: Client[];
    beforeAll(async () => {
      world = await makeWorld(engine);
      clients = [await world.as('anonymous'), await world.as('tester'), await world.as('head'), await world.as('admin')];
    });
    afterAll(async () => world?.cleanup());

    it('answers every hostile request below 500, and still serves a good push and pull afterwards', { timeout: 300_000 }, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: clients.length - 1 }),
          fc.constantFrom(...ROUTES),
          fc.oneof(hostileText, hostilePush),
          hostileQuery,
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
          async (who, [method, path], body, query, type) => {
            const client = clients[who];
            const url = method === 'GET' ? `${path}?${query}` : path;
            const reply = await client.send(method, url, method === 'GET' ? {} : { raw: body, headers: type ? { 'content-type': type } : {} });
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
            expect(reply.status, `${method} ${url} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 5000 },
      );
      // The server is still well: a good push and pull go through (the fuzz may have closed the quarter).
      await world.store.setQuarterClosed('115-Q4', false, 'fuzz-test');
      const tester = await world.as('tester');
      const good = makeRecord(world.unitA.id);
      const pushed = await tester.post('/api/sync/push', pushBody('after-fuzz', [op(good)]));
      expect(pushed.body.results[0].status).toBe('applied');
      const pulled = await tester.get(pullPath('since=0&limit=1000'));
      expect(pulled.status).toBe(200);
      expect(pulled.body.changes.some((c: { id: string }) => c.id === good.id)).toBe(true);
      expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    });
  });
}
