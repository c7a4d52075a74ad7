// @vitest-environment jsdom
// Issue 12: the account lifecycle in the admin screens — disable/enable, reset password (temporary one
// shown once), sign out everywhere, change role and units, unlock a sign-in lock — the retention
// reminder in 個資清除, and every user's own password change in 設定. Real server, real store.
import '@testing-library/jest-dom/vitest';
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import UsersSection from '../../../src/app/admin/UsersSection';
import PurgeSection from '../../../src/app/admin/PurgeSection';
import { ChangePassword } from '../../../src/app/settings/ChangePassword';
import { useSession } from '../../../src/app/session';
import { makeRecord, op } from '../../server/fixtures';
import { wcagViolations } from './axe';
import { expectLive, signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s));

const rowOf = async (name: string) => within(await screen.findByRole('table', { name: /使用者（共/ })).findByRole('row', { name: new RegExp(name) });

describe('使用者 — account lifecycle', { timeout: 60_000 }, () => {
  it('disables and enables a user, resets a password and signs them out, each audited', async () => {
    await signInAs(server);
    const tester = await server.store.createUser({ username: 'chen', password: 'chen-password', role: 'tester' });
    const user = userEvent.setup();
    const { container } = render(<UsersSection />);
    const row = await rowOf('chen');
    expect(await wcagViolations(container)).toEqual([]);

    await user.click(within(row).getByRole('button', { name: '停用 chen' }));
    await expectLive('status', /已停用「chen」/);
    expect((await server.store.getUser(tester.id))!.disabled).toBe(true);
    await waitFor(() => expect(within(screen.getByRole('row', { name: /chen/ })).getByText(/已停用/)).toBeInTheDocument());

    await user.click(within(screen.getByRole('row', { name: /chen/ })).getByRole('button', { name: '啟用 chen' }));
    await expectLive('status', /已啟用「chen」/);
    expect((await server.store.getUser(tester.id))!.disabled).toBeUndefined();

    await user.click(within(screen.getByRole('row', { name: /chen/ })).getByRole('button', { name: '重設密碼 chen' }));
    await expectLive('status', /「chen」的臨時密碼：[A-Za-z0-9]{16}/);
    const temp = /臨時密碼：([A-Za-z0-9]{16})/.exec(screen.getAllByRole('status').map((s) => s.textContent).join(' '))![1];
    expect((await server.store.login('chen', temp)).ok).toBe(true);

    await user.click(within(screen.getByRole('row', { name: /chen/ })).getByRole('button', { name: '登出所有裝置 chen' }));
    await expectLive('status', /已結束「chen」的 \d+ 個登入/);
    const actions = (await server.store.listAudit(50)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user-disable', 'user-enable', 'user-reset-password', 'user-revoke-sessions']));
    // The admin's own row offers no way to disable themselves.
    const me = useSession.getState().user!;
    expect(within(await rowOf(me.username)).queryByRole('button', { name: new RegExp(`^停用`) })).toBeNull();
  });

  it('changes a role and units', async () => {
    await signInAs(server);
    const unit = await server.store.createUnit({ name: '第一課' });
    const tester = await server.store.createUser({ username: 'lin', password: 'lin-password-1', role: 'tester' });
    const user = userEvent.setup();
    render(<UsersSection />);
    const row = await rowOf('lin');
    await user.click(within(row).getByRole('button', { name: '變更角色／單位 lin' }));
    const group = screen.getByRole('group', { name: '變更角色／單位 lin' });
    await user.click(within(group).getByRole('radio', { name: '單位主管' }));
    await user.click(within(group).getByRole('checkbox', { name: '第一課' }));
    await user.click(within(group).getByRole('button', { name: '儲存變更' }));
    await expectLive('status', /已變更「lin」的角色與單位/);
    expect(await server.store.getUser(tester.id)).toMatchObject({ role: 'unitHead', unitIds: [unit.id] });
  });

  it('lists sign-in locks and unlocks one', async () => {
    await signInAs(server);
    await server.store.createUser({ username: 'wang', password: 'wang-password', role: 'tester' });
    for (let i = 0; i < 5; i++) await server.store.login('wang', 'wrong-password', { address: '127.0.0.8' });
    const user = userEvent.setup();
    const { container } = render(<UsersSection />);
    const table = await screen.findByRole('table', { name: '連續登入失敗而暫停的帳號與位址' });
    expect(within(table).getByRole('row', { name: /wang/ })).toHaveTextContent('127.0.0.8');
    expect(await wcagViolations(container)).toEqual([]);
    await user.click(within(table).getByRole('button', { name: '解除鎖定 wang' }));
    await expectLive('status', /已解除「wang」的登入鎖定/);
    expect((await server.store.login('wang', 'wang-password', { address: '127.0.0.8' })).ok).toBe(true);
    expect(await screen.findByText('目前沒有被鎖定的帳號或位址。')).toBeInTheDocument();
  });
});

describe('個資清除 — retention reminder', { timeout: 60_000 }, () => {
  it('says when a purge is due, sets the period, and fills the cut-off in', async () => {
    await signInAs(server);
    const unit = await server.store.createUnit({ name: '第一課' });
    const tester = await server.store.createUser({ username: 'old', password: 'old-password-1', role: 'tester' });
    await server.store.push({ userId: tester.id, role: 'tester', unitIds: [] }, 'd', [op(makeRecord(unit.id, { testedAt: '2022-03-01T10:00:00+08:00' }))]);
    const user = userEvent.setup();
    const { container } = render(<PurgeSection />);
    expect(await screen.findByText(/應執行個資清除/)).toBeInTheDocument();
    expect(screen.getByText(/有 1 筆已逾保存期限的測試/)).toBeInTheDocument();
    expect(await wcagViolations(container)).toEqual([]);
    await user.type(screen.getByLabelText('個資保存期限（月）'), '24');
    await user.click(screen.getByRole('button', { name: '儲存保存期限' }));
    await expectLive('status', '保存期限已設為 24 個月。');
    expect(await server.store.getSetting('retention')).toEqual({ months: 24 });
    await user.click(screen.getByRole('button', { name: '以保存期限填入清除日期' }));
    expect((screen.getByLabelText('清除此日期之前的測試個資') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-01$/);
  });
});

describe('設定 — own password', { timeout: 60_000 }, () => {
  it('changes the password after an admin reset, and then the account works again', async () => {
    const me = await server.store.createUser({ username: 'zhang', password: 'zhang-password', role: 'tester' });
    const { temporaryPassword } = await server.store.resetPassword(me.id);
    await useSession.getState().signIn('zhang', temporaryPassword);
    const user = userEvent.setup();
    const { container } = render(<ChangePassword />);
    expect(screen.getByRole('alert')).toHaveTextContent('管理者已重設您的密碼');
    expect(await wcagViolations(container)).toEqual([]);
    await user.type(screen.getByLabelText('臨時密碼'), temporaryPassword);
    await user.type(screen.getByLabelText('新密碼'), 'zhang-new-password');
    await user.type(screen.getByLabelText('確認新密碼'), 'zhang-new-passwore');
    await user.click(screen.getByRole('button', { name: '變更密碼' }));
    await expectLive('alert', '確認新密碼：與新密碼不一致');
    await user.clear(screen.getByLabelText('確認新密碼'));
    await user.type(screen.getByLabelText('確認新密碼'), 'zhang-new-password');
    await user.click(screen.getByRole('button', { name: '變更密碼' }));
    await expectLive('status', /密碼已變更/);
    expect(useSession.getState().user?.mustChangePassword).toBeUndefined();
    expect((await server.store.login('zhang', 'zhang-new-password')).ok).toBe(true);
  });
});
