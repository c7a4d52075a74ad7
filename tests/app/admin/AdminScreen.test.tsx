// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import AdminScreen from '../../../src/app/admin/AdminScreen';
import { useLangStore } from '../../../src/app/i18n';
import { wcagViolations } from './axe';
import { signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s));

describe('系統管理 screen', () => {
  it('asks a visitor to sign in, after checking the session with the server', async () => {
    render(<AdminScreen />);
    expect(await screen.findByText('請先以秘書室（研考）帳號登入。')).toBeInTheDocument();
    expect(server.requests.map((r) => r.path)).toContain('/api/auth/session');
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('tells a tester the page is for the secretariat', async () => {
    await signInAs(server, 'tester');
    const { container } = render(<AdminScreen />);
    expect(screen.getByText('此頁限秘書室（研考）使用。')).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('gives an admin six tabs, by click and by arrow keys, each passing axe', async () => {
    await signInAs(server);
    const user = userEvent.setup();
    const { container } = render(<AdminScreen />);
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent);
    expect(tabs).toEqual(['受測單位', '使用者', '季別', '量表版本', '稽核紀錄', '個資清除']);
    expect(screen.getByRole('tab', { name: '受測單位' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('heading', { level: 2, name: '受測單位' })).toBeInTheDocument();
    await screen.findByText('尚無受測單位。');
    expect(await wcagViolations(container)).toEqual([]);

    await user.click(screen.getByRole('tab', { name: '季別' }));
    expect(screen.getByRole('tabpanel', { name: '季別' })).toBeInTheDocument();
    await screen.findByRole('table', { name: '季別狀態' });
    expect(await wcagViolations(container)).toEqual([]);

    // Arrow keys move between tabs and focus follows.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: '量表版本' })).toHaveFocus();
    expect(await screen.findByRole('heading', { level: 2, name: '量表版本' })).toBeInTheDocument();
    await screen.findByRole('table', { name: '已知的量表版本' });
    expect(await wcagViolations(container)).toEqual([]);
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: '稽核紀錄' })).toHaveFocus();
    expect(await screen.findByRole('heading', { level: 2, name: '稽核紀錄' })).toBeInTheDocument();
    await screen.findByRole('table');
    expect(await wcagViolations(container)).toEqual([]);
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: '個資清除' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: '受測單位' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: '個資清除' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: '使用者' })).toHaveAttribute('aria-selected', 'true');
    await screen.findByRole('table', { name: /使用者（共 1 位）/ });
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('switches to English', async () => {
    await signInAs(server);
    useLangStore.setState({ lang: 'en' });
    render(<AdminScreen />);
    expect(screen.getByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Units tested', 'Users', 'Quarters', 'Sheet versions', 'Audit log', 'Personal-data purge']);
    expect(await screen.findByText('No units yet.')).toBeInTheDocument();
  });
});
