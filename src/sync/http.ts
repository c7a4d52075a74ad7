// The two sync calls over HTTP, and what their failures mean to the engine: signed out (stop),
// offline (retry later), or a server error (retry later, showing its message).
import type { Change, PullResponse, PushOp, PushResult } from './protocol';

export type SyncFailureKind = 'signedOut' | 'offline' | 'server' | 'tooLarge' | 'badReply';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface SyncHttpOptions {
  fetch: typeof fetch;
  baseUrl: string;
  getCsrfToken?: () => string | undefined;
  timeoutMs: number;
}

const STATUSES = new Set(['applied', 'duplicate', 'conflict', 'rejected']);

export async function pushOps(http: SyncHttpOptions, clientId: string, ops: PushOp[]): Promise<PushResult[]> {
  const body = await call(http, 'POST', '/api/sync/push', { clientId, ops });
  const results = (body as { results?: unknown })?.results;
  if (!Array.isArray(results)) throw new SyncFailure('badReply', 'push reply: results must be an array');
  for (const [i, r] of results.entries()) {
    if (!r || typeof r !== 'object' || typeof r.opId !== 'string' || !STATUSES.has(r.status))
      throw new SyncFailure('badReply', `push reply: results[${i}] must be {opId, status: applied|duplicate|conflict|rejected}`);
  }
  return results as PushResult[];
}

export async function pullChanges(http: SyncHttpOptions, since: number, limit: number, clientId?: string): Promise<PullResponse> {
  const own = clientId ? `&clientId=${encodeURIComponent(clientId)}` : '';
  const body = (await call(http, 'GET', `/api/sync/pull?since=${since}&limit=${limit}${own}`)) as Partial<PullResponse> | undefined;
  if (!body || !Array.isArray(body.changes)) throw new SyncFailure('badReply', 'pull reply: changes must be an array');
  if (typeof body.cursor !== 'number' || !Number.isFinite(body.cursor)) throw new SyncFailure('badReply', 'pull reply: cursor must be a number');
  if (typeof body.more !== 'boolean') throw new SyncFailure('badReply', 'pull reply: more must be a boolean');
  for (const [i, c] of body.changes.entries()) {
    if (!c || typeof c !== 'object' || typeof (c as Change).id !== 'string' || typeof (c as Change).rev !== 'number')
      throw new SyncFailure('badReply', `pull reply: changes[${i}] must have an id and a rev`);
  }
  return body as PullResponse;
}

async function call(http: SyncHttpOptions, method: 'GET' | 'POST', path: string, payload?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const token = method !== 'GET' ? http.getCsrfToken?.() : undefined;
  if (token) headers['x-csrf-token'] = token;
  // A request hanging on a dead mobile connection must not block sync forever.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), http.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await http.fetch(http.baseUrl + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (e) {
    throw new SyncFailure('offline', `server unreachable: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    if (response.ok) throw new SyncFailure('badReply', `${path}: the reply is not JSON`, response.status);
  }
  if (!response.ok) {
    const message = (body as { error?: unknown } | undefined)?.error;
    const text = typeof message === 'string' ? message : `HTTP ${response.status}`;
    if (response.status === 401) throw new SyncFailure('signedOut', text, 401);
    if (response.status === 413) throw new SyncFailure('tooLarge', text, 413);
    throw new SyncFailure('server', text, response.status);
  }
  return body;
}
