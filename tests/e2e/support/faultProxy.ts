// A loopback proxy in front of the server that can break one exchange on purpose. The browser talks
// only to the proxy, so "the server committed the push but the phone never heard back" is real: the
// request reaches the server, its whole reply is read, and then the phone's connection is cut.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Matcher {
  method: string;
  path: string;
}

export const PUSH: Matcher = { method: 'POST', path: '/api/sync/push' };

/** What the server answered to a request whose reply the proxy threw away. */
export interface DroppedReply {
  status: number;
  body: string;
  requestBody: string;
}

/** One request through the proxy that matched a watched route, with what came back (if anything). */
export interface Exchange {
  method: string;
  path: string;
  requestBody: string;
  status?: number;
  responseBody?: string;
  /** What the proxy did to it. */
  fault?: 'dropped' | 'held' | 'upstreamDown';
}

interface Armed {
  match: Matcher;
  kind: 'drop' | 'hold';
  resolve: (value: DroppedReply) => void;
  release?: Promise<void>;
}

export interface FaultProxy {
  url: string;
  /** Point the proxy at another server (e.g. after a restart on a new port). */
  setTarget(target: string): void;
  /** The next matching request is forwarded and committed; its reply is dropped (connection reset). */
  dropNextReply(match?: Matcher): Promise<DroppedReply>;
  /**
   * The next matching request waits at the proxy until `release()`; `arrived` resolves when it is
   * held. Used to stop or restart the server while a sync is in flight.
   */
  holdNext(match?: Matcher): { arrived: Promise<DroppedReply>; release(): void };
  /** How many matching requests reached the proxy so far. */
  count(match: Matcher): number;
  /** Every push (and other API POST) exchange so far, in order, bodies included. */
  exchanges(match?: Matcher): Exchange[];
  close(): Promise<void>;
}

function matches(m: Matcher, req: IncomingMessage): boolean {
  return req.method === m.method && (req.url ?? '').split('?')[0] === m.path;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('end', () => ok(Buffer.concat(parts)));
    stream.on('error', fail);
  });
}

export async function startFaultProxy(initialTarget: string): Promise<FaultProxy> {
  let target = new URL(initialTarget);
  const armed: Armed[] = [];
  const seen: { method: string; path: string }[] = [];
  const log: Exchange[] = [];

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ res: IncomingMessage; body: Buffer }> =>
    new Promise((ok, fail) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (res) => readAll(res).then((b) => ok({ res, body: b }), fail),
      );
      upstream.on('error', fail);
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] });
    const body = await readAll(req);
    const exchange: Exchange | undefined = req.method !== 'GET' && (req.url ?? '').startsWith('/api/')
      ? { method: req.method ?? '', path: (req.url ?? '').split('?')[0], requestBody: body.toString() }
      : undefined;
    if (exchange) log.push(exchange);
    const index = armed.findIndex((a) => matches(a.match, req));
    const fault = index >= 0 ? armed.splice(index, 1)[0] : undefined;
    if (fault?.kind === 'hold') {
      if (exchange) exchange.fault = 'held';
      fault.resolve({ status: 0, body: '', requestBody: body.toString() });
      await fault.release;
    }
    let reply: { res: IncomingMessage; body: Buffer };
    try {
      reply = await forward(req, body);
    } catch {
      if (exchange) exchange.fault = 'upstreamDown';
      // The server is down: the phone sees what it would see from a dead server behind a gateway.
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'upstream unavailable' }));
      return;
    }
    if (exchange) {
      exchange.status = reply.res.statusCode;
      exchange.responseBody = reply.body.toString();
    }
    if (fault?.kind === 'drop') {
      if (exchange) exchange.fault = 'dropped';
      fault.resolve({ status: reply.res.statusCode ?? 0, body: reply.body.toString(), requestBody: body.toString() });
      req.socket.destroy();
      return;
    }
    const headers = { ...reply.res.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(reply.body.length);
    res.writeHead(reply.res.statusCode ?? 502, reply.res.statusMessage, headers);
    res.end(reply.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(next) {
      target = new URL(next);
    },
    dropNextReply(match = PUSH) {
      return new Promise((resolve) => armed.push({ match, kind: 'drop', resolve }));
    },
    holdNext(match = PUSH) {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const arrived = new Promise<DroppedReply>((resolve) => armed.push({ match, kind: 'hold', resolve, release: released }));
      return { arrived, release };
    },
    count(match) {
      return seen.filter((s) => s.method === match.method && s.path === match.path).length;
    },
    exchanges(match) {
      return log.filter((x) => !match || (x.method === match.method && x.path === match.path));
    },
    close() {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
