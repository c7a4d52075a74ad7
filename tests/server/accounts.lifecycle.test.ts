// Issue 12: the account lifecycle over HTTP, every action audited, on both engines: disable/enable
// (sessions end at once), reset password (a temporary password that must be changed), role and units,
// own password change, revoking sessions; and sliding sessions (idle timeout, absolute maximum).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { engines } from './fixtures';
import { Client, makeWorld, passwordOf, type World } from './harness';
import { createApp } from '../../src/server/app';
import { pullPath } from '../support/wire';

const auditHas = async (world: World, action: string, target: string) => (await world.store.listAudit(200)).some((a) => a.action === action && a.target === target && a.actor === 'admin');

for (const engine of engines) {
  describe.skipIf(engine.skip)(`account lifecycle on ${engine.name}`, { timeout: 60_000 }, () => {
    let world: World;
    beforeEach(async () => {
      world = await makeWorld(engine);
    });
    afterEach(async () => world.cleanup());

    it('disabling a user ends their sessions at once and refuses their password; enabling lets them back', async () => {
      const tester = await world.as('tester');
      expect((await tester.get('/api/units')).status).toBe(200);
      const admin = await world.as('admin');
      const disabled = await admin.post(`/api/users/${world.users.tester.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ username: 'tester', disabled: true });
      expect((await tester.get('/api/units')).status).toBe(401);
      expect(Number((await world.query('select count(*) as n from sessions where user_id = ?', [world.users.tester.id]))[0].n)).toBe(0);
      expect((await new Client(world.app).login('tester')).status).toBe(401);
      expect((await admin.post(`/api/users/${world.users.tester.id}/enable`)).body).not.toHaveProperty('disabled');
      expect((await new Client(world.app).login('tester')).status).toBe(200);
      expect(await auditHas(world, 'user-disable', world.users.tester.id)).toBe(true);
      expect(await auditHas(world, 'user-enable', world.users.tester.id)).toBe(true);
      // Not yourself, and not by a non-admin.
      expect((await admin.post(`/api/users/${world.users.admin.id}/disable`)).status).toBe(400);
      expect((await (await world.as('head')).post(`/api/users/${world.users.tester2.id}/disable`)).status).toBe(403);
      expect((await admin.post('/api/users/no-such-id/disable')).status).toBe(404);
    });

    it('a reset gives a temporary password that only lets the user set a new one', async () => {
      const old = await world.as('tester2');
      const admin = await world.as('admin');
      const reset = await admin.post(`/api/users/${world.users.tester2.id}/reset-password`);
      expect(reset.status).toBe(200);
      const temp = reset.body.temporaryPassword as string;
      expect(temp).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(reset.body.user.mustChangePassword).toBe(true);
      expect(JSON.stringify(await world.store.listAudit(50))).not.toContain(temp);
      expect(await auditHas(world, 'user-reset-password', world.users.tester2.id)).toBe(true);
      expect((await old.get('/api/units')).status).toBe(401); // the sessions before the reset ended
      expect((await new Client(world.app).login('tester2')).status).toBe(401); // the old password is gone
      const user = new Client(world.app);
      const signedIn = await user.login('tester2', temp);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.mustChangePassword).toBe(true);
      const blocked = await user.get(pullPath('since=0'));
      expect(blocked.status).toBe(403);
      expect(blocked.body.error).toMatch(/password/);
      expect((await user.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
      const weak = await user.post('/api/auth/password', { currentPassword: temp, newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.error).toMatch(/newPassword/);
      const changed = await user.post('/api/auth/password', { currentPassword: temp, newPassword: 'my-own-new-password' });
      expect(changed.status).toBe(200);
      expect(changed.body.user).not.toHaveProperty('mustChangePassword');
      expect((await user.get(pullPath('since=0'))).status).toBe(200); // the same session carries on
      expect((await new Client(world.app).login('tester2', 'my-own-new-password')).status).toBe(200);
      expect((await new Client(world.app).login('tester2', temp)).status).toBe(401);
    });

    it('every user changes their own password: the current one is checked, other sessions end', async () => {
      const phone = new Client(world.app);
      await phone.login('head');
      const laptop = new Client(world.app);
      await laptop.login('head');
      const wrong = await laptop.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'head-new-password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatch(/currentPassword/);
      const ok = await laptop.post('/api/auth/password', { currentPassword: passwordOf('head'), newPassword: 'head-new-password' });
      expect(ok.status).toBe(200);
      expect((await laptop.get('/api/units')).status).toBe(200);
      expect((await phone.get('/api/units')).status).toBe(401);
      expect((await new Client(world.app).post('/api/auth/password', { currentPassword: 'x', newPassword: 'y-long-enough' })).status).toBe(401);
      expect((await world.store.listAudit(20)).some((a) => a.action === 'password-change' && a.actor === 'head')).toBe(true);
    });

    it("changes a user's role and units (audited); the change applies to their live session", async () => {
      const head = await world.as('head');
      const admin = await world.as('admin');
      const moved = await admin.send('PATCH', `/api/users/${world.users.head.id}`, { json: { unitIds: [world.unitB.id] } });
      expect(moved.status).toBe(200);
      expect(moved.body.unitIds).toEqual([world.unitB.id]);
      expect((await head.get('/api/auth/session')).body.user.unitIds).toEqual([world.unitB.id]);
      const promoted = await admin.send('PATCH', `/api/users/${world.users.tester.id}`, { json: { role: 'unitHead' } });
      expect(promoted.status).toBe(400); // a unit head needs units
      expect(promoted.body.error).toMatch(/unitIds/);
      const ok = await admin.send('PATCH', `/api/users/${world.users.tester.id}`, { json: { role: 'unitHead', unitIds: [world.unitA.id] } });
      expect(ok.body).toMatchObject({ role: 'unitHead', unitIds: [world.unitA.id] });
      expect(await auditHas(world, 'user-update', world.users.tester.id)).toBe(true);
      expect((await admin.send('PATCH', `/api/users/${world.users.admin.id}`, { json: { role: 'tester' } })).status).toBe(400);
      expect((await admin.send('PATCH', `/api/users/${world.users.tester2.id}`, { json: { role: 'boss' } })).status).toBe(400);
    });

    it('revokes all sessions of a user (audited)', async () => {
      const a = new Client(world.app);
      await a.login('tester');
      const b = new Client(world.app);
      await b.login('tester');
      const admin = await world.as('admin');
      const revoked = await admin.post(`/api/users/${world.users.tester.id}/revoke-sessions`);
      expect(revoked.body.revoked).toBeGreaterThanOrEqual(2);
      expect((await a.get('/api/units')).status).toBe(401);
      expect((await b.get('/api/units')).status).toBe(401);
      expect(await auditHas(world, 'user-revoke-sessions', world.users.tester.id)).toBe(true);
    });
  });

  describe.skipIf(engine.skip)(`sliding sessions on ${engine.name}`, () => {
    it('end after the idle time, move with use, and end at the absolute maximum whatever the use', async () => {
      const { store, cleanup } = await engine.open({ session: { idleMs: 12 * 3600_000, maxMs: 30 * 24 * 3600_000 } });
      try {
        const user = await store.createUser({ username: 'slider', password: 'slider-password', role: 'tester' });
        const t0 = new Date('2026-11-01T00:00:00Z');
        const at = (h: number) => new Date(t0.getTime() + h * 3600_000);
        const idle = await store.createSession(user.id, t0);
        expect(await store.getSession(idle.sid, at(11.9))).toBeDefined();
        const left = await store.createSession(user.id, t0);
        expect(await store.getSession(left.sid, at(12.1))).toBeUndefined();
        // Used every 10 hours, it lives on … until 30 days from its start.
        const busy = await store.createSession(user.id, t0);
        let h = 0;
        for (; h + 10 < 30 * 24; h += 10) expect(await store.getSession(busy.sid, at(h + 10)), `hour ${h + 10}`).toBeDefined();
        expect(await store.getSession(busy.sid, at(30 * 24 + 1))).toBeUndefined();
        // The reported expiry is the idle deadline, never past the absolute end.
        const s = await store.createSession(user.id, t0);
        expect((await store.getSession(s.sid, at(1)))!.expiresAt).toBe(at(13).toISOString());
      } finally {
        await cleanup();
      }
    });

    it('follow the configured policy', async () => {
      const { store, cleanup } = await engine.open({ session: { idleMs: 60_000, maxMs: 3600_000 } });
      try {
        const user = await store.createUser({ username: 'short', password: 'short-session', role: 'tester' });
        const t0 = new Date();
        const s = await store.createSession(user.id, t0);
        expect(s.expiresAt).toBe(new Date(t0.getTime() + 60_000).toISOString());
        expect(await store.getSession(s.sid, new Date(t0.getTime() + 61_000))).toBeUndefined();
        // The cookie lives as long as the absolute maximum; the server ends idle sessions itself.
        const reply = await new Client(createApp({ store })).login('short', 'short-session');
        expect(reply.headers.get('set-cookie')).toMatch(/Max-Age=3600\b/);
      } finally {
        await cleanup();
      }
    });
  });
}
