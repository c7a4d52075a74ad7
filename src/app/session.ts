// Who is signed in on this device. Signing in is optional for testers (tests stay on the device);
// it adds syncing, and it is required for the review, report and admin screens.
import { create } from 'zustand';
import { api, setCsrfToken } from './api';

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
  checked: boolean;
  refresh(): Promise<void>;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** The user's own password change; other sessions of theirs end. */
  changePassword(currentPassword: string, newPassword: string): Promise<SessionUser>;
}

type SessionReply = { user: SessionUser | null; csrfToken?: string };

export const useSession = create<SessionState>((set) => ({
  user: null,
  checked: false,
  async refresh() {
    try {
      const reply = await api<SessionReply>('/api/auth/session');
      setCsrfToken(reply.csrfToken);
      set({ user: reply.user, checked: true });
    } catch {
      // Offline: keep whoever was signed in; the device works without the server.
      set({ checked: true });
    }
  },
  async signIn(username, password) {
    const reply = await api<SessionReply>('/api/auth/login', { body: { username, password } });
    setCsrfToken(reply.csrfToken);
    set({ user: reply.user, checked: true });
    return reply.user!;
  },
  async changePassword(currentPassword, newPassword) {
    const reply = await api<{ user: SessionUser }>('/api/auth/password', { body: { currentPassword, newPassword } });
    set({ user: reply.user });
    return reply.user;
  },
  async signOut() {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(undefined);
    set({ user: null });
  },
}));
