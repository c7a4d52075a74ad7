// The two sync calls over HTTP, and what their failures mean to the engine: signed out (stop),
// offline (retry later), or a server error (retry later, showing its message).
import { sheets } from '../scoresheet';
import { PROTOCOL_VERSION, sheetKey, type PullResponse, type PushOp, type PushResult } from './protocol';

export type SyncFailureKind = 'signedOut' | 'offline' | 'server' | 'tooLarge' | 'badReply' | 'outdated';

/** The sheet versions this app can render: sent with every push and pull. */
export function renderableSheets(): Array<{ id: string; version: number }> {
  return Object.values(sheets).map((s) => ({ id: s.id, version: s.version }));
}

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status?: number,
    /** The server's message as data, in both languages (its 4xx bodies carry it). */
    readonly said?: { zh: string; en: string },
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
  const body = await call(http, 'POST', '/api/sync/push', { protocol: PROTOCOL_VERSION, clientId, sheets: renderableSheets(), ops });
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
  const versions = encodeURIComponent(renderableSheets().map(sheetKey).join(','));
  const body = (await call(http, 'GET', `/api/sync/pull?protocol=${PROTOCOL_VERSION}&sheets=${versions}&since=${since}&limit=${limit}${own}`)) as Partial<PullResponse> | undefined;
  if (!body || !Array.isArray(body.changes)) throw new SyncFailure('badReply', 'pull reply: changes must be an array');
  if (typeof body.cursor !== 'number' || !Number.isFinite(body.cursor)) throw new SyncFailure('badReply', 'pull reply: cursor must be a number');
  if (typeof body.more !== 'boolean') throw new SyncFailure('badReply', 'pull reply: more must be a boolean');
  // Each change is checked one by one when it is stored (one bad record is set aside, never
  // aborting the page), so only the page's own fields are checked here.
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
    const { error: message, message: said } = (body ?? {}) as { error?: unknown; message?: { zh?: unknown; en?: unknown } };
    const text = typeof message === 'string' ? message : `HTTP ${response.status}`;
    const both = said && typeof said.zh === 'string' && typeof said.en === 'string' ? { zh: said.zh, en: said.en } : undefined;
    const kind: SyncFailureKind = response.status === 401 ? 'signedOut' : response.status === 426 ? 'outdated' : response.status === 413 ? 'tooLarge' : 'server';
    throw new SyncFailure(kind, text, response.status, both);
  }
  return body;
}
