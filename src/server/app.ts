// The one HTTP app: API under /api (sessions, CSRF, size limit, JSON errors) and the built PWA.
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerStore } from './store';
import { makeDeps } from './routes/deps';
import { reportRoutes } from './routes/reports';
import { errorHandler, type Logger } from './http/errors';
import { sessionMiddleware, csrfMiddleware, requestInfoMiddleware, type AppEnv } from './http/session';
import { securityHeaders } from './http/headers';
import { parseTrustProxy, type ProxyTrust } from './http/requestInfo';
import { authRoutes, type SetupToken } from './http/auth';
import { adminRoutes } from './http/admin';
import { syncRoutes } from './http/sync';
import { sheetRoutes, sheetsLoaded } from './http/sheets';
import { serveDist } from './http/static';
import { openApiDocument } from './http/openapi';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  store: ServerStore;
  /** The built PWA (default ./dist). */
  distDir?: string;
  /** The one-time first-admin token; only meaningful while the store has no users. */
  setupToken?: string;
  /** Where errors and request lines go (default: nowhere). Never given bodies or query strings. */
  log?: Logger;
  maxBodyBytes?: number;
  /** Whose x-forwarded-* headers to believe (TRUST_PROXY: "loopback" or addresses); default: nobody's. */
  trustProxy?: ProxyTrust | string;
}

export function createApp(options: AppOptions) {
  const { store } = options;
  const log = options.log ?? (() => {});
  const setup: SetupToken = { value: options.setupToken };
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const trust = typeof options.trustProxy === 'string' ? parseTrustProxy(options.trustProxy) : options.trustProxy;
  const app = new Hono<AppEnv>();
  app.onError(errorHandler(log));
  app.use('*', requestInfoMiddleware(trust));
  app.use('*', securityHeaders());

  if (options.log) {
    app.use('*', async (c, next) => {
      const started = Date.now();
      await next();
      // Path only: query strings and bodies may carry personal data.
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms`);
    });
  }

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({ maxSize: maxBytes, onError: (c) => c.json({ error: `body: larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit` }, 413) }),
  );
  app.use('/api/*', sessionMiddleware(store));
  app.use('/api/*', csrfMiddleware());

  // Published sheet versions join the registry before any route needs them (sync, reports).
  app.use('/api/*', sheetsLoaded(store));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/api', authRoutes(store, setup));
  app.route('/api', adminRoutes(store));
  app.route('/api', syncRoutes(store));
  app.route('/api', sheetRoutes(store));
  app.route('/api', reportRoutes(makeDeps(store)));
  app.all('/api/*', (c) => c.json({ error: `${c.req.method} ${c.req.path}: no such endpoint (see /api/openapi.json)` }, 404));

  app.all('*', serveDist(options.distDir ?? resolve('dist')));
  return app;
}
