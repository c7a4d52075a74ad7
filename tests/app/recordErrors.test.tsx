// @vitest-environment jsdom
// The record contract's refusals reach the user in their language: a server 400 through the app's
// api(), a rejected test's reasons in the list, and an outdated app's 「請更新 App」.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { api, ApiError } from '../../src/app/api';
import { useLangStore } from '../../src/app/i18n';
import { syncLabel } from '../../src/app/list/syncLabel';
import { useSession } from '../../src/app/session';
import { SyncPanel } from '../../src/app/sync/SyncPanel';
import { useSyncStore } from '../../src/app/sync/syncStore';

const refusal = { field: 'unitName', rule: 'max length', message: { zh: '最多 100 個字', en: 'at most 100 characters' } };

afterEach(() => {
  vi.unstubAllGlobals();
  useLangStore.getState().setLang('zh');
});

describe('refusals in the user’s language', () => {
  it('api() throws the server’s message in the chosen language, naming the field', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'unitName: at most 100 characters (max length)', ...refusal }), { status: 400 }));
    useLangStore.getState().setLang('zh');
    const zh = await api('/api/units', { body: { name: 'x' } }).catch((e: ApiError) => e);
    expect(zh).toBeInstanceOf(ApiError);
    expect((zh as ApiError).message).toBe('unitName：最多 100 個字');
    useLangStore.getState().setLang('en');
    expect(((await api('/api/units', { body: {} }).catch((e) => e)) as ApiError).message).toBe('unitName：at most 100 characters');
  });

  it('a rejected test says why, from the errors as data', () => {
    const label = syncLabel({ state: 'rejected', error: 'unitName: at most 100 characters (max length)', errors: [refusal] });
    expect(label.text.zh).toBe('伺服器拒收：unitName：最多 100 個字');
    expect(label.text.en).toBe('Rejected by the server: unitName: at most 100 characters');
  });

  it('an outdated app asks for the update, with the button, instead of reporting a sync failure', () => {
    useSession.setState({ user: { id: 'u', username: 'tester', role: 'tester', unitIds: [] } } as never);
    useSyncStore.setState({ runner: async () => undefined, engine: { phase: 'outdated', pending: 3, error: 'protocol: update the app' } });
    render(<SyncPanel />);
    expect(screen.getByRole('alert')).toHaveTextContent('請更新 App');
    expect(screen.getByRole('button', { name: '更新 App' })).toBeInTheDocument();
    expect(screen.queryByText(/同步失敗/)).toBeNull();
  });
});
