// Who is calling: the `sid` cookie → session → actor, and the CSRF check on every mutation.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { ServerStore, Session } from '../store';
import type { Actor } from '../store/types';
import { ACTOR_KEY } from '../routes/deps';
import { SESSION_MS } from '../store/authTypes';

export const SESSION_COOKIE = 'sid';
export type SessionActor = Actor & { username: string };
export type AppEnv = { Variables: { actor: SessionActor | null; session: Session | null; sid: string | null } };

/** Mutations allowed without a session (they start one). */
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/setup/first-admin']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorFromSession(session: Session): SessionActor {
  return { userId: session.user.id, role: session.user.role, unitIds: session.user.unitIds, username: session.user.username };
}

export function sessionMiddleware(store: ServerStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sid = getCookie(c, SESSION_COOKIE) ?? null;
    const session = sid ? ((await store.getSession(sid)) ?? null) : null;
    c.set('sid', session ? sid : null);
    c.set('session', session);
    c.set(ACTOR_KEY as 'actor', session ? actorFromSession(session) : null);
    await next();
  };
}

/** A signed-in browser must prove the request came from our page: the token is readable only by it.
 *  Without a session there is nothing to forge; the route answers 401. */
export function csrfMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || CSRF_EXEMPT.has(c.req.path)) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== 'null' && new URL(c.req.url).host !== safeHost(origin) && c.req.header('host') !== safeHost(origin)) {
      return c.json({ error: `origin: requests from ${origin} are not allowed` }, 403);
    }
    const session = c.get('session');
    if (session && c.req.header('x-csrf-token') !== session.csrfToken) {
      return c.json({ error: 'x-csrf-token: missing or wrong; reload the page and sign in again' }, 403);
    }
    return next();
  };
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

const isHttps = (c: Context) => c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';

export function setSessionCookie(c: Context, sid: string) {
  setCookie(c, SESSION_COOKIE, sid, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c), maxAge: Math.floor(SESSION_MS / 1000) });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
}
