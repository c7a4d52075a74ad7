// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import QuartersSection, { closeWarnings } from '../../../src/app/admin/QuartersSection';
import { quarterRows } from '../../../src/app/admin/quarterRows';
import { previousQuarter, quarterKey, quarterLabel, quarterOf } from '../../../src/record/quarter';
import { wcagViolations } from './axe';
import { expectLive, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s), { signIn: true });

const current = quarterOf(new Date());
const previous = previousQuarter(current);
const rowOf = async (label: string) => within(await screen.findByRole('table', { name: '季別狀態' })).getByRole('row', { name: new RegExp(label) });

describe('quarterRows', () => {
  it('adds the current and previous Taipei quarter to the server’s list, newest first', () => {
    // 2026-12-31T16:30Z is already 2027-01-01 in Taipei: ROC 116 Q1, and the previous is 115 Q4.
    const rows = quarterRows([{ key: '114-Q2', closed: true }, { key: '115-Q4', closed: true }], new Date('2026-12-31T16:30:00Z'));
    expect(rows.map((r) => [r.key, r.closed])).toEqual([
      ['116-Q1', false],
      ['115-Q4', true],
      ['114-Q2', true],
    ]);
  });
});

describe('closeWarnings', () => {
  it('warns about a quarter not over, server drafts, and this device’s unsynced tests and drafts', () => {
    const now = new Date('2026-12-02T01:00:00Z'); // ROC 115 Q4, 29 days left in Taipei
    const local = [
      { testedAt: '2026-11-20T02:00:00Z', status: 'draft', sync: { state: 'local' } },
      { testedAt: '2026-11-21T02:00:00Z', status: 'completed', sync: { state: 'confirmed' } },
      { testedAt: '2026-08-01T02:00:00Z', status: 'draft', sync: { state: 'local' } }, // another quarter
    ];
    const w = closeWarnings('115-Q4', { key: '115-Q4', closed: false, drafts: 2 }, local, 'zh', now).map((t) => t.zh);
    expect(w[0]).toMatch(/^此季尚未結束：還有 30 天（到 民國115年12月31日/);
    expect(w).toContain('伺服器上此季還有 2 份未完成的草稿。');
    expect(w).toContain('此裝置上還有 1 份此季的測試尚未同步到伺服器。');
    expect(w).toContain('此裝置上還有 1 份此季的草稿未完成。');
  });

  it('a past quarter with nothing pending closes without a warning', () => {
    expect(closeWarnings('115-Q3', { key: '115-Q3', closed: false }, [], 'en', new Date('2026-12-02T01:00:00Z'))).toEqual([]);
  });
});

describe('季別 section', () => {
  it('closes a quarter only with a reason, after a confirm step, and shows it closed', async () => {
    const user = userEvent.setup();
    const { container } = render(<QuartersSection />);
    const label = quarterLabel(current);
    expect(await rowOf(label)).toHaveTextContent('開放中');
    expect(await rowOf(quarterLabel(previous))).toHaveTextContent('開放中');

    await user.click(screen.getByRole('button', { name: `關閉 ${label}` }));
    const step = screen.getByRole('group', { name: `確認關閉 ${label}` });
    const reason = within(step).getByLabelText('原因');
    expect(reason).toHaveFocus();
    expect(await wcagViolations(container)).toEqual([]);
    // The current quarter is not over: the admin is warned, and the button says so (issue 14).
    expect(within(step).getByRole('alert')).toHaveTextContent(/此季尚未結束：還有 \d+ 天/);

    // No reason: refused on the page, naming the field; nothing sent, the quarter stays open.
    await user.click(within(step).getByRole('button', { name: '仍要關閉' }));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(/錯誤：原因：必填/);
    expect(server.requests.some((r) => r.path.includes('/close'))).toBe(false);
    expect((await server.store.listQuarters()).find((q) => q.key === quarterKey(current))?.closed ?? false).toBe(false);

    await user.type(reason, '本季測試已全部完成');
    await user.click(within(step).getByRole('button', { name: '仍要關閉' }));
    await expectLive('status', `已關閉${label}，該季測試已唯讀。`);
    await expect.poll(async () => (await rowOf(label)).textContent).toContain('已關閉（唯讀）');
    expect(screen.queryByRole('group', { name: `確認關閉 ${label}` })).toBeNull();
    const stored = (await server.store.listQuarters()).find((q) => q.key === quarterKey(current));
    expect(stored?.closed).toBe(true);
    expect(server.requests.find((r) => r.path === `/api/quarters/${quarterKey(current)}/close`)?.body).toEqual({ reason: '本季測試已全部完成' });
    // closedAt is shown in the ROC calendar
    expect(await rowOf(label)).toHaveTextContent(/民國\d+年\d+月\d+日/);
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('reopens a closed quarter with a reason; cancel leaves it closed', async () => {
    const key = quarterKey(previous);
    await server.store.setQuarterClosed(key, true, 'someone');
    const user = userEvent.setup();
    render(<QuartersSection />);
    const label = quarterLabel(previous);
    expect(await rowOf(label)).toHaveTextContent('已關閉（唯讀）');

    await user.click(screen.getByRole('button', { name: `重新開放 ${label}` }));
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('group', { name: `確認重新開放 ${label}` })).toBeNull();
    expect((await server.store.listQuarters()).find((q) => q.key === key)?.closed).toBe(true);

    await user.click(screen.getByRole('button', { name: `重新開放 ${label}` }));
    const step = screen.getByRole('group', { name: `確認重新開放 ${label}` });
    await user.type(within(step).getByLabelText('原因'), '補登一筆漏傳的測試');
    await user.click(within(step).getByRole('button', { name: '確認重新開放' }));
    await expectLive('status', `已重新開放${label}。`);
    await expect.poll(async () => (await rowOf(label)).textContent).toContain('開放中');
    expect((await server.store.listQuarters()).find((q) => q.key === key)?.closed).toBe(false);
  });

  it('shows a server error as text, e.g. when the session is gone', async () => {
    const user = userEvent.setup();
    render(<QuartersSection />);
    const label = quarterLabel(current);
    await rowOf(label);
    // Another tab signed out: the next request is refused and the page says why.
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': (await (await fetch('/api/auth/session')).json()).csrfToken } });
    await user.click(screen.getByRole('button', { name: `關閉 ${label}` }));
    await user.type(screen.getByLabelText('原因'), '結算');
    await user.click(screen.getByRole('button', { name: '仍要關閉' }));
    await expectLive('alert', /錯誤：.+/);
    expect(screen.getByRole('group', { name: `確認關閉 ${label}` })).toBeInTheDocument();
  });
});
