// Who is signed in on this device. Signing in is optional for testers (tests stay on the device);
// it adds syncing, and it is required for the review, report and admin screens.
//
// The account (never the password) is remembered on the device, so a tester who signed in yesterday
// and opens the app without signal is still signed in: the name is prefilled, tests are credited to
// them, and sync starts the moment the network is back. The server stays the judge: whenever it can
// be reached (start, reconnect, becoming visible, before a sync) the session is checked, and an
// ended session asks to sign in again without touching the queued tests.
import { create } from 'zustand';
import { ApiError, api, getCsrfToken, setCsrfToken } from './api';

export type Role = 'tester' | 'unitHead' | 'admin';

export interface SessionUser {
  id: string;
  username: string;
  displayName?: string;
  role: Role;
  unitIds: string[];
  /** After an admin reset: the server allows nothing but setting a new password. */
  mustChangePassword?: boolean;
}

interface SessionState {
  user: SessionUser | null;
  /** The server confirmed (or denied) the session during this page's life. */
  checked: boolean;
  /** The server said this account's session ended: ask them to sign in again (their tests wait). */
  expired: SessionUser | null;
  /** Asks the server; offline keeps the remembered account. Resolves to whether the server answered. */
  refresh(): Promise<boolean>;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** The user's own password change; other sessions of theirs end. */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionUser>;
}

type SessionReply = { user: SessionUser | null; csrfToken?: string };

export const SESSION_KEY = 'courtesy.session';
/**
 * Signed out while offline: the server's session cookie may still be valid, and the next check must
 * not sign that account back in. Until the server confirms the logout (or someone signs in), no
 * server session is adopted.
 */
const LOGOUT_PENDING_KEY = 'courtesy.logoutPending';

function logoutPending(): boolean {
  try {
    return globalThis.localStorage?.getItem(LOGOUT_PENDING_KEY) === '1';
  } catch {
    return false;
  }
}

function setLogoutPending(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(LOGOUT_PENDING_KEY, '1');
    else globalThis.localStorage?.removeItem(LOGOUT_PENDING_KEY);
  } catch {
    /* private mode */
  }
}

/** The remembered account, if well-formed (the storage is the user's to edit). */
export function loadRememberedUser(raw: string | null | undefined): SessionUser | null {
  if (!raw) return null;
  try {
    const u = JSON.parse(raw) as Partial<SessionUser>;
    if (!u || typeof u.id !== 'string' || typeof u.username !== 'string') return null;
    if (u.role !== 'tester' && u.role !== 'unitHead' && u.role !== 'admin') return null;
    return {
      id: u.id,
      username: u.username,
      ...(typeof u.displayName === 'string' ? { displayName: u.displayName } : {}),
      role: u.role,
      unitIds: Array.isArray(u.unitIds) ? u.unitIds.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return null;
  }
}

function remember(user: SessionUser | null): void {
  try {
    if (user) globalThis.localStorage?.setItem(SESSION_KEY, JSON.stringify(user));
    else globalThis.localStorage?.removeItem(SESSION_KEY);
  } catch {
    /* private mode: remembered for this visit only */
  }
}

function readRemembered(): SessionUser | null {
  try {
    return loadRememberedUser(globalThis.localStorage?.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

let inFlight: Promise<boolean> | null = null;

/** End the server's session; after an offline start the CSRF token is fetched first. */
async function serverLogout(): Promise<boolean> {
  try {
    if (!getCsrfToken()) {
      const reply = await api<SessionReply>('/api/auth/session');
      setCsrfToken(reply.csrfToken);
      if (!reply.user) return true;
    }
    await api('/api/auth/logout', { method: 'POST' });
    return true;
  } catch {
    return false;
  }
}

export const useSession = create<SessionState>((set, get) => ({
  user: readRemembered(),
  checked: false,
  expired: null,
  refresh() {
    // Start, reconnect and a sync may all ask at once: one request answers them all.
    inFlight ??= (async () => {
      try {
        if (logoutPending()) {
          // Finish the sign-out the server never heard of; until it has, adopt no session.
          if (!(await serverLogout())) return false;
          setLogoutPending(false);
          setCsrfToken(undefined);
          set({ user: null, checked: true });
          return true;
        }
        const reply = await api<SessionReply>('/api/auth/session');
        setCsrfToken(reply.csrfToken);
        const before = get().user;
        if (reply.user) {
          remember(reply.user);
          set({ user: reply.user, checked: true, expired: null });
        } else {
          remember(null);
          // The server no longer knows this device's session: say so, keep their tests queued.
          set({ user: null, checked: true, expired: before ?? get().expired });
        }
        return true;
      } catch (e) {
        // Offline (or the server is down): keep whoever was signed in; the device works without it.
        if (e instanceof ApiError && e.status === 401) {
          const before = get().user;
          remember(null);
          set({ user: null, checked: true, expired: before ?? get().expired });
          return true;
        }
        return false;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  },
  async signIn(username, password) {
    const reply = await api<SessionReply>('/api/auth/login', { body: { username, password } });
    setLogoutPending(false);
    setCsrfToken(reply.csrfToken);
    remember(reply.user);
    set({ user: reply.user, checked: true, expired: null });
    return reply.user!;
  },
  async changePassword(currentPassword, newPassword) {
    const reply = await api<{ user: SessionUser }>('/api/auth/password', { body: { currentPassword, newPassword } });
    set({ user: reply.user });
    return reply.user;
  },
  async signOut() {
    setLogoutPending(!(await serverLogout()));
    setCsrfToken(undefined);
    remember(null);
    set({ user: null, expired: null });
  },
}));

/**
 * Before a sync: a remembered account whose session this page has not confirmed yet (an offline
 * start) is checked first, which also fetches the CSRF token every push needs.
 * Returns 'ok', 'offline' (try later) or 'signedOut' (the server ended the session).
 */
export async function ensureSession(): Promise<'ok' | 'offline' | 'signedOut'> {
  const s = useSession.getState();
  if (s.user && s.checked && getCsrfToken()) return 'ok';
  const answered = await s.refresh();
  if (!answered) return 'offline';
  return useSession.getState().user ? 'ok' : 'signedOut';
}

/** Check again whenever the server may be reachable again (reconnect, app shown again). */
export function watchSession(win: Pick<Window, 'addEventListener'> = window, doc: Pick<Document, 'addEventListener' | 'visibilityState'> = document): void {
  win.addEventListener('online', () => void useSession.getState().refresh());
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible' && !useSession.getState().checked) void useSession.getState().refresh();
  });
}
