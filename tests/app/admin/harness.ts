// Test harness for the admin screens: a real in-memory HTTP handler over a temp SQLite store, with
// globalThis.fetch routed to it and a cookie jar, so the browser code (api.ts, session.ts) runs
// unchanged against real storage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type ServerStore } from '../../../src/server/store';
import { setCsrfToken } from '../../../src/app/api';
import { useSession } from '../../../src/app/session';
import { buildHandler } from './handler';

export interface TestServer {
  store: ServerStore;
  /** Requests the app made, for assertions on what was sent. */
  requests: { method: string; path: string; body?: unknown }[];
  setupToken?: string;
  close(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response>;

export async function startServer(options: { setupToken?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'admin-ui-'));
  const store = await openStore({ file: join(dir, 'test.sqlite') });
  const handler: Handler = await buildHandler(store, options);
  const requests: TestServer['requests'] = [];
  let cookie = '';
  const original = globalThis.fetch;

  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const bodyText = typeof init?.body === 'string' ? init.body : undefined;
    requests.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, body: bodyText ? JSON.parse(bodyText) : undefined });
    const response = await handler(new Request(url, { method: init?.method, headers, body: bodyText, signal: init?.signal ?? undefined }));
    // Keep the session cookie like a browser would (only its name=value part matters here).
    const set = response.headers.get('set-cookie');
    if (set) {
      const pair = set.split(';')[0];
      cookie = /=$/.test(pair) || /max-age=0/i.test(set) ? '' : pair;
    }
    return response;
  }) as typeof fetch;

  return {
    store,
    requests,
    setupToken: options.setupToken,
    async close() {
      globalThis.fetch = original;
      setCsrfToken(undefined);
      useSession.setState({ user: null, checked: false });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an account straight in the store and signs in through the app's own session code. */
export async function signInAs(server: TestServer, role: 'admin' | 'tester' | 'unitHead' = 'admin', unitIds: string[] = []) {
  const username = `${role.toLowerCase()}${Math.random().toString(36).slice(2, 8)}`;
  const password = 'correct horse battery';
  await server.store.createUser({ username, password, role, unitIds, displayName: `${role} 測試` });
  return useSession.getState().signIn(username, password);
}

/** Waits until the (always present) live region of the given role says `text`. */
export async function expectLive(role: 'status' | 'alert', text: string | RegExp): Promise<void> {
  const { screen, waitFor } = await import('@testing-library/react');
  const { expect } = await import('vitest');
  await waitFor(() => expect(screen.getAllByRole(role).map((e) => e.textContent).join(' | ')).toMatch(text), { timeout: 5000 });
}
