// `npm start` / `npm run serve`: one process serving the built PWA and the API.
// PORT (default 8080); DATABASE_URL=postgres://… for PostgreSQL, else SQLite under DATA_DIR (default ./data).
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openStore } from './store';
import { createApp } from './app';
import { OWASP_SCRYPT_N, SCRYPT } from './store/passwords';

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

/** SESSION_IDLE_HOURS (default 12) and SESSION_MAX_DAYS (default 30). */
function sessionPolicyFromEnv() {
  const read = (name: string, unitMs: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!(n > 0)) throw new Error(`${name}: must be a positive number, not ${raw}`);
    return n * unitMs;
  };
  const idleMs = read('SESSION_IDLE_HOURS', 3600_000);
  const maxMs = read('SESSION_MAX_DAYS', 24 * 3600_000);
  return { ...(idleMs ? { idleMs } : {}), ...(maxMs ? { maxMs } : {}) };
}

async function main() {
  if (SCRYPT.N < OWASP_SCRYPT_N) console.warn(`warning: SCRYPT_LOG_N makes password hashes weaker than OWASP's minimum (N=2^17); unset it outside tests`);
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: must be a port number, not ${process.env.PORT}`);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined, session: sessionPolicyFromEnv() });
  const setupToken = (await store.countUsers()) === 0 ? randomBytes(24).toString('base64url') : undefined;
  const app = createApp({ store, setupToken, log, distDir: process.env.DIST_DIR, trustProxy: process.env.TRUST_PROXY });
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST }, (info) => {
    console.log(`電話禮貌測試 server listening on http://localhost:${info.port} (storage: ${store.engine})`);
    if (setupToken) {
      console.log('No users yet. Create the first admin (one-time link):');
      console.log(`  http://localhost:${info.port}/#/setup?token=${setupToken}`);
    }
  });
  const stop = () => {
    server.close(() => void store.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`server failed to start: ${(e as Error).message}`);
  process.exit(1);
});
