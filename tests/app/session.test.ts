// @vitest-environment jsdom
// The session survives no signal: the account (never the password) is remembered, the server is
// asked when it can be reached, an ended session asks for a new sign-in, and a sign-out made offline
// is finished later without the still-valid cookie signing that account back in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCsrfToken, setCsrfToken } from '../../src/app/api';
import { ensureSession, loadRememberedUser, SESSION_KEY, useSession } from '../../src/app/session';
import { signInAs, startServer, type TestServer } from './admin/harness';

let server: TestServer;
beforeEach(async () => {
  localStorage.clear();
  server = await startServer();
});
afterEach(async () => {
  await server.close();
  localStorage.clear();
});

/** A new page load: memory is gone, only what the device stored is left. */
function reload() {
  setCsrfToken(undefined);
  useSession.setState({ user: loadRememberedUser(localStorage.getItem(SESSION_KEY)), checked: false, expired: null });
}

function offline(run: () => Promise<unknown>) {
  const online = globalThis.fetch;
  globalThis.fetch = (async () => {
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;
  return run().finally(() => (globalThis.fetch = online));
}

describe('a session that survives no signal', () => {
  it('remembers the account, never the password, across an offline start', async () => {
    const user = await signInAs(server, 'tester');
    const stored = localStorage.getItem(SESSION_KEY)!;
    expect(stored).not.toContain('correct horse');
    reload();
    expect(useSession.getState().user).toEqual(user);
    await offline(async () => {
      expect(await useSession.getState().refresh()).toBe(false);
      expect(await ensureSession()).toBe('offline');
    });
    expect(useSession.getState().user).toEqual(user);
    // Back online: the server confirms it and hands out the CSRF token every push needs.
    expect(await ensureSession()).toBe('ok');
    expect(getCsrfToken()).toBeTruthy();
  });

  it('an ended session asks to sign in again, naming who', async () => {
    const user = await signInAs(server, 'tester');
    // The server forgets the session (expired, or signed out from another tab).
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': getCsrfToken() ?? '' } });
    reload();
    expect(await ensureSession()).toBe('signedOut');
    expect(useSession.getState().user).toBeNull();
    expect(useSession.getState().expired?.id).toBe(user.id);
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('a sign-out made offline stays signed out once the server is back', async () => {
    await signInAs(server, 'tester');
    await offline(() => useSession.getState().signOut());
    expect(useSession.getState().user).toBeNull();
    reload();
    expect(useSession.getState().user).toBeNull();
    expect(await useSession.getState().refresh()).toBe(true);
    expect(useSession.getState().user).toBeNull();
    // The server ended it too: asking again finds no session.
    expect((await (await fetch('/api/auth/session')).json()).user).toBeNull();
  });

  it('ignores a remembered account that is not well-formed', () => {
    expect(loadRememberedUser('{"id":1}')).toBeNull();
    expect(loadRememberedUser('not json')).toBeNull();
    expect(loadRememberedUser(JSON.stringify({ id: 'u', username: 'x', role: 'boss' }))).toBeNull();
    expect(loadRememberedUser(JSON.stringify({ id: 'u', username: 'x', role: 'tester', unitIds: ['a', 3] }))).toEqual({ id: 'u', username: 'x', role: 'tester', unitIds: ['a'] });
  });
});
