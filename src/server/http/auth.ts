// Signing in and out, the session probe, and creating the first admin with the one-time setup token.
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { ServerStore } from '../store';
import type { User } from '../store/types';
import { HttpError, readJson, stringField } from './errors';
import { clearSessionCookie, infoOf, setSessionCookie, type AppEnv } from './session';
import type { LoginOutcome } from '../store';

const publicUser = (u: User) => ({
  id: u.id,
  username: u.username,
  ...(u.displayName ? { displayName: u.displayName } : {}),
  role: u.role,
  unitIds: u.unitIds,
  ...(u.disabled ? { disabled: true } : {}),
  ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
});

export interface SetupToken {
  /** The one-time token printed on first start; cleared once the first admin exists. */
  value: string | undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function authRoutes(store: ServerStore, setup: SetupToken) {
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    const body = await readJson(c);
    const username = stringField(body, 'username', { max: 200 })!;
    const password = stringField(body, 'password', { max: 1000 })!;
    const outcome = await store.login(username, password, { address: infoOf(c).address });
    const refused = await refusal(c, outcome, username);
    if (refused) return refused;
    if (!outcome.ok) throw new Error('unreachable');
    const session = await store.createSession(outcome.user.id);
    setSessionCookie(c, session.sid, store.sessionPolicy.maxMs);
    await store.audit({ actor: outcome.user.username, action: 'login' });
    return c.json({ user: publicUser(outcome.user), csrfToken: session.csrfToken });
  });

  // Every user changes their own password (and must, after an admin reset). Other sessions end.
  app.post('/auth/password', async (c) => {
    const session = c.get('session');
    if (!session) return c.json({ error: 'not signed in: log in first (POST /api/auth/login)' }, 401);
    const body = await readJson(c);
    const current = stringField(body, 'currentPassword', { max: 1000 })!;
    const next = stringField(body, 'newPassword', { max: 200 })!;
    const outcome = await store.changePassword(session.user.id, current, next, { address: infoOf(c).address, keepSid: c.get('sid') ?? undefined });
    if (!outcome.ok && outcome.reason === 'bad-credentials') return c.json({ error: 'currentPassword: wrong' }, 401);
    const refused = await refusal(c, outcome, session.user.username);
    if (refused) return refused;
    await store.audit({ actor: session.user.username, action: 'password-change', target: session.user.id });
    return c.json({ user: publicUser((outcome as { user: User }).user) });
  });

  app.post('/auth/logout', async (c) => {
    const sid = c.get('sid');
    if (sid) await store.deleteSession(sid);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get('/auth/session', (c) => {
    const session = c.get('session');
    return c.json(session ? { user: publicUser(session.user), csrfToken: session.csrfToken } : { user: null });
  });

  app.get('/setup/status', async (c) => c.json({ needsFirstAdmin: (await store.countUsers()) === 0 }));

  app.post('/setup/first-admin', async (c) => {
    const body = await readJson(c);
    const token = stringField(body, 'token', { max: 200 })!;
    const username = stringField(body, 'username', { max: 64 })!;
    const password = stringField(body, 'password', { max: 200 })!;
    const displayName = stringField(body, 'displayName', { optional: true, max: 100 });
    const expected = setup.value;
    if (!expected || !timingSafeEqual(digest(token), digest(expected))) throw new HttpError(403, 'token: wrong or already used');
    if ((await store.countUsers()) > 0) {
      setup.value = undefined;
      throw new HttpError(403, 'token: already used; the first admin exists');
    }
    setup.value = undefined; // one time, even if two requests race
    let user: User;
    try {
      user = await store.createUser({ username, password, role: 'admin', ...(displayName ? { displayName } : {}) });
    } catch (e) {
      setup.value = expected; // a bad password must not burn the token
      throw e;
    }
    const session = await store.createSession(user.id);
    setSessionCookie(c, session.sid, store.sessionPolicy.maxMs);
    await store.audit({ actor: user.username, action: 'first-admin', target: user.id });
    return c.json({ user: publicUser(user), csrfToken: session.csrfToken }, 201);
  });

  async function refusal(c: import('hono').Context, outcome: LoginOutcome, username: string): Promise<Response | undefined> {
    if (outcome.ok) return undefined;
    if (outcome.reason === 'busy') return c.json({ error: 'busy: too many sign-ins at once; try again in a few seconds' }, 503, { 'retry-after': '2' });
    if (outcome.reason === 'locked') {
      await store.audit({ actor: 'anonymous', action: 'login-locked', target: username.toLowerCase().replace(/\u0000/g, '').slice(0, 64), detail: `${outcome.scope} until ${outcome.lockedUntil}` });
      const what = outcome.scope === 'address' ? 'too many failed sign-ins from your network' : 'too many failed sign-ins for this account';
      const retry = Math.max(1, Math.ceil((Date.parse(outcome.lockedUntil) - Date.now()) / 1000));
      return c.json({ error: `login locked: ${what}; try again after ${outcome.lockedUntil}, or ask an admin to unlock it`, lockedUntil: outcome.lockedUntil }, 423, { 'retry-after': String(retry) });
    }
    return c.json({ error: 'username or password is wrong' }, 401);
  }

  return app;
}

export { publicUser };
