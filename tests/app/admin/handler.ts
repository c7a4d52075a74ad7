// The real server app (src/server/app.ts: sessions, CSRF, JSON errors, admin routes) over the store
// the harness opened; the admin screens talk to it through globalThis.fetch → app.request().
import { createApp } from '../../../src/server/app';
import type { ServerStore } from '../../../src/server/store';

export async function buildHandler(store: ServerStore, options: { setupToken?: string }) {
  const app = createApp({ store, setupToken: options.setupToken, distDir: '/nonexistent-dist' });
  return async (request: Request) => app.request(request);
}
