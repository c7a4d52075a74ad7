// One process serves the built PWA next to the API: files, SPA fallback, cache headers, and the OpenAPI document.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engines } from './fixtures';
import { createApp } from '../../src/server/app';
import type { ServerStore } from '../../src/server/store';

describe('serving the PWA', () => {
  let dist: string;
  let store: ServerStore;
  let cleanup: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'courtesy-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>電話禮貌測試</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    ({ store, cleanup } = await engines[0].open());
    app = createApp({ store, distDir: dist });
  });
  afterAll(async () => {
    await cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html and sw.js uncached, hashed assets for a year', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('電話禮貌測試');
    const sw = await app.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    const asset = await app.request('/assets/app-abc123.js');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await app.request('/manifest.webmanifest')).headers.get('content-type')).toMatch(/manifest\+json/);
  });

  it('falls back to index.html for app routes but not for missing files', async () => {
    const route = await app.request('/review/115-Q4');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside dist', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2fetc/passwd']) {
      const reply = await app.request(path);
      expect(await reply.text()).not.toContain('"name"');
      expect(reply.status === 404 || (reply.status === 200 && reply.headers.get('content-type')!.includes('html'))).toBe(true);
    }
  });

  it('describes every API endpoint in /api/openapi.json', async () => {
    const reply = await app.request('/api/openapi.json');
    expect(reply.status).toBe(200);
    const doc = (await reply.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/auth/session', 'get'],
      ['/api/setup/status', 'get'],
      ['/api/setup/first-admin', 'post'],
      ['/api/units', 'get'],
      ['/api/units', 'post'],
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/sync/push', 'post'],
      ['/api/sync/pull', 'get'],
      ['/api/quarters', 'get'],
      ['/api/quarters/{key}/close', 'post'],
      ['/api/quarters/{key}/reopen', 'post'],
      ['/api/audit', 'get'],
      ['/api/admin/purge-personal-data', 'post'],
      ['/api/openapi.json', 'get'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    // Every $ref points at a schema that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    const schemas = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const name of new Set(refs)) expect(schemas[name], name).toBeDefined();
  });

  it('documents every /api route the app actually registers, so the document cannot fall behind', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    const registered = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(20);
    // `/api/report/:file` serves annual.json-like figures, annual.{format} and annual.html under one route.
    const undocumented = registered.filter((r) => !documented.has(r) && r !== 'get /api/report/{file}');
    expect(undocumented).toEqual([]);
    expect(documented.has('get /api/report/annual.{format}')).toBe(true);
  });
});
