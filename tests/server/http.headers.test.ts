// Issue 12, headers and origin: CSP (script-src 'self', no inline script in the first screen),
// frame-ancestors 'none', nosniff, Referrer-Policy, Permissions-Policy on every response; HSTS only over
// HTTPS; the Origin must match scheme and host exactly, and `null` is refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { engines } from './fixtures';
import { Client, makeWorld, type World } from './harness';
import { createApp } from '../../src/server/app';
import { render as prerender } from '../../src/app/prerender/entry';

const root = resolve(__dirname, '../..');

function expectSecurityHeaders(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('permissions-policy')).toMatch(/camera=\(\)/);
  expect(headers.get('permissions-policy')).toMatch(/microphone=\(\)/);
}

for (const engine of engines) {
  describe.skipIf(engine.skip)(`security headers and origin on ${engine.name}`, () => {
    let world: World;
    let dist: string;
    beforeAll(async () => {
      dist = mkdtempSync(join(tmpdir(), 'courtesy-dist-'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title><script type="module" src="/assets/a.js"></script>');
      world = await makeWorld(engine, { distDir: dist });
    });
    afterAll(async () => {
      await world.cleanup();
      rmSync(dist, { recursive: true, force: true });
    });

    it('sends them on API replies, errors and the static app; no HSTS over plain HTTP', async () => {
      const client = await world.as('tester');
      for (const path of ['/api/units', '/api/openapi.json', '/api/nope', '/', '/index.html', '/missing.js']) {
        const reply = await client.get(path);
        expectSecurityHeaders(reply.headers);
        expect(reply.headers.get('strict-transport-security'), path).toBeNull();
      }
      const anon = await new Client(world.app).get('/api/units');
      expect(anon.status).toBe(401);
      expectSecurityHeaders(anon.headers);
    });

    it('sends HSTS when the request came over HTTPS', async () => {
      const reply = await world.app.request('https://courtesy.example/api/auth/session');
      expect(reply.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    });

    it('refuses a mutation whose Origin differs in scheme or host, or is null; accepts our own', async () => {
      const admin = await world.as('admin');
      const tryOrigin = (origin: string) => admin.send('POST', '/api/units', { json: { name: `課 ${origin.length}${Math.random()}` }, headers: { origin } });
      for (const origin of ['null', 'https://localhost', 'http://evil.example', 'http://localhost.evil.example', 'http://localhost:8443', 'not a url']) {
        const reply = await tryOrigin(origin);
        expect(reply.status, origin).toBe(403);
        expect(reply.body.error).toMatch(/origin/);
      }
      expect((await tryOrigin('http://localhost')).status).toBe(201);
      // Without an Origin (curl, the CLI's HTTP clients) the CSRF token still decides.
      expect((await admin.post('/api/units', { name: '第三課' })).status).toBe(201);
      // The sign-in itself is refused from a foreign page too (login CSRF).
      const foreign = await new Client(world.app).send('POST', '/api/auth/login', { json: { username: 'tester', password: 'x' }, headers: { origin: 'http://evil.example' } });
      expect(foreign.status).toBe(403);
    });

    it('believes x-forwarded-host/-proto for the origin check only from a trusted proxy', async () => {
      const admin = await world.as('admin');
      const headers = { origin: 'https://courtesy.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'courtesy.example' };
      expect((await admin.send('POST', '/api/units', { json: { name: '第四課' }, headers })).status).toBe(403);
      const behindProxy = new Client(createApp({ store: world.store, trustProxy: 'loopback' }), '127.0.0.1');
      await behindProxy.login('admin');
      expect((await behindProxy.send('POST', '/api/units', { json: { name: '第五課' }, headers })).status).toBe(201);
    });

    it('gives the print views a policy that allows exactly their own <style>', async () => {
      const admin = await world.as('admin');
      for (const path of ['/api/review.html?quarter=115-Q4', '/api/report/annual.html?year=115']) {
        const reply = await admin.get(path);
        expect(reply.status).toBe(200);
        const csp = reply.headers.get('content-security-policy')!;
        expect(csp).toMatch(/script-src 'self'/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        const style = /<style>([\s\S]*?)<\/style>/.exec(reply.body as string)![1];
        expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
        expect(reply.body as string).not.toMatch(/<script/);
      }
    });
  });
}

describe('the first screen', () => {
  it('has no inline script: index.html loads only the module, and the prerendered screen adds none', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    const first = prerender();
    expect(first).not.toMatch(/<script/i);
    expect(first).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    expect(first).not.toMatch(/\sstyle="/i); // style-src 'self' would drop inline style attributes
  });
});
