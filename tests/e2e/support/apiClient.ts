// A signed-in HTTP client for checking what the server really holds (the journeys' ground truth),
// speaking the documented API: cookie `sid` + `x-csrf-token` on every non-GET call.
import type { Change, PullResponse, PushOp, PushResponse } from '../../../src/sync/protocol';
import { pullPath, pushBody } from '../../support/wire';

export class ApiSession {
  private constructor(
    readonly base: string,
    private cookie: string,
    private csrf: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<ApiSession> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as { csrfToken?: string; error?: string };
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${body.error}`);
    const sid = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('sid='));
    if (!sid) throw new Error('login set no sid cookie');
    return new ApiSession(base, sid, body.csrfToken ?? '');
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  push(clientId: string, ops: PushOp[]): Promise<PushResponse> {
    return this.json('POST', '/api/sync/push', pushBody(clientId, ops));
  }

  /** Every change the caller may see, following the cursor to the end. */
  async pullAll(): Promise<Change[]> {
    const all: Change[] = [];
    let since = 0;
    for (;;) {
      const page = await this.json<PullResponse>('GET', pullPath(`since=${since}&limit=500`));
      all.push(...page.changes);
      since = page.cursor;
      if (!page.more) return all;
    }
  }
}
