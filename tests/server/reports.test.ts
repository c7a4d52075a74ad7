// The report endpoints over a real store (SQLite and PostgreSQL), fed
// through the sync API as a tester would; the figures are worked out by hand from the fixtures'
// totals, and the CLI must write the same bytes as the download.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/store';
import { main as reportCli } from '../../src/cli/report';
import { engines, makeRecord, op, type EngineCase } from './fixtures';
import { makeWorld, type World } from './harness';
import { NINETY, PERFECT, noVoiceSystem } from '../report/fixtures';
import { pushBody } from '../support/wire';

// Formula-leading, and within the record contract's 20 characters for a surname.
const EVIL = '=HYPERLINK("x","y")';
const AS_OF = '2027-01-05T00:00:00.000Z';

for (const base of engines) {
  describe.skipIf(base.skip)(`report routes (${base.name})`, () => {
    let world: World;
    let dir: string;
    let file: string | undefined;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'courtesy-report-'));
      // SQLite at a known path, so the CLI can open the very same file.
      const engine: EngineCase =
        base.name === 'sqlite'
          ? {
              ...base,
              async open() {
                file = join(dir, 'courtesy.sqlite');
                const store = await openStore({ file });
                return { store, cleanup: () => store.close() };
              },
            }
          : base;
      world = await makeWorld(engine);
      const a = world.unitA.id;
      const b = world.unitB.id;
      const tests = {
        a100: makeRecord(a, { answers: PERFECT, testedAt: '2026-10-05T10:00:00+08:00' }), // 100
        a925: makeRecord(a, { answers: noVoiceSystem(), testedAt: '2026-10-20T10:00:00+08:00' }), // 92.5
        b90: makeRecord(b, { unitName: '嘉義辦事處', answers: NINETY, answererSurname: EVIL, testedAt: '2026-11-03T10:00:00+08:00' }), // 90
        aQ3: makeRecord(a, { answers: NINETY, testedAt: '2026-08-20T10:00:00+08:00' }), // 90, previous quarter
      };
      for (const [key, record] of Object.entries(tests)) ids[key] = record.id;
      const tester = await world.as('tester');
      const push = await tester.post('/api/sync/push', pushBody('device-1', Object.values(tests).map((r) => op(r))));
      expect(push.status).toBe(200);
      expect(push.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    });
    afterAll(async () => {
      await world.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the review to testers and to the signed-out', async () => {
      expect((await (await world.as('tester')).get('/api/review?quarter=115-Q4')).status).toBe(403);
      expect((await (await world.as('anonymous')).get('/api/review?quarter=115-Q4')).status).toBe(401);
    });

    it('gives an admin every unit: 第一課 (100 + 92.5) / 2 = 96.25, +6.25 on Q3; agency 282.5 / 3 = 94.17', async () => {
      const { status, body } = await (await world.as('admin')).get('/api/review?quarter=115-Q4');
      expect(status).toBe(200);
      const a = body.units.find((u: { unitId: string }) => u.unitId === world.unitA.id);
      expect(a).toMatchObject({ unitName: '第一課', testCount: 2, averageText: '96.25', lowest: 92.5, highest: 100, grade: '優', changeText: '+6.25' });
      expect(body.overall).toMatchObject({ testCount: 3, averageText: '94.17', grade: '優' });
      expect(body.losses[0]).toMatchObject({ itemId: '1.2', averageLostText: '2.50' }); // 7.5 lost over 3 tests
      const evil = body.tests.find((t: { id: string }) => t.id === ids.b90);
      expect(evil.answererSurname).toBe('=○○');
      expect(evil.testerName).not.toBe('');
    });

    it('gives a unit head only their unit, with the agency beside it and no tester names', async () => {
      const { status, body } = await (await world.as('head')).get('/api/review?quarter=115-Q4');
      expect(status).toBe(200);
      expect(body.units.map((u: { unitId: string }) => u.unitId)).toEqual([world.unitA.id]);
      expect(body.overall.testCount).toBe(3);
      expect(body.tests.map((t: { id: string }) => t.id).sort()).toEqual([ids.a100, ids.a925].sort());
      expect(body.tests.every((t: { testerName: string }) => t.testerName === '')).toBe(true);
    });

    it('names the field on a bad quarter or year', async () => {
      const admin = await world.as('admin');
      const bad = await admin.get('/api/review?quarter=2026-Q4');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^quarter:/);
      expect((await admin.get('/api/report/annual?year=abc')).body.error).toMatch(/^year:/);
      expect((await admin.get('/api/report/annual.pdf?year=115')).status).toBe(404);
    });

    it('gives the annual report to admins only', async () => {
      expect((await (await world.as('head')).get('/api/report/annual?year=115')).status).toBe(403);
      const { body } = await (await world.as('admin')).get(`/api/report/annual?year=115&asOf=${AS_OF}`);
      // 100 + 92.5 + 90 + 90 = 372.5 over 4 = 93.125 → 93.1
      expect(body.sentence.zh).toBe('115 年共執行電話禮貌測試 4 人次，平均 93.1 分，等第「優」；2 個受測單位中，以嘉義辦事處平均 90.0 分最低。');
    });

    it('downloads every format with its type and name, audit-logged, and equal to the CLI’s file', async () => {
      const admin = await world.as('admin');
      const types = {
        ods: 'application/vnd.oasis.opendocument.spreadsheet',
        odt: 'application/vnd.oasis.opendocument.text',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        csv: 'text/csv; charset=utf-8',
      };
      for (const [format, type] of Object.entries(types)) {
        const res = await world.app.request(`/api/report/annual.${format}?year=115&asOf=${AS_OF}`, { headers: { cookie: `sid=${admin.sid}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(type);
        expect(res.headers.get('content-disposition')).toContain(`filename="courtesy-annual-115.${format}"`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        // The agency's year: (100 + 92.5 + 90 + 90) / 4 = 93.125 → 93.13 in every format, as on the screen.
        if (format === 'csv') {
          expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          const text = new TextDecoder().decode(bytes);
          expect(text).toContain("'=○○");
          expect(text).toContain('全局合計,0,,0,,1,90,3,94.17,4,93.13,90,100,優');
        } else {
          const files = unzipSync(bytes);
          const all = Object.values(files).map((f) => strFromU8(f)).join('\n');
          expect(all).toContain('&apos;=○○');
          expect(all).toContain(format === 'xlsx' ? '<v>93.13</v>' : 'office:value="93.13"><text:p>93.13</text:p>');
          if (format !== 'xlsx') expect(Object.keys(files)[0]).toBe('mimetype');
        }
        if (file) {
          const out = join(dir, `cli.${format}`);
          expect(await reportCli(['--year', '115', '--format', format, '--out', out, '--as-of', AS_OF, '--db', file])).toBe(0);
          expect(Buffer.from(readFileSync(out)).equals(Buffer.from(bytes))).toBe(true);
        }
      }
      const audit = await admin.get('/api/audit?limit=50');
      expect(audit.body.filter((e: { action: string }) => e.action === 'report.export').length).toBeGreaterThanOrEqual(4);
    });

    it('prints the annual report and the review as HTML', async () => {
      const admin = await world.as('admin');
      const html = await world.app.request(`/api/report/annual.html?year=115&asOf=${AS_OF}`, { headers: { cookie: `sid=${admin.sid}` } });
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(await html.text()).toContain('115 年共執行電話禮貌測試 4 人次');
      const head = await world.as('head');
      const review = await world.app.request('/api/review.html?quarter=115-Q4', { headers: { cookie: `sid=${head.sid}` } });
      const text = await review.text();
      expect(text).toContain('第一課');
      expect(text).not.toContain('嘉義辦事處</td><td class="n">1');
    });

    it('lets an admin edit the grade bands and the plan, with field-naming 400s', async () => {
      const admin = await world.as('admin');
      expect((await admin.get('/api/settings/grades')).body.bands[0]).toEqual({ grade: '優', min: 90 });
      const bad = await admin.send('PUT', '/api/settings/grades', { json: { bands: [{ grade: '優', min: 90 }, { grade: '甲', min: 95 }, { grade: '丁', min: 0 }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^bands\[1\]\.min/);
      expect((await (await world.as('head')).send('PUT', '/api/settings/grades', { json: { bands: [] } })).status).toBe(403);
      const bands = { bands: [{ grade: '特優', min: 97 }, { grade: '優', min: 90 }, { grade: '待加強', min: 0 }] };
      expect((await admin.send('PUT', '/api/settings/grades', { json: bands })).status).toBe(200);
      const review = await admin.get('/api/review?quarter=115-Q4');
      // 96.25 is below 97 now
      expect(review.body.units.find((u: { unitId: string }) => u.unitId === world.unitA.id).grade).toBe('優');
      expect(review.body.tests.find((t: { id: string }) => t.id === ids.a100).grade).toBe('特優');
      await admin.send('PUT', '/api/settings/grades', { json: { bands: [{ grade: '優', min: 90 }, { grade: '甲', min: 80 }, { grade: '乙', min: 70 }, { grade: '丙', min: 60 }, { grade: '丁', min: 0 }] } });

      const badPlan = await admin.send('PUT', '/api/settings/plan', { json: { periodMonths: 5, testsPerPeriod: 1 } });
      expect(badPlan.status).toBe(400);
      expect(badPlan.body.error).toMatch(/^periodMonths:/);
      expect((await admin.send('PUT', '/api/settings/plan', { json: { periodMonths: 3, testsPerPeriod: 2 } })).body).toEqual({ periodMonths: 3, testsPerPeriod: 2 });
      const status = await admin.get('/api/plan/status?asOf=2026-11-22T12:00:00%2B08:00');
      expect(status.body.planText.zh).toBe('每季至少測試 2 次');
      const rows = Object.fromEntries(status.body.units.map((u: { unitId: string; status: string }) => [u.unitId, u.status]));
      // Q4: 第一課 has 2 → done; 嘉義辦事處 has 1 of 2 → due (not overdue: the unit was created after Q3 ended)
      expect(rows).toEqual({ [world.unitA.id]: 'done', [world.unitB.id]: 'due' });
      expect(status.body.rotation.testers).toHaveLength(1);
      expect((await (await world.as('head')).get('/api/plan/status')).status).toBe(403);
      await admin.send('PUT', '/api/settings/plan', { json: { periodMonths: 4, testsPerPeriod: 1 } });
    });

    it('lets a unit head acknowledge their unit’s result, and shows admins what is still pending', async () => {
      const head = await world.as('head');
      const missing = await head.post('/api/acknowledgements', { comment: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatch(/^testId/);
      expect((await head.post('/api/acknowledgements', { testId: ids.b90 })).status).toBe(404); // not their unit
      expect((await (await world.as('admin')).post('/api/acknowledgements', { testId: ids.a100 })).status).toBe(403);
      const ok = await head.post('/api/acknowledgements', { testId: ids.a100, comment: '表現良好', correctiveAction: '維持' });
      expect(ok.status).toBe(200);
      expect(ok.body.acknowledgement).toMatchObject({ testId: ids.a100, comment: '表現良好', correctiveAction: '維持' });
      const review = await head.get('/api/review?quarter=115-Q4');
      expect(review.body.tests.find((t: { id: string }) => t.id === ids.a100).acknowledgement.comment).toBe('表現良好');
      const pending = await (await world.as('admin')).get('/api/acknowledgements/pending');
      expect(pending.body.map((t: { id: string }) => t.id).sort()).toEqual([ids.a925, ids.b90, ids.aQ3].sort());
      expect((await (await world.as('admin')).get('/api/acknowledgements/pending?quarter=115-Q3')).body.map((t: { id: string }) => t.id)).toEqual([ids.aQ3]);
    });
  });
}
