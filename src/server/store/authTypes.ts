// Storage the HTTP layer needs beyond the shared Store contract: credentials, sessions, throttling,
// and the account lifecycle (disable, reset, role and units, own password, revoking sessions).
import type { Role, Store, User } from './types';

export type LockScope = 'address' | 'account';

export type LoginOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'bad-credentials' }
  /** scope: which throttle refused (this address, or this account from this address or from everywhere). */
  | { ok: false; reason: 'locked'; lockedUntil: string; scope: LockScope }
  /** The password-hashing queue is full: try again shortly (HTTP 503). */
  | { ok: false; reason: 'busy' };

/** Where a sign-in comes from: the throttles count per source address as well as per account. */
export interface LoginContext {
  now?: Date;
  /** Normalised source address (see http/clientAddress.ts); 'unknown' when there is none (CLI, tests). */
  address?: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  /** When the session ends if left idle (never after the absolute end). */
  expiresAt: string;
}

export interface LoginLock {
  key: string;
  kind: 'address' | 'account' | 'pair';
  username?: string;
  address?: string;
  failures: number;
  lockedUntil: string;
}

export interface AuthStore {
  getUser(id: string): Promise<User | undefined>;
  /** Checks the throttles, then the password; counts the attempt before hashing (so parallel guesses queue). */
  login(username: string, password: string, context?: LoginContext): Promise<LoginOutcome>;
  /** Returns the cookie value (never stored as such) and the CSRF token. */
  createSession(userId: string, now?: Date): Promise<{ sid: string; csrfToken: string; expiresAt: string }>;
  getSession(sid: string, now?: Date): Promise<Session | undefined>;
  deleteSession(sid: string): Promise<void>;
  /** Ends every session of a user (optionally keeping one); returns how many ended. */
  revokeSessions(userId: string, exceptSid?: string): Promise<number>;
  getUnit(id: string): Promise<import('./types').Unit | undefined>;

  // account lifecycle (admin)
  setUserDisabled(userId: string, disabled: boolean): Promise<User>;
  updateUser(userId: string, changes: { role?: Role; unitIds?: string[]; displayName?: string }): Promise<User>;
  /** A temporary password the user must change at the next sign-in; all their sessions end. */
  resetPassword(userId: string): Promise<{ user: User; temporaryPassword: string }>;
  /** The user's own change: the current password is checked (throttled like a sign-in). */
  changePassword(userId: string, current: string, next: string, context?: LoginContext & { keepSid?: string }): Promise<LoginOutcome>;
  listLoginLocks(now?: Date): Promise<LoginLock[]>;
  /** Clears the throttles of a username (all addresses) or of an address; returns rows cleared. */
  unlockLogin(target: { username?: string; address?: string }): Promise<number>;
}

export type ServerStore = Store &
  AuthStore & {
    /** A cheap round trip to the database (health check). */
    ping(): Promise<void>;
    /** SQLite: the connection's durability pragmas; PostgreSQL: synchronous_commit and fsync. */
    durability(): Promise<Record<string, string>>;
    countPersonalDataBefore(before: string): Promise<number>;
    /** The session lengths this store enforces (the cookie lives as long as the absolute maximum). */
    readonly sessionPolicy: SessionPolicy;
  };

/** Failures of one account from one address before that pair is locked. */
export const LOCKOUT_FAILURES = 5;
/** Failures from one address, across all accounts (password spraying), before the address is locked. */
export const ADDRESS_FAILURES = 20;
/** Failures of one account from all addresses together before the account is locked everywhere. Well above
 *  what one address can reach (LOCKOUT_FAILURES), so a single attacker cannot lock the real user out. */
export const ACCOUNT_FAILURES = 50;
export const LOCKOUT_MS = 15 * 60_000;

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 12 * 3600_000, maxMs: 30 * 24 * 3600_000 };
/** Cookie lifetime: the absolute maximum (the server ends idle sessions itself). */
export const SESSION_MS = DEFAULT_SESSION_POLICY.maxMs;
