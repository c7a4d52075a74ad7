// An app over a real store with a cast of users, and a cookie-keeping client for app.request().
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/server/app';
import type { ServerStore, Unit, User } from '../../src/server/store';
import type { EngineCase } from './fixtures';

type App = { request: Hono['request'] };

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  sid?: string;
  csrf?: string;
  /** The socket's peer address the server sees (as @hono/node-server passes it); none by default. */
  constructor(
    private readonly app: App,
    public address?: string,
  ) {}

  async send<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; raw?: string | Uint8Array; csrf?: string | false; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.sid) headers.cookie = `sid=${this.sid}`;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (options.raw !== undefined) body = options.raw;
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const env = this.address ? { incoming: { socket: { remoteAddress: this.address } } } : undefined;
    const res = await this.app.request(path, { method, headers, body: body as BodyInit | undefined }, env);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /(?:^|,\s*)sid=([^;]*)/.exec(setCookie);
      if (m) this.sid = m[1] || undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.send<T>('GET', path);
  post = <T = any>(path: string, json?: unknown) => this.send<T>('POST', path, json === undefined ? {} : { json });

  async login(username: string, password = passwordOf(username)): Promise<Reply> {
    const reply = await this.send('POST', '/api/auth/login', { json: { username, password } });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }
}

export const passwordOf = (username: string) => `${username}-secret-pw`;

export interface World {
  store: ServerStore;
  app: ReturnType<typeof createApp>;
  unitA: Unit;
  unitB: Unit;
  users: Record<'admin' | 'tester' | 'tester2' | 'head' | 'headB', User>;
  /** A signed-in client for one of the cast (or anonymous). */
  as(who: keyof World['users'] | 'anonymous'): Promise<Client>;
  /** Raw SQL on the world's database (see EngineCase.open). */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export async function makeWorld(
  engine: EngineCase,
  options: Omit<AppOptions, 'store'> = {},
  storeOptions: Parameters<EngineCase['open']>[0] = {},
): Promise<World> {
  const { store, cleanup, query } = await engine.open(storeOptions);
  const unitA = await store.createUnit({ name: '第一課', phone: '02-2343-1700' });
  const unitB = await store.createUnit({ name: '嘉義辦事處' });
  const make = (username: string, role: User['role'], unitIds: string[] = []) => store.createUser({ username, password: passwordOf(username), role, unitIds });
  const users = {
    admin: await make('admin', 'admin'),
    tester: await make('tester', 'tester'),
    tester2: await make('tester2', 'tester'),
    head: await make('head', 'unitHead', [unitA.id]),
    headB: await make('headb', 'unitHead', [unitB.id]),
  };
  const app = createApp({ store, distDir: '/nonexistent-dist', ...options });
  const clients = new Map<string, Client>();
  return {
    store,
    app,
    unitA,
    unitB,
    users,
    async as(who) {
      const client = new Client(app);
      if (who === 'anonymous') return client;
      if (clients.has(who)) return clients.get(who)!;
      const reply = await client.login(users[who].username);
      if (reply.status !== 200) throw new Error(`login as ${who} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      clients.set(who, client);
      return client;
    },
    query: query ?? (() => Promise.reject(new Error('this engine case gives no raw query'))),
    cleanup,
  };
}
