// Who is calling: the `sid` cookie → session → actor, the origin and CSRF checks on every mutation, and
// the gate that lets a user with a temporary password do nothing but change it.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { ServerStore, Session } from '../store';
import type { Actor } from '../store/types';
import { ACTOR_KEY } from '../routes/deps';
import { SESSION_MS } from '../store/authTypes';
import { requestInfo, type ProxyTrust, type RequestInfo } from './requestInfo';

export const SESSION_COOKIE = 'sid';
export type SessionActor = Actor & { username: string };
export type AppEnv = { Variables: { actor: SessionActor | null; session: Session | null; sid: string | null; info: RequestInfo } };

/** Mutations allowed without a session (they start one). */
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/setup/first-admin']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a user whose password must be changed may still call. */
const MUST_CHANGE_ALLOWED = new Set(['/api/auth/session', '/api/auth/password', '/api/auth/logout', '/api/openapi.json']);

export function actorFromSession(session: Session): SessionActor {
  return { userId: session.user.id, role: session.user.role, unitIds: session.user.unitIds, username: session.user.username };
}

/** The request's address, scheme and host, decided once (TRUST_PROXY applies here only). */
export function requestInfoMiddleware(trust: ProxyTrust | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('info', requestInfo(c, trust));
    await next();
  };
}

export const infoOf = (c: Context): RequestInfo => (c.get('info' as never) as RequestInfo | undefined) ?? { address: 'unknown', https: false, origin: '' };

export function sessionMiddleware(store: ServerStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sid = getCookie(c, SESSION_COOKIE) ?? null;
    const session = sid ? ((await store.getSession(sid)) ?? null) : null;
    c.set('sid', session ? sid : null);
    c.set('session', session);
    c.set(ACTOR_KEY as 'actor', session ? actorFromSession(session) : null);
    if (session?.user.mustChangePassword && !MUST_CHANGE_ALLOWED.has(c.req.path)) {
      return c.json({ error: 'password: an admin reset your password; set a new one first (POST /api/auth/password)' }, 403);
    }
    await next();
  };
}

/** A signed-in browser must prove the request came from our page: the token is readable only by it.
 *  The Origin, when sent, must be exactly our scheme and host; `null` (sandboxed frames, file: pages,
 *  some redirects) is refused. Without a session there is nothing to forge; the route answers 401. */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, infoOf(c).origin)) {
      return c.json({ error: `origin: requests from ${origin.slice(0, 200)} are not allowed` }, 403);
    }
    if (CSRF_EXEMPT.has(c.req.path)) return next();
    const session = c.get('session');
    if (session && c.req.header('x-csrf-token') !== session.csrfToken) {
      return c.json({ error: 'x-csrf-token: missing or wrong; reload the page and sign in again' }, 403);
    }
    return next();
  };
}

function sameOrigin(origin: string, ours: string): boolean {
  if (origin === 'null') return false;
  try {
    return new URL(origin).origin === new URL(ours).origin;
  } catch {
    return false;
  }
}

export function setSessionCookie(c: Context, sid: string, maxMs = SESSION_MS) {
  setCookie(c, SESSION_COOKIE, sid, { httpOnly: true, sameSite: 'Strict', path: '/', secure: infoOf(c).https, maxAge: Math.floor(maxMs / 1000) });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: infoOf(c).https });
}
