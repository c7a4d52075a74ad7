// The sync endpoints: push (one result per op, in order) and the pull feed.
import { Hono } from 'hono';
import type { ServerStore } from '../store';
import type { PushOp } from '../../sync/protocol';
import { requireRole } from '../routes/deps';
import { badRequest, intParam, readJson, stringField } from './errors';
import type { AppEnv } from './session';

export const MAX_OPS = 500;
export const DEFAULT_PULL = 200;
export const MAX_PULL = 1000;

export function syncRoutes(store: ServerStore) {
  const app = new Hono<AppEnv>();

  app.post('/sync/push', async (c) => {
    const actor = requireRole(c, 'tester', 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const clientId = stringField(body, 'clientId', { max: 200 })!;
    const ops = body.ops;
    if (!Array.isArray(ops)) throw badRequest('ops: must be an array of {opId, record}');
    if (ops.length > MAX_OPS) throw badRequest(`ops: at most ${MAX_OPS} per push, got ${ops.length}`);
    ops.forEach((op, i) => {
      if (typeof op !== 'object' || op === null || Array.isArray(op)) throw badRequest(`ops[${i}]: must be an object {opId, record}`);
      const { opId, record } = op as Record<string, unknown>;
      if (typeof opId !== 'string' || !opId || opId.length > 200 || opId.includes('\u0000')) throw badRequest(`ops[${i}].opId: must be a non-empty string of at most 200 characters`);
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw badRequest(`ops[${i}].record: must be an object`);
    });
    const results = await store.push(actor, clientId, ops as PushOp[]);
    if (results.length > 0) {
      const count = (s: string) => results.filter((r) => r.status === s).length;
      await store.audit({
        actor: c.get('actor')!.username,
        action: 'push',
        target: clientId.slice(0, 100),
        detail: `applied ${count('applied')}, duplicate ${count('duplicate')}, conflict ${count('conflict')}, rejected ${count('rejected')}`,
      });
    }
    return c.json({ results });
  });

  app.get('/sync/pull', async (c) => {
    const actor = requireRole(c);
    if (actor instanceof Response) return actor;
    // seq is a 32-bit integer column on both engines.
    const since = intParam(c, 'since', 0, 0, 2_147_483_647);
    const limit = intParam(c, 'limit', DEFAULT_PULL, 1, MAX_PULL);
    const clientId = c.req.query('clientId');
    if (clientId !== undefined && (clientId.length === 0 || clientId.length > 200)) throw badRequest('clientId: 1–200 characters when given');
    return c.json(await store.pull(actor, since, limit, clientId ? { exceptClientId: clientId } : {}));
  });

  return app;
}
