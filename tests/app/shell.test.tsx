// @vitest-environment jsdom
// The frame around the screens: navigation by role, the language switch, the prerendered first
// screen, and the prompts that must never reload a form with an unsaved tap.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { useSession } from '../../src/app/session';
import { usePwaStore } from '../../src/app/pwa/pwaStore';
import { useTestStore } from '../../src/app/state/testStore';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { navFor } from '../../src/app/routes';
import { render as prerender } from '../../src/app/prerender/entry';
import { freshDbName, idb, startApp, stopApp, zhLabel } from './support';

let view: { unmount(): void; container: HTMLElement } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
  useSession.setState({ user: null });
  usePwaStore.setState({ updateReady: false, applyUpdate: null });
});

describe('the app shell', { timeout: 60_000 }, () => {
  it('shows the screens each role may use', async () => {
    expect(navFor(undefined)).toEqual(['home', 'new', 'settings']);
    expect(navFor('tester')).toEqual(['home', 'new', 'settings']);
    expect(navFor('unitHead')).toEqual(['home', 'new', 'settings', 'review']);
    expect(navFor('admin')).toEqual(['home', 'new', 'settings', 'review', 'plan', 'report', 'admin']);
    view = await startApp(freshDbName(), '#/');
    const nav = screen.getByRole('navigation', { name: '主選單' });
    expect(within(nav).queryByRole('link', { name: '季檢討' })).toBeNull();
    act(() => useSession.setState({ user: { id: 'u1', username: 'boss', role: 'admin', unitIds: [] } }));
    expect(within(nav).getByRole('link', { name: '季檢討' })).toHaveAttribute('href', '#/review');
    expect(within(nav).getByRole('link', { name: '系統管理' })).toHaveAttribute('href', '#/admin');
    expect(within(nav).getByRole('link', { name: '測試清單' })).toHaveAttribute('aria-current', 'page');
  });

  it('switches the whole app, sheet texts included, to English and back', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/new');
    await user.click(await screen.findByRole('button', { name: '開始測試' }));
    await screen.findByRole('group', { name: zhLabel('2.2.2') });
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('group', { name: "2. Polite closing ('thank you', 'goodbye'…) and lets the caller hang up first." })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(document.documentElement.lang).toBe('zh-Hant-TW');
    expect(screen.getByRole('group', { name: zhLabel('2.2.2') })).toBeInTheDocument();
  });

  it('offers an app update only when the current test has no write pending', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    let applied = 0;
    act(() => usePwaStore.setState({ updateReady: true, applyUpdate: async () => void applied++ }));
    // The test store tells the screen a microtask later (testStore.ts): an async act lets it.
    await act(async () => useTestStore.setState({ pending: 1 }));
    // The banner's words load when there is something to say (Banners.tsx).
    expect(await screen.findByRole('button', { name: '儲存中，稍候再更新…' })).toBeDisabled();
    await act(async () => useTestStore.setState({ pending: 0 }));
    await user.click(screen.getByRole('button', { name: '更新（目前測試已儲存）' }));
    expect(applied).toBe(1);
  });

  it('asks for a reload when another tab upgrades the database', async () => {
    const name = freshDbName();
    view = await startApp(name, '#/');
    // Another tab opens a newer schema of the same database.
    const other = new Dexie(name, { indexedDB: idb, IDBKeyRange });
    other.version(99).stores({ tests: 'id, status, testedAt, updatedAt', outbox: '++seq, &opId, testId', meta: 'key' });
    await other.open();
    await waitFor(() => expect(useDeviceStore.getState().reloadNeeded).toBe(true));
    expect(await screen.findByRole('button', { name: '重新載入' })).toBeEnabled();
    expect(screen.getByRole('alert')).toHaveTextContent('應用程式已在另一個分頁更新');
    other.close();
  });

  it('prerenders the first screen without a device or a network', () => {
    const html = prerender();
    expect(html).toContain('測試清單');
    expect(html).toContain('＋ 新增測試');
    expect(html).toContain('aria-label="主選單"');
  });
});
