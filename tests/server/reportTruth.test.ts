// Issue 13 over a real store (SQLite; PostgreSQL too when TEST_DATABASE_URL is set): the as-of cut
// reproduces what the server had received by then, in the versions it held then; follow-up reports;
// tester calibration for admins only; the flat per-test export; a unit's start date from the API.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/server/store';
import { main as reportCli } from '../../src/cli/report';
import { engines, makeRecord, op, type EngineCase } from './fixtures';
import { makeWorld, type World } from './harness';
import { NINETY, PERFECT, switchboardUnanswered, twoTries } from '../report/fixtures';
import type { PushRecord } from '../../src/sync/protocol';

for (const base of engines) {
  describe.skipIf(base.skip)(`issue 13 over the store (${base.name})`, () => {
    let world: World;
    let dir: string;
    let file: string | undefined;
    const rec: Record<string, PushRecord> = {};

    /** Push as the tester with the server's clock at `at`: that is when the server received it. */
    async function pushAt(at: string, ...records: PushRecord[]) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(at));
      try {
        const results = await world.store.push({ userId: world.users.tester.id, role: 'tester', unitIds: [] }, 'device-1', records.map((r) => op(r)));
        expect(results.map((r) => `${r.status} ${r.error ?? ""}`.trim())).toEqual(records.map(() => "applied"));
      } finally {
        vi.useRealTimers();
      }
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'courtesy-truth-'));
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
      rec.a = makeRecord(a, { answers: NINETY, testedAt: '2026-01-20T10:00:00+08:00' }); // 90, corrected to 100 on 10 Mar
      rec.b = makeRecord(a, { answers: PERFECT, testedAt: '2026-01-25T10:00:00+08:00' }); // 100, deleted on 1 Jun
      rec.late = makeRecord(a, { answers: switchboardUnanswered(), attempts: twoTries('2026-02-15T10:00:00+08:00'), testedAt: '2026-02-15T10:00:00+08:00' }); // 70, tested in Feb but received in May
      rec.c = makeRecord(world.unitB.id, { unitName: '嘉義辦事處', answers: NINETY, testedAt: '2026-04-02T10:00:00+08:00' });
      await pushAt('2026-02-01T02:00:00Z', rec.a, rec.b);
      await pushAt('2026-03-10T02:00:00Z', { ...rec.a, answers: PERFECT, baseRev: 1 });
      await pushAt('2026-04-05T02:00:00Z', rec.c);
      await pushAt('2026-05-01T02:00:00Z', rec.late);
      await pushAt('2026-06-01T02:00:00Z', { ...rec.b, deleted: true, baseRev: 1 });
    });
    afterEach(() => vi.useRealTimers());
    afterAll(async () => {
      await world.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a past as-of date reproduces the report of that day: only tests received by then, in their versions then', async () => {
      const admin = await world.as('admin');
      const early = (await admin.get('/api/report/annual?year=115&asOf=2026-03-01')).body;
      // End of 1 Mar: a (90, rev 1) and b (100); the February test arrived only in May.
      expect(early.asOf).toBe('2026-03-01T15:59:59.999Z');
      expect(early.overall).toMatchObject({ testCount: 2, averageText: '95.00' });
      const march = (await admin.get('/api/report/annual?year=115&asOf=2026-03-31')).body;
      expect(march.overall).toMatchObject({ testCount: 2, averageText: '100.00' }); // a corrected to 100
      const may = (await admin.get('/api/report/annual?year=115&asOf=2026-05-15')).body;
      expect(may.overall).toMatchObject({ testCount: 4 }); // 100 + 100 + 90 + 70
      const now = (await admin.get('/api/report/annual?year=115')).body;
      expect(now.overall).toMatchObject({ testCount: 3 }); // b deleted in June
    });

    it('the same cut gives the same bytes later, from the download and from the CLI', async () => {
      const admin = await world.as('admin');
      const download = async () => new Uint8Array(await (await world.app.request('/api/report/annual.ods?year=115&asOf=2026-03-31', { headers: { cookie: `sid=${admin.sid}` } })).arrayBuffer());
      const before = await download();
      await pushAt('2026-12-01T02:00:00Z', makeRecord(world.unitA.id, { answers: NINETY, testedAt: '2026-03-15T10:00:00+08:00' }));
      const after = await download();
      expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
      if (file) {
        const out = join(dir, 'cli.ods');
        expect(await reportCli(['--year', '115', '--format', 'ods', '--out', out, '--as-of', '2026-03-31', '--db', file])).toBe(0);
        expect(Buffer.from(readFileSync(out)).equals(Buffer.from(before))).toBe(true);
      }
    });

    it('a unit’s start date is set through the API and decides 免測; a bad date names the field', async () => {
      const admin = await world.as('admin');
      const bad = await admin.send('PATCH', `/api/units/${world.unitB.id}`, { json: { startsOn: '2026/05/01' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^startsOn: must be a date YYYY-MM-DD/);
      expect((await admin.send('PATCH', `/api/units/${world.unitB.id}`, { json: { startsOn: '2026-01-01' } })).status).toBe(200);
      const early = (await admin.get('/api/report/annual?year=115&asOf=2026-12-31')).body;
      // 嘉義辦事處 from 1 Jan: Jan–Apr met (2 Apr), May–Aug and Sep–Dec missed.
      expect(early.compliance.units.find((u: { unitId: string }) => u.unitId === world.unitB.id).periods.map((p: { state: string }) => p.state)).toEqual(['met', 'missed', 'missed']);
      expect((await admin.send('PATCH', `/api/units/${world.unitB.id}`, { json: { startsOn: '2026-09-01' } })).body.startsOn).toBe('2026-09-01');
      const later = (await admin.get('/api/report/annual?year=115&asOf=2026-12-31')).body;
      // Before 1 Sep: Jan–Apr has a test, so it is met, not 免測; May–Aug had none and is wholly before: 免測.
      expect(later.compliance.units.find((u: { unitId: string }) => u.unitId === world.unitB.id).periods.map((p: { state: string }) => p.state)).toEqual(['met', 'notRequired', 'missed']);
      expect((await admin.get('/api/units')).body.find((u: { id: string }) => u.id === world.unitB.id).startsOn).toBe('2026-09-01');
    });

    it('a result under 90 asks the head for an improvement report; the secretariat tracks and closes it', async () => {
      const head = await world.as('head');
      const admin = await world.as('admin');
      const list = (await head.get('/api/follow-ups')).body;
      // 第一課's results: a (100), late (70), the December 90 → only the 70 is under 90.
      expect(list.rows.map((r: { testId: string; state: string; overdue: boolean }) => [r.testId, r.state, r.overdue])).toEqual([[rec.late.id, 'awaiting', true]]);
      expect((await head.post(`/api/follow-ups/${rec.a.id}/report`, { cause: 'x', measures: 'y', dueOn: '2027-01-31' })).body.error).toMatch(/not below the follow-up threshold/);
      const noCause = await head.post(`/api/follow-ups/${rec.late.id}/report`, { cause: ' ', measures: 'y', dueOn: '2027-01-31' });
      expect([noCause.status, noCause.body.error]).toEqual([400, expect.stringMatching(/^cause: required/)]);
      expect((await head.post(`/api/follow-ups/${rec.late.id}/report`, { cause: 'x', measures: 'y', dueOn: '31/01/2027' })).body.error).toMatch(/^dueOn:/);
      expect((await (await world.as('headB')).post(`/api/follow-ups/${rec.late.id}/report`, { cause: 'x', measures: 'y', dueOn: '2027-01-31' })).status).toBe(404);
      const sent = await head.post(`/api/follow-ups/${rec.late.id}/report`, { cause: '總機人員離座', measures: '設定代理接聽', dueOn: '2099-01-31' });
      expect(sent.status).toBe(200);
      const open = (await admin.get('/api/follow-ups')).body;
      expect(open.rows.find((r: { testId: string }) => r.testId === rec.late.id)).toMatchObject({ state: 'open', overdue: false, report: { cause: '總機人員離座', measures: '設定代理接聽' } });
      // In the annual report (JSON and ODS) as 考核結果處理情形.
      const annual = (await admin.get('/api/report/annual?year=115')).body;
      expect(annual.followUp.sentence.zh).toContain('改善中 1 件');
      expect((await head.post(`/api/follow-ups/${rec.late.id}/close`, {})).status).toBe(403);
      expect((await admin.post(`/api/follow-ups/${rec.late.id}/close`, { note: '已複測' })).status).toBe(200);
      expect((await admin.post(`/api/follow-ups/${rec.late.id}/close`, {})).status).toBe(409);
      expect((await head.post(`/api/follow-ups/${rec.late.id}/report`, { cause: 'x', measures: 'y', dueOn: '2099-01-31' })).status).toBe(409);
      expect((await head.get('/api/follow-ups')).body.counts).toMatchObject({ closed: 1, open: 0, awaiting: 0 });
      // The threshold is an admin setting.
      expect((await admin.send('PUT', '/api/settings/follow-up', { json: { threshold: 101, reportWithinDays: 30 } })).body.error).toMatch(/^threshold:/);
      expect((await admin.send('PUT', '/api/settings/follow-up', { json: { threshold: 95, reportWithinDays: 14 } })).status).toBe(200);
      expect((await head.get('/api/follow-ups')).body.rows).toHaveLength(2); // the December 90 now too
      await admin.send('PUT', '/api/settings/follow-up', { json: { threshold: 90, reportWithinDays: 30 } });
    });

    it('calibration is for admins only and never in a head’s review', async () => {
      const head = await world.as('head');
      expect((await head.get('/api/calibration')).status).toBe(403);
      const review = (await head.get('/api/review?quarter=115-Q1')).body;
      expect(JSON.stringify(review)).not.toContain('calibration');
      const cal = (await (await world.as('admin')).get('/api/calibration?asOf=2026-12-31')).body;
      expect(cal.margin).toBe(5);
      expect(cal.testers).toHaveLength(1);
      expect(cal.testers[0]).toMatchObject({ sameUnits: false, comparedTests: 0 });
    });

    it('the flat per-test export: one row per test, every item, id and sheet version; audited', async () => {
      const admin = await world.as('admin');
      const res = await world.app.request('/api/report/tests.csv?year=115', { headers: { cookie: `sid=${admin.sid}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('courtesy-tests-115.csv');
      const lines = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      const header = lines.findIndex((l) => l.startsWith('測試編號,'));
      expect(lines[header]).toContain(',1.3.1,');
      expect(lines.slice(header + 1)).toHaveLength(4);
      expect(lines.slice(header + 1).some((l) => l.startsWith(`${rec.a.id},bsmi-fubiao3,1,2026-01-20,第1季,第一課`))).toBe(true);
      expect((await world.app.request('/api/report/tests.odt?year=115', { headers: { cookie: `sid=${admin.sid}` } })).status).toBe(404);
      expect((await (await world.as('head')).get('/api/report/tests.csv?year=115')).status).toBe(403);
      expect((await admin.get('/api/audit?limit=20')).body.some((e: { action: string; target: string }) => e.action === 'report.export' && e.target === 'tests 115')).toBe(true);
    });

    it('a reviewer reads one test for its printed sheet: heads only their units, masked', async () => {
      const head = await world.as('head');
      const mine = await head.get(`/api/review/tests/${rec.a.id}`);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ id: rec.a.id, answererSurname: '王○○', testerName: '' });
      expect((await head.get(`/api/review/tests/${rec.c.id}`)).status).toBe(404);
      expect((await (await world.as('tester')).get(`/api/review/tests/${rec.a.id}`)).status).toBe(403);
    });
  });
}
