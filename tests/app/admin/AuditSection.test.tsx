// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import AuditSection from '../../../src/app/admin/AuditSection';
import { formatRocDateTime } from '../../../src/record/quarter';
import { wcagViolations } from './axe';
import { signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s));

describe('稽核紀錄 section', () => {
  it('shows the server’s audit entries with ROC dates, and new ones on refresh', async () => {
    await signInAs(server);
    await server.store.audit({ actor: 'admin-1', action: 'quarter.close', target: '115-Q3', detail: '季末結算' });
    const user = userEvent.setup();
    const { container } = render(<AuditSection />);
    const table = await screen.findByRole('table', { name: /稽核紀錄（\d+ 筆，最新在前）/ });
    const row = within(table).getByRole('row', { name: /quarter\.close/ });
    expect(row).toHaveTextContent('115-Q3');
    expect(row).toHaveTextContent('季末結算');
    const entry = (await server.store.listAudit(10)).find((a) => a.action === 'quarter.close')!;
    expect(row).toHaveTextContent(formatRocDateTime(entry.at, 'zh'));
    expect(formatRocDateTime(entry.at, 'zh')).toMatch(/^民國\d+年/);
    expect(await wcagViolations(container)).toEqual([]);

    await server.store.audit({ actor: 'admin-1', action: 'export', target: 'annual-115.ods' });
    await user.click(screen.getByRole('button', { name: '重新整理' }));
    expect(await screen.findByRole('row', { name: /annual-115\.ods/ })).toBeInTheDocument();
  });

  it('asks the server for the chosen number of entries', async () => {
    await signInAs(server);
    const user = userEvent.setup();
    render(<AuditSection />);
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('顯示筆數'), '最近 200 筆');
    await expect.poll(() => server.requests.map((r) => r.path)).toContain('/api/audit?limit=200');
  });

  it('shows a refusal as text for a non-admin instead of crashing', async () => {
    await signInAs(server, 'tester');
    const { container } = render(<AuditSection />);
    expect(await screen.findByText(/無法載入：/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(await wcagViolations(container)).toEqual([]);
  });
});
