// Sheet versions at run time, on every engine: upload (validated, errors name the node), preview,
// publish with an effective date (once), serve to devices; records on the new version are
// accepted and scored by it, v1 records keep their scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import revised from '../scoresheet/fixtures/bsmi-fubiao3.v2.json';
import { LIBRARY_FILES, type Manifest } from '../../src/scoresheet';
import { registryFromManifest } from '../../src/scoresheet/registry';
import manifest from '../../src/scoresheet/sheets/manifest.json';
import { loadStoredSheets } from '../../src/server/http/sheets';
import { engines, makeRecord, op } from './fixtures';
import { makeWorld, type World } from './harness';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { sheets } from '../../src/scoresheet';

/** A push body naming every sheet version this process knows now (v2 once published). */
const pushBody = (clientId: string, ops: unknown[]) => ({ protocol: PROTOCOL_VERSION, clientId, sheets: Object.values(sheets).map((s) => ({ id: s.id, version: s.version })), ops });

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

for (const engine of engines) {
  describe.skipIf(engine.skip)(`sheet versions over HTTP on ${engine.name}${engine.skip ? ' (set TEST_DATABASE_URL to run)' : ''}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await makeWorld(engine);
    });
    afterAll(async () => world?.cleanup());

    it('only an admin uploads, validates, previews or publishes', async () => {
      const tester = await world.as('tester');
      for (const path of ['/api/admin/sheets', '/api/admin/sheets/validate', '/api/admin/sheets/preview', '/api/admin/sheets/bsmi-fubiao3/2/publish']) {
        expect((await tester.post(path, { sheet: revised, effectiveFrom: '2026-11-01' })).status).toBe(403);
      }
      expect((await (await world.as('anonymous')).get('/api/sheets')).status).toBe(401);
    });

    it('validates: errors are data naming the node, in both languages', async () => {
      const admin = await world.as('admin');
      const bad = clone(revised) as any;
      bad.sections[1].children[1].children[3].points = 0;
      const reply = await admin.post('/api/admin/sheets/validate', { sheet: bad });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        ok: false,
        issues: [{ field: 'sheet.2.2.4', rule: 'sheet', message: { en: 'sheet node 2.2.4: a check needs positive points', zh: expect.stringContaining('節點 2.2.4') } }],
      });
      expect((await admin.post('/api/admin/sheets/validate', { sheet: revised })).body).toMatchObject({ ok: true, sheet: { id: 'bsmi-fubiao3', version: 2, max: 105 } });
      expect((await admin.post('/api/admin/sheets/validate', {})).body).toMatchObject({ ok: false, issues: [{ field: 'sheet' }] });
      const upload = await admin.post('/api/admin/sheets', { sheet: bad });
      expect(upload.status).toBe(400);
      expect(upload.body.error).toMatch(/2\.2\.4: a check needs positive points/);
    });

    it('previews: the outline and a worked example scored', async () => {
      const reply = await (await world.as('admin')).post('/api/admin/sheets/preview', { sheet: revised });
      expect(reply.status).toBe(200);
      expect(reply.body.preview.outline.find((r: any) => r.id === '2.2.4')).toMatchObject({ depth: 3, kind: 'check', max: 5 });
      expect(reply.body.preview.example.result).toMatchObject({ max: 105, complete: true });
    });

    it('uploads once: the same document again is fine, other content under the version is refused, the library is not overwritten', async () => {
      const admin = await world.as('admin');
      const first = await admin.post('/api/admin/sheets', { sheet: revised });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ sheetId: 'bsmi-fubiao3', version: 2, status: 'uploaded', uploadedBy: 'admin' });
      expect((await admin.post('/api/admin/sheets', { sheet: clone(revised) })).status).toBe(201);
      const changed = clone(revised) as any;
      changed.title.zh = '另一份';
      const conflict = await admin.post('/api/admin/sheets', { sheet: changed });
      expect(conflict.status).toBe(409);
      expect(conflict.body.error).toMatch(/bsmi-fubiao3@2 .*other content/);
      expect((await admin.post('/api/admin/sheets', { sheet: LIBRARY_FILES['bsmi-fubiao3.v1.json'] })).status).toBe(409);
      // Not published yet: devices are not offered it.
      expect((await (await world.as('tester')).get('/api/sheets')).body.versions).toEqual([]);
    });

    it('publishes once with an effective date, then serves it to devices', async () => {
      const admin = await world.as('admin');
      expect((await admin.post('/api/admin/sheets/bsmi-fubiao3/2/publish', { effectiveFrom: '2026-13-01' })).status).toBe(400);
      expect((await admin.post('/api/admin/sheets/bsmi-fubiao3/9/publish', { effectiveFrom: '2026-11-01' })).status).toBe(404);
      const published = await admin.post('/api/admin/sheets/bsmi-fubiao3/2/publish', { effectiveFrom: '2026-11-01' });
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'published', effectiveFrom: '2026-11-01', publishedBy: 'admin' });
      expect((await admin.post('/api/admin/sheets/bsmi-fubiao3/2/publish', { effectiveFrom: '2026-11-01' })).status).toBe(200);
      expect((await admin.post('/api/admin/sheets/bsmi-fubiao3/2/publish', { effectiveFrom: '2026-12-01' })).status).toBe(409);
      const served = await (await world.as('tester')).get('/api/sheets');
      expect(served.status).toBe(200);
      expect(served.body.versions).toEqual([{ id: 'bsmi-fubiao3', version: 2, effectiveFrom: '2026-11-01', sheet: expect.objectContaining({ version: 2, max: 105 }) }]);
      expect(served.body.library.map((l: any) => `${l.id}@${l.version}`)).toEqual(['bsmi-fubiao3@1', 'city-example@1']);
      const audit = (await admin.get('/api/audit')).body.map((a: any) => a.action);
      expect(audit).toEqual(expect.arrayContaining(['sheet-upload', 'sheet-publish']));
      const list = await admin.get('/api/admin/sheets');
      expect(list.body.uploaded).toEqual([expect.objectContaining({ sheetId: 'bsmi-fubiao3', version: 2, status: 'published', max: 105 })]);
    });

    it('accepts records on the new version, scored by it; v1 records keep their scores', async () => {
      const tester = await world.as('tester');
      const v2 = makeRecord(world.unitA.id, { testedAt: '2026-11-05T10:00:00+08:00', sheet: { id: 'bsmi-fubiao3', version: 2 } });
      v2.answers = { ...v2.answers, '2.2.4': true } as typeof v2.answers;
      const v1 = makeRecord(world.unitA.id);
      const results = (await tester.post('/api/sync/push', pushBody('p', [op(v2), op(v1)]))).body.results;
      expect(results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
      const stored = await world.store.listTests({});
      expect(stored.find((r) => r.id === v2.id)!.score).toMatchObject({ total: 84, max: 105, sheet: { id: 'bsmi-fubiao3', version: 2 } });
      expect(stored.find((r) => r.id === v1.id)!.score).toMatchObject({ total: 79, max: 100 });
      // 2.2.4 is no item of v1: refused, naming it.
      const wrong = makeRecord(world.unitA.id, { answers: v2.answers });
      const [rejected] = (await tester.post('/api/sync/push', pushBody('p', [op(wrong)]))).body.results;
      expect(rejected).toMatchObject({ status: 'rejected', error: expect.stringMatching(/2\.2\.4/) });
    });

    it('after a restart the server knows the published version again, in force from its date', async () => {
      const versions = await world.store.listSheetVersions();
      expect(versions).toEqual([expect.objectContaining({ sheetId: 'bsmi-fubiao3', version: 2, effectiveFrom: '2026-11-01', document: expect.objectContaining({ max: 105 }) })]);
      // A new process starts with the library only, then reads the store (what every /api request awaits).
      const fresh = registryFromManifest(manifest as Manifest, LIBRARY_FILES);
      expect(fresh.get({ id: 'bsmi-fubiao3', version: 2 })).toBeUndefined();
      await loadStoredSheets(world.store, () => {}, fresh);
      expect(fresh.inForceAt('2026-10-31T12:00:00+08:00').version).toBe(1);
      expect(fresh.inForceAt('2026-11-01T00:00:00+08:00').version).toBe(2);
    });
  });
}
