// Units, users, quarters, the audit log and the personal-data purge.
import { Hono } from 'hono';
import type { ServerStore } from '../store';
import type { Role } from '../store/types';
import { requireRole } from '../routes/deps';
import { badRequest, HttpError, intParam, readJson, stringField } from './errors';
import { publicUser } from './auth';
import type { AppEnv } from './session';
import { parseBeforeDate } from '../purgeDate';
import { retentionStatus, validateRetention, RETENTION_SETTING, loadRetention } from '../retention';

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

  // The account lifecycle. Every action is audited; an admin cannot disable or demote themselves (so the
  // last admin cannot lock everyone out by a slip).
  const userAction = (path: string, action: string, run: (id: string, body: Record<string, unknown>, actorId: string) => Promise<{ reply: object; detail?: string }>, opts: { body?: boolean } = {}) =>
    app.post(`/users/:id/${path}`, async (c) => {
      const actor = requireRole(c, 'admin');
      if (actor instanceof Response) return actor;
      const body = opts.body ? await readJson(c) : await readJson(c, { optional: true });
      const id = c.req.param('id');
      const { reply, detail } = await run(id, body, actor.userId);
      await store.audit({ actor: c.get('actor')!.username, action, target: id, ...(detail ? { detail } : {}) });
      return c.json(reply);
    });

  userAction('disable', 'user-disable', async (id, _b, self) => {
    if (id === self) throw badRequest('user: you cannot disable your own account');
    const user = await store.setUserDisabled(id, true);
    return { reply: publicUser(user), detail: user.username };
  });
  userAction('enable', 'user-enable', async (id) => {
    const user = await store.setUserDisabled(id, false);
    return { reply: publicUser(user), detail: user.username };
  });
  userAction('reset-password', 'user-reset-password', async (id) => {
    const { user, temporaryPassword } = await store.resetPassword(id);
    // The temporary password is shown once, to the admin who asked; it is never logged or audited.
    return { reply: { user: publicUser(user), temporaryPassword }, detail: user.username };
  });
  userAction('revoke-sessions', 'user-revoke-sessions', async (id) => {
    const user = await store.getUser(id);
    if (!user) throw new HttpError(404, `user: no user with id ${JSON.stringify(id)}`);
    const revoked = await store.revokeSessions(id);
    return { reply: { revoked }, detail: `${user.username}: ${revoked} sessions` };
  });

  app.patch('/users/:id', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const id = c.req.param('id');
    const role = stringField(body, 'role', { optional: true }) as Role | undefined;
    if (role !== undefined && !ROLES.includes(role)) throw badRequest(`role: must be one of ${ROLES.join(', ')}, not ${JSON.stringify(role)}`);
    if (id === actor.userId && role !== undefined && role !== 'admin') throw badRequest('role: you cannot take the admin role from your own account');
    const displayName = stringField(body, 'displayName', { optional: true, max: 100 });
    const unitIds = body.unitIds;
    if (unitIds !== undefined && (!Array.isArray(unitIds) || unitIds.some((u) => typeof u !== 'string'))) throw badRequest('unitIds: must be an array of unit id strings');
    const before = await store.getUser(id);
    if (!before) throw new HttpError(404, `user: no user with id ${JSON.stringify(id)}`);
    const user = await store.updateUser(id, { ...(role ? { role } : {}), ...(unitIds ? { unitIds: unitIds as string[] } : {}), ...(displayName !== undefined ? { displayName } : {}) });
    await store.audit({
      actor: c.get('actor')!.username,
      action: 'user-update',
      target: id,
      detail: `${user.username}: role ${before.role} → ${user.role}; units ${before.unitIds.length} → ${user.unitIds.length}`,
    });
    return c.json(publicUser(user));
  });

  app.get('/admin/login-locks', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json(await store.listLoginLocks());
  });

  app.post('/admin/unlock-login', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const body = await readJson(c);
    const username = stringField(body, 'username', { optional: true, max: 64 })?.trim().toLowerCase();
    const address = stringField(body, 'address', { optional: true, max: 100 })?.trim();
    if (!username && !address) throw badRequest('username: give a username or an address to unlock');
    const cleared = await store.unlockLogin({ ...(username ? { username } : {}), ...(address ? { address } : {}) });
    await store.audit({ actor: c.get('actor')!.username, action: 'login-unlock', target: username ?? address, detail: `${cleared} counters cleared` });
    return c.json({ cleared });
  });

  app.get('/admin/retention', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    return c.json(await retentionStatus(store));
  });

  app.put('/settings/retention', async (c) => {
    const actor = requireRole(c, 'admin');
    if (actor instanceof Response) return actor;
    const checked = validateRetention(await readJson(c));
    if (!checked.ok) throw badRequest(checked.error);
    const before = await loadRetention(store);
    await store.setSetting(RETENTION_SETTING, checked.value);
    await store.audit({ actor: c.get('actor')!.username, action: 'settings.retention', target: RETENTION_SETTING, detail: `months ${before.months} → ${checked.value.months}` });
    return c.json(checked.value);
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
