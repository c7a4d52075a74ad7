// Units, users, quarters, the audit log and the personal-data purge.
import { Hono } from 'hono';
import type { ServerStore } from '../store';
import type { Role } from '../store/types';
import { requireRole } from '../routes/deps';
import { badRequest, intParam, readJson, stringField } from './errors';
import { publicUser } from './auth';
import type { AppEnv } from './session';
import { parseBeforeDate } from '../purgeDate';

const ROLES: Role[] = ['tester', 'unitHead', 'admin'];

function parseBefore(value: string): string {
  const before = parseBeforeDate(value);
  if (!before) throw badRequest(`before: must be an ISO 8601 date (2026-01-01) or date-time, not ${JSON.stringify(value)}`);
  return before;
}

export function adminRoutes(store: ServerStore) {
  const app = new Hono<AppEnv>();

  app.get('/units', async (c) => {
    const actor = requireRole(c);
    if (actor instanceof Response) return actor;
    return c.json((await store.listUnits()).map(({ id, name, phone, startsOn }) => ({ id, name, ...(phone ? { phone } : {}), ...(startsOn ? { startsOn } : {}) })));
  });

  app.post('/units', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const name = stringField(body, 'name', { max: 200 })!;
    const phone = stringField(body, 'phone', { optional: true, max: 50 });
    const startsOn = stringField(body, 'startsOn', { optional: true, max: 10 });
    const unit = await store.createUnit({ name, ...(phone ? { phone } : {}), ...(startsOn ? { startsOn } : {}) });
    await store.audit({ actor: c.get('actor')!.username, action: 'create-unit', target: unit.id, detail: unit.name });
    return c.json(unit, 201);
  });

  // The unit's own start date (issue 13): plan periods wholly before it are 免測. null clears it.
  app.patch('/units/:id', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    if (!('startsOn' in body)) throw badRequest('startsOn: required, a date YYYY-MM-DD or null to clear it');
    const startsOn = body.startsOn === null ? null : stringField(body, 'startsOn', { max: 10 })!;
    const unit = await store.setUnitStart(c.req.param('id'), startsOn);
    await store.audit({ actor: c.get('actor')!.username, action: 'unit-start', target: unit.id, detail: `${unit.name}: ${startsOn ?? '—'}` });
    return c.json(unit);
  });

  app.get('/users', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json((await store.listUsers()).map(publicUser));
  });

  app.post('/users', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const username = stringField(body, 'username', { max: 64 })!;
    const password = stringField(body, 'password', { max: 200 })!;
    const role = stringField(body, 'role')! as Role;
    if (!ROLES.includes(role)) throw badRequest(`role: must be one of ${ROLES.join(', ')}, not ${JSON.stringify(role)}`);
    const displayName = stringField(body, 'displayName', { optional: true, max: 100 });
    const unitIds = body.unitIds ?? [];
    if (!Array.isArray(unitIds) || unitIds.some((u) => typeof u !== 'string')) throw badRequest('unitIds: must be an array of unit id strings');
    const user = await store.createUser({ username, password, role, unitIds: unitIds as string[], ...(displayName ? { displayName } : {}) });
    await store.audit({ actor: c.get('actor')!.username, action: 'create-user', target: user.id, detail: `${user.username} (${user.role})` });
    return c.json(publicUser(user), 201);
  });

  app.get('/quarters', async (c) => {
    const actor = requireRole(c);
    if (actor instanceof Response) return actor;
    return c.json(await store.listQuarters());
  });

  app.post('/quarters/:key/close', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    // The reason is optional here (closing is the routine end of a quarter) but kept when given.
    const reason = stringField(await readJson(c, { optional: true }), 'reason', { optional: true, max: 1000 })?.trim();
    const username = c.get('actor')!.username;
    const state = await store.setQuarterClosed(c.req.param('key'), true, username);
    await store.audit({ actor: username, action: 'quarter-close', target: state.key, ...(reason ? { detail: reason } : {}) });
    return c.json(state);
  });

  app.post('/quarters/:key/reopen', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const reason = stringField(body, 'reason', { max: 1000 })!.trim();
    if (!reason) throw badRequest('reason: required; say why the quarter is reopened');
    const username = c.get('actor')!.username;
    const state = await store.setQuarterClosed(c.req.param('key'), false, username);
    await store.audit({ actor: username, action: 'quarter-reopen', target: state.key, detail: reason });
    return c.json(state);
  });

  app.get('/audit', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json(await store.listAudit(intParam(c, 'limit', 100, 1, 1000)));
  });

  app.post('/admin/purge-personal-data', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const before = parseBefore(stringField(body, 'before', { max: 40 })!);
    const purged = await store.purgePersonalData(before);
    await store.audit({ actor: c.get('actor')!.username, action: 'purge-personal-data', detail: `before ${before}: ${purged} tests` });
    return c.json({ purged });
  });

  return app;
}
