// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { useSession } from '../../../src/app/session';
import SetupScreen from '../../../src/app/setup/SetupScreen';
import { tokenFromHash } from '../../../src/app/setup/setupToken';
import { wcagViolations } from './axe';
import { expectLive, signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

const TOKEN = 'one-time-3f9c2a7d';
let server: TestServer;
// Registered first, so (hooks unwind in reverse) it runs after the screen is unmounted.
afterEach(() => {
  window.location.hash = '';
});
serverPerTest((s) => (server = s), { setupToken: TOKEN });

async function fill(username: string, password: string, confirm = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('管理者帳號'), username);
  await user.type(screen.getByLabelText('密碼'), password);
  await user.type(screen.getByLabelText('確認密碼'), confirm);
  await user.click(screen.getByRole('button', { name: '建立並登入' }));
}

describe('tokenFromHash', () => {
  it('reads the token from the hash query', () => {
    expect(tokenFromHash('#/setup?token=abc%2B1')).toBe('abc+1');
    expect(tokenFromHash('#/setup')).toBeUndefined();
    expect(tokenFromHash('#/setup?token=')).toBeUndefined();
  });
});

describe('first-admin setup screen', () => {
  it('creates the first admin with the one-time token and signs in', async () => {
    window.location.hash = `#/setup?token=${TOKEN}`;
    const { container } = render(<SetupScreen />);
    expect(await wcagViolations(container)).toEqual([]);
    await fill('secretariat', 'first admin password');

    await expectLive('status', '已建立管理者「secretariat」並登入。');
    expect(useSession.getState().user).toMatchObject({ username: 'secretariat', role: 'admin' });
    expect((await server.store.listUsers()).map((u) => [u.username, u.role])).toEqual([['secretariat', 'admin']]);
    expect(screen.getByRole('link', { name: '前往系統管理' })).toHaveAttribute('href', '#/admin');
    expect(container.textContent).not.toContain('first admin password');
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('names the password field when it is too short, and sends nothing', async () => {
    window.location.hash = `#/setup?token=${TOKEN}`;
    render(<SetupScreen />);
    await fill('secretariat', 'short');
    expect(screen.getByLabelText('密碼')).toHaveAccessibleDescription(/錯誤：密碼：至少需 10 個字元/);
    expect(server.requests.some((r) => r.path === '/api/setup/first-admin')).toBe(false);
  });

  it('shows the server’s refusal of a wrong token as text', async () => {
    window.location.hash = '#/setup?token=not-the-token';
    render(<SetupScreen />);
    await fill('secretariat', 'first admin password');
    await expectLive('alert', /錯誤：.*token/);
    expect(await server.store.countUsers()).toBe(0);
    expect(useSession.getState().user).toBeNull();
  });

  it('says so when the link has no token', async () => {
    window.location.hash = '#/setup';
    const { container } = render(<SetupScreen />);
    expect(screen.getByText(/連結缺少一次性權杖（token）/)).toHaveAttribute('role', 'alert');
    expect(screen.queryByRole('button')).toBeNull();
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('says the link is no longer needed once an admin exists', async () => {
    await signInAs(server);
    window.location.hash = `#/setup?token=${TOKEN}`;
    render(<SetupScreen />);
    expect(await screen.findByText(/已有管理者帳號，此連結已不需要/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '建立並登入' })).toBeNull();
  });
});
