// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import UsersSection from '../../../src/app/admin/UsersSection';
import { wcagViolations } from './axe';
import { expectLive, signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
let adminName: string;
serverPerTest((s) => (server = s));
beforeEach(async () => {
  adminName = (await signInAs(server)).username;
});

const usersTable = () => screen.findByRole('table', { name: /使用者（共/ });
const posts = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/users');

describe('使用者 section', () => {
  it('lists accounts with their role names in Chinese', async () => {
    const { container } = render(<UsersSection />);
    const row = within(await usersTable()).getByRole('row', { name: new RegExp(adminName) });
    expect(row).toHaveTextContent('秘書室（研考）');
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('refuses a password shorter than 10 characters with a message naming the field', async () => {
    const user = userEvent.setup();
    const { container } = render(<UsersSection />);
    await usersTable();
    await user.type(screen.getByLabelText('帳號'), 'tester1');
    await user.type(screen.getByLabelText('密碼'), 'short123');
    await user.type(screen.getByLabelText('確認密碼'), 'short123');
    await user.click(screen.getByRole('button', { name: '新增使用者' }));

    const password = screen.getByLabelText('密碼');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(/錯誤：密碼：至少需 10 個字元/);
    expect(password).toHaveFocus();
    expect(screen.getByText('錯誤：密碼：至少需 10 個字元')).toBeVisible();
    // Nothing was sent and no account exists (the server alone would have accepted 8 characters).
    expect(posts()).toEqual([]);
    expect((await server.store.listUsers()).map((u) => u.username)).toEqual([adminName]);
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('names the confirm field when the two passwords differ', async () => {
    const user = userEvent.setup();
    render(<UsersSection />);
    await usersTable();
    await user.type(screen.getByLabelText('帳號'), 'tester1');
    await user.type(screen.getByLabelText('密碼'), 'long enough password');
    await user.type(screen.getByLabelText('確認密碼'), 'long enough passw0rd');
    await user.click(screen.getByRole('button', { name: '新增使用者' }));
    expect(screen.getByLabelText('確認密碼')).toHaveAccessibleDescription('錯誤：確認密碼：與密碼不一致');
    expect(posts()).toEqual([]);
  });

  it('creates a unit head of two units and shows the role and units in the list', async () => {
    const north = await server.store.createUnit({ name: '第一課' });
    const chiayi = await server.store.createUnit({ name: '嘉義辦事處' });
    await server.store.createUnit({ name: '報驗發證科' });
    const user = userEvent.setup();
    const { container } = render(<UsersSection />);
    await usersTable();

    await user.type(screen.getByLabelText('帳號'), 'head.chen');
    await user.type(screen.getByLabelText('顯示名稱'), '陳主管');
    await user.click(screen.getByRole('radio', { name: '單位主管' }));
    const units = screen.getByRole('group', { name: '主管的受測單位' });
    // The unit list loads separately from the users table: wait for it before choosing.
    await within(units).findByRole('checkbox', { name: '第一課' });
    // A unit head without a unit is refused, naming the field.
    await user.type(screen.getByLabelText('密碼'), 'a good long password');
    await user.type(screen.getByLabelText('確認密碼'), 'a good long password');
    await user.click(screen.getByRole('button', { name: '新增使用者' }));
    expect(units).toHaveAccessibleDescription('錯誤：主管的受測單位：單位主管至少須選一個受測單位');
    expect(posts()).toEqual([]);

    await user.click(within(units).getByRole('checkbox', { name: '第一課' }));
    await user.click(within(units).getByRole('checkbox', { name: '嘉義辦事處' }));
    await user.click(screen.getByRole('button', { name: '新增使用者' }));

    await expectLive('status', '已新增使用者「head.chen」（單位主管）');
    // The list reloads after the status is said: wait for the new row, not the list as it was.
    const row = await within(await usersTable()).findByRole('row', { name: /head\.chen/ });
    expect(row).toHaveTextContent('陳主管');
    expect(row).toHaveTextContent('單位主管');
    expect(row).toHaveTextContent('第一課、嘉義辦事處');
    const stored = (await server.store.listUsers()).find((u) => u.username === 'head.chen')!;
    expect(stored.role).toBe('unitHead');
    expect([...stored.unitIds].sort()).toEqual([north.id, chiayi.id].sort());
    // The password is never echoed back to the page.
    expect(container.textContent).not.toContain('a good long password');
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('shows the server’s refusal (a taken username) as text', async () => {
    const user = userEvent.setup();
    render(<UsersSection />);
    await usersTable();
    await user.type(screen.getByLabelText('帳號'), adminName);
    await user.type(screen.getByLabelText('密碼'), 'another long password');
    await user.type(screen.getByLabelText('確認密碼'), 'another long password');
    await user.click(screen.getByRole('button', { name: '新增使用者' }));
    // The server's words, in the screen's language, naming the field.
    await expectLive('alert', /錯誤：username：輸入有誤：.*already taken/);
  });
});
