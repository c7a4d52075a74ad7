// Issue 12: every read of results is audited (JSON and print views of the review and the annual report,
// not only downloads), and stored or typed data cannot produce a 500: /api/review for ROC years below 2,
// and a NUL in a grade name (PostgreSQL text cannot hold it: 400, nothing saved, nothing half-done).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { engines } from './fixtures';
import { makeWorld, type World } from './harness';

for (const engine of engines) {
  describe.skipIf(engine.skip)(`report reads on ${engine.name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await makeWorld(engine);
    });
    afterAll(async () => world.cleanup());

    it('audits the JSON and print views of the review and of the annual report, for whoever reads them', async () => {
      const head = await world.as('head');
      const admin = await world.as('admin');
      expect((await head.get('/api/review?quarter=115-Q4')).status).toBe(200);
      expect((await head.get('/api/review.html?quarter=115-Q4&lang=en')).status).toBe(200);
      expect((await admin.get('/api/report/annual?year=115')).status).toBe(200);
      expect((await admin.get('/api/report/annual.html?year=115')).status).toBe(200);
      const log = await world.store.listAudit(50);
      const seen = (actor: string, target: string, detail: string) => log.some((a) => a.action === 'report.view' && a.actor === actor && a.target === target && a.detail === detail);
      expect(seen('head', 'review 115-Q4', 'format=json')).toBe(true);
      expect(seen('head', 'review 115-Q4', 'format=html')).toBe(true);
      expect(seen('admin', 'annual 115', 'format=json')).toBe(true);
      expect(seen('admin', 'annual 115', 'format=html')).toBe(true);
      // A refused read is not a read.
      expect((await (await world.as('tester')).get('/api/review?quarter=115-Q3')).status).toBe(403);
      expect((await world.store.listAudit(50)).some((a) => a.target === 'review 115-Q3')).toBe(false);
    });

    it('answers 400, not 500, for a review before ROC year 2', async () => {
      const admin = await world.as('admin');
      for (const quarter of ['1-Q1', '1-Q4', '0-Q1']) {
        const reply = await admin.get(`/api/review?quarter=${quarter}`);
        expect(reply.status, quarter).toBe(400);
        expect(reply.body.error).toMatch(/quarter/);
        expect((await admin.get(`/api/review.html?quarter=${quarter}`)).status).toBe(400);
      }
      expect((await admin.get('/api/review?quarter=2-Q1')).status).toBe(200);
      expect((await admin.get('/api/report/annual?year=1')).status).toBe(200);
    });

    it('refuses a NUL in a grade name with 400, saving nothing', async () => {
      const admin = await world.as('admin');
      const before = (await admin.get('/api/settings/grades')).body;
      const auditBefore = (await world.store.listAudit(1000)).length;
      const bands = before.bands.map((b: { grade: string }, i: number) => (i === 0 ? { ...b, grade: '優\u0000' } : b));
      const reply = await admin.send('PUT', '/api/settings/grades', { json: { ...before, bands } });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatch(/NUL/);
      expect((await admin.get('/api/settings/grades')).body).toEqual(before);
      expect((await world.store.listAudit(1000)).length).toBe(auditBefore);
      // The audit log itself never fails on what it quotes.
      await world.store.audit({ actor: 'admin', action: 'probe', detail: 'a\u0000b' });
      expect((await world.store.listAudit(1))[0]).toMatchObject({ action: 'probe', detail: 'a\uFFFDb' });
    });
  });
}
