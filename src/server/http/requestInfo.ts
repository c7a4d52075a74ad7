// Who is on the other end of the socket, and what scheme and host the browser used. Forwarded headers
// (x-forwarded-for/-proto/-host) are believed only when the direct peer is a proxy named in TRUST_PROXY:
// anyone can send those headers, so without that setting they are ignored entirely.
import type { Context } from 'hono';

export interface ProxyTrust {
  /** Exact peer addresses (normalised) whose forwarded headers are believed; 'loopback' stands for 127.0.0.0/8 and ::1. */
  proxies: string[];
}

/** TRUST_PROXY: unset/empty → trust nobody; "loopback" or a comma list of addresses. */
export function parseTrustProxy(value: string | undefined): ProxyTrust | undefined {
  const proxies = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s === 'loopback' ? s : normaliseAddress(s)));
  return proxies.length ? { proxies } : undefined;
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) as IPv4; other IPv6 addresses by their /64, so one host cannot
 *  dodge the per-address throttle by walking its own prefix. */
export function normaliseAddress(raw: string): string {
  const a = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) return a;
  if (a === '::1') return a;
  if (a.includes(':')) {
    const [head, tail = ''] = a.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const full = a.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
    return `${full.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return a.slice(0, 100) || 'unknown';
}

const isLoopback = (a: string) => a === '::1' || /^127\./.test(a);

function trusted(peer: string, trust: ProxyTrust | undefined): boolean {
  if (!trust) return false;
  return trust.proxies.some((p) => (p === 'loopback' ? isLoopback(peer) : p === peer));
}

function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const raw = env?.incoming?.socket?.remoteAddress;
  return raw ? normaliseAddress(raw) : 'unknown';
}

export interface RequestInfo {
  /** The client's address (normalised), for throttling and nothing else. */
  address: string;
  https: boolean;
  /** scheme://host as the browser saw it. */
  origin: string;
}

export function requestInfo(c: Context, trust: ProxyTrust | undefined): RequestInfo {
  const peer = peerAddress(c);
  const url = new URL(c.req.url);
  let scheme = url.protocol.replace(':', '');
  let host = c.req.header('host') ?? url.host;
  let address = peer;
  if (trusted(peer, trust)) {
    // The right-most forwarded address that is not one of our proxies is the client.
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(normaliseAddress);
    for (let i = chain.length - 1; i >= 0; i--) {
      address = chain[i];
      if (!trusted(chain[i], trust)) break;
    }
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
    if (proto === 'https' || proto === 'http') scheme = proto;
    const fwdHost = c.req.header('x-forwarded-host')?.split(',')[0].trim();
    if (fwdHost) host = fwdHost;
  }
  return { address, https: scheme === 'https', origin: `${scheme}://${host.toLowerCase()}` };
}
