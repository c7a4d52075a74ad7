// Storage the HTTP layer needs beyond the shared Store contract: credentials, sessions, lockout.
import type { Store, User } from './types';

export type LoginOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'locked'; lockedUntil: string };

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface AuthStore {
  getUser(id: string): Promise<User | undefined>;
  /** Checks the password and the lockout (5 failures → 15 minutes); records the failure or clears it. */
  login(username: string, password: string, now?: Date): Promise<LoginOutcome>;
  /** Returns the cookie value (never stored as such) and the CSRF token. */
  createSession(userId: string, now?: Date): Promise<{ sid: string; csrfToken: string; expiresAt: string }>;
  getSession(sid: string, now?: Date): Promise<Session | undefined>;
  deleteSession(sid: string): Promise<void>;
  getUnit(id: string): Promise<import('./types').Unit | undefined>;
}

export type ServerStore = Store & AuthStore;

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_MS = 14 * 24 * 3600_000;
