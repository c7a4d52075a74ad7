// What every route module (ours and the report helper's src/server/routes/reports.ts) receives.
// The app's session middleware has already resolved the caller before any route runs, and CSRF,
// body size and JSON errors are handled by the app, so route modules only check roles and do work.
import type { Context } from 'hono';
import type { Actor, Role, Store } from '../store/types';

export type RouteDeps = {
  store: Store;
  /** The signed-in caller, or null. */
  actor(c: Context): Actor | null;
  /** The caller, or a ready 401 (not signed in) / 403 (wrong role) Response to return as is. */
  requireRole(c: Context, ...roles: Role[]): Actor | Response;
  /** Same as requireRole with every role allowed: any signed-in user. */
  requireUser(c: Context): Actor | Response;
  /** Append to the audit log as the caller (logins, pushes, corrections, quarter changes, exports). */
  audit(c: Context, action: string, target?: string, detail?: string): Promise<void>;
};

/** Context variable the session middleware sets. */
export const ACTOR_KEY = 'actor';

export function actorOf(c: Context): Actor | null {
  return (c.get(ACTOR_KEY as never) as Actor | undefined) ?? null;
}

export function requireRole(c: Context, ...roles: Role[]): Actor | Response {
  const actor = actorOf(c);
  if (!actor) return c.json({ error: 'not signed in: log in first (POST /api/auth/login)' }, 401);
  if (roles.length > 0 && !roles.includes(actor.role)) {
    return c.json({ error: `not allowed: this needs role ${roles.join(' or ')}, you are ${actor.role}` }, 403);
  }
  return actor;
}

export function requireUser(c: Context): Actor | Response {
  return requireRole(c);
}

/** Build the deps object once per app. */
export function makeDeps(store: Store): RouteDeps {
  return {
    store,
    actor: actorOf,
    requireRole,
    requireUser,
    async audit(c, action, target, detail) {
      // The session middleware's actor also carries the username, which reads better in the log.
      const actor = actorOf(c) as (Actor & { username?: string }) | null;
      await store.audit({ actor: actor?.username ?? actor?.userId ?? 'anonymous', action, target, detail });
    },
  };
}
