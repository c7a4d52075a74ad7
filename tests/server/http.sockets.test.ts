// Issue 12: the throttles see the real source address of a TCP connection. The server listens on
// 127.0.0.1; the attacker connects from 127.0.0.2 and the real user from 127.0.0.3 (loopback is the
// whole 127.0.0.0/8). Both engines.
import { describe, it, expect } from 'vitest';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/app';
import { engines } from './fixtures';

function post(port: number, from: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

for (const engine of engines) {
  describe.skipIf(engine.skip)(`throttling by the real source address on ${engine.name}`, () => {
    it('locks 127.0.0.2 after its guesses while 127.0.0.3 signs in; forwarded headers are ignored without TRUST_PROXY', { timeout: 60_000 }, async () => {
      const { store, cleanup } = await engine.open();
      await store.createUser({ username: 'chen', password: 'chen-real-password', role: 'tester' });
      const server = serve({ fetch: createApp({ store }).fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
      const { port } = server.address() as AddressInfo;
      try {
        const guesses = [];
        // The attacker also claims to be someone else: without TRUST_PROXY the header changes nothing.
        for (let i = 0; i < 8; i++) guesses.push(await post(port, '127.0.0.2', '/api/auth/login', { username: 'chen', password: `guess-${i}-xyz` }, { 'x-forwarded-for': `198.51.100.${i}` }));
        expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 423, 423, 423, 423]);
        expect((await post(port, '127.0.0.2', '/api/auth/login', { username: 'chen', password: 'chen-real-password' })).status).toBe(423);
        expect((await post(port, '127.0.0.3', '/api/auth/login', { username: 'chen', password: 'chen-real-password' })).status).toBe(200);
        expect(await store.listLoginLocks()).toEqual([expect.objectContaining({ kind: 'pair', username: 'chen', address: '127.0.0.2' })]);
      } finally {
        await new Promise((r) => server.close(r));
        await cleanup();
      }
    });
  });
}
