// A small but faithful implementation of the sync contract (src/sync/protocol.ts, src/server/http)
// on a real node:http server, for testing the engine's network behaviour: session cookie + CSRF,
// exactly-once by opId, conflicts on a stale baseRev, tombstones, paging, and injectable faults
// (a reply cut off after the commit, 5xx, 413, broken JSON).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Change, PushOp, PushResult, ServerRecord } from '../../src/sync/protocol';

export interface Fault {
  /** Which calls it hits. */
  path: '/api/sync/push' | '/api/sync/pull';
  /** 'cut': commit, then destroy the socket before replying; a number: reply with that status. */
  kind: 'cut' | 'badJson' | number;
}

export class ContractServer {
  readonly records = new Map<string, ServerRecord | (Change & { deleted: true })>();
  readonly ops = new Map<string, { rev: number; seq: number }>();
  readonly requests: { method: string; path: string; csrf?: string; opCount?: number }[] = [];
  readonly faults: Fault[] = [];
  readonly sessions = new Map<string, string>(); // sid → csrf token
  /** Largest push the server accepts; bigger gets 413. */
  maxOps = 500;
  private seq = 0;
  private server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A signed-in session: the cookie to send and the CSRF token. */
  signIn(): { cookie: string; csrf: string } {
    const sid = crypto.randomUUID();
    const csrf = crypto.randomUUID();
    this.sessions.set(sid, csrf);
    return { cookie: `sid=${sid}`, csrf };
  }

  /** Someone else changes a test on the server (another device, an admin). */
  serverEdit(id: string, patch: Partial<ServerRecord>): ServerRecord {
    const current = this.records.get(id) as ServerRecord;
    const next = { ...current, ...patch, rev: current.rev + 1, seq: ++this.seq };
    this.records.set(id, next);
    return next;
  }

  serverDelete(id: string): void {
    const current = this.records.get(id)!;
    this.records.set(id, { id, deleted: true, rev: current.rev + 1, seq: ++this.seq });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const csrf = req.headers['x-csrf-token'] as string | undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry: (typeof this.requests)[number] = { method: req.method ?? '', path: url.pathname, csrf };
    this.requests.push(entry);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!sid || !this.sessions.has(sid)) return send(401, { error: 'not signed in' });

    const faultIndex = this.faults.findIndex((f) => f.path === url.pathname);
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (typeof fault?.kind === 'number') return send(fault.kind, { error: `injected failure ${fault.kind}` });
    if (fault?.kind === 'badJson') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"results": [');
    }

    if (req.method === 'POST' && url.pathname === '/api/sync/push') {
      if (csrf !== this.sessions.get(sid)) return send(403, { error: 'x-csrf-token: missing or wrong' });
      let body: { clientId?: unknown; ops?: unknown };
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, { error: 'body: not valid JSON' });
      }
      if (typeof body.clientId !== 'string') return send(400, { error: 'clientId: must be a string' });
      if (!Array.isArray(body.ops)) return send(400, { error: 'ops: must be an array' });
      entry.opCount = body.ops.length;
      if (body.ops.length > this.maxOps) return send(413, { error: `ops: at most ${this.maxOps} per push` });
      const results = (body.ops as PushOp[]).map((op) => this.apply(op));
      if (fault?.kind === 'cut') {
        res.destroy(); // committed, but the device never hears back
        return;
      }
      return send(200, { results });
    }
    if (req.method === 'GET' && url.pathname === '/api/sync/pull') {
      const since = Number(url.searchParams.get('since') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const all = [...this.records.values()].filter((r) => r.seq > since).sort((a, b) => a.seq - b.seq);
      const changes = all.slice(0, limit);
      const cursor = changes.length ? changes[changes.length - 1].seq : since;
      return send(200, { changes, cursor, more: all.length > changes.length });
    }
    return send(404, { error: 'no such endpoint' });
  }

  /** Apply one op exactly as the push endpoint does (also used directly by the property test). */
  apply(op: PushOp): PushResult {
    const seen = this.ops.get(op.opId);
    if (seen) return { opId: op.opId, status: 'duplicate', ...seen };
    const { baseRev, ...record } = op.record;
    if (typeof record.id !== 'string') return { opId: op.opId, status: 'rejected', error: 'record.id: must be a string' };
    if (record.unitName === 'CLOSED') return { opId: op.opId, status: 'rejected', error: 'quarter 115-Q3 is closed: its tests are read-only' };
    const existing = this.records.get(record.id);
    const currentRev = existing?.rev ?? 0;
    if (baseRev !== currentRev) {
      return {
        opId: op.opId,
        status: 'conflict',
        rev: currentRev,
        ...(existing && !('deleted' in existing && existing.deleted && !('answers' in existing)) ? { record: existing as ServerRecord } : {}),
        error: `record.baseRev: ${baseRev} is stale, the server has rev ${currentRev}`,
      };
    }
    const rev = currentRev + 1;
    const seq = ++this.seq;
    if (record.deleted) this.records.set(record.id, { id: record.id, deleted: true, rev, seq });
    else this.records.set(record.id, { ...record, rev, seq, score: null, quarter: '115-Q4' });
    this.ops.set(op.opId, { rev, seq });
    return { opId: op.opId, status: 'applied', rev, seq };
  }
}

/** fetch as a signed-in browser would send it: the session cookie on every request. */
export function browserFetch(cookie: string): typeof fetch {
  return (input, init = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
}
