// @vitest-environment jsdom
// The 量表版本 section: a revised sheet is checked (errors name the node), previewed as the form
// with a worked example scored, uploaded and published with a date — against the real server code.
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SheetsSection from '../../../src/app/admin/SheetsSection';
import revised from '../../scoresheet/fixtures/bsmi-fubiao3.v2.json';
import { wcagViolations } from './axe';
import type { TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s), { signIn: true });

const paste = async (user: ReturnType<typeof userEvent.setup>, json: unknown) => {
  const box = screen.getByLabelText('量表定義（JSON）');
  await user.clear(box);
  // user.type treats { and [ as key descriptors: paste the text instead.
  await user.click(box);
  await user.paste(JSON.stringify(json));
};

describe('量表版本 section', () => {
  it('names the node at fault and uploads nothing for a broken sheet', async () => {
    const user = userEvent.setup();
    render(<SheetsSection />);
    await screen.findByRole('table', { name: '已知的量表版本' });
    const bad = JSON.parse(JSON.stringify(revised));
    bad.sections[1].children[1].children[3].points = 0;
    await paste(user, bad);
    await user.click(screen.getByRole('button', { name: '檢查並預覽' }));
    const issue = await screen.findByText(/sheet\.2\.2\.4/, undefined, { timeout: 10_000 });
    expect(issue).toHaveTextContent('sheet.2.2.4：量表定義有誤（節點 2.2.4）：sheet node 2.2.4: a check needs positive points');
    expect(issue.closest('[role="alert"]')).toHaveTextContent('量表定義有誤，無法上傳');
    expect(screen.queryByRole('button', { name: /^上傳/ })).toBeNull();
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/admin/sheets')).toBe(false);
  });

  it('previews the form with a worked example, uploads, then publishes with a date', async () => {
    const user = userEvent.setup();
    const { container } = render(<SheetsSection />);
    const table = await screen.findByRole('table', { name: '已知的量表版本' });
    expect(within(table).getByRole('row', { name: /經濟部標準檢驗局電話禮貌測試量表 1 100 內建 2022-01-24/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /範例：某市政府.* 內建範例（非標準檢驗局量表）/ })).toBeInTheDocument();

    await paste(user, revised);
    await user.click(screen.getByRole('button', { name: '檢查並預覽' }));
    const preview = await screen.findByRole('region', { name: '預覽' }, { timeout: 10_000 });
    expect(within(preview).getByRole('heading', { level: 3, name: /^預覽：/ })).toHaveTextContent('第 2 版，滿分 105');
    // The rendered form carries the new item, and the worked example is scored.
    expect(within(preview).getByText('４、主動告知承辦人姓名或分機號碼。')).toBeInTheDocument();
    expect(within(preview).getByText(/範例計分：\d+ \/ 105 分/)).toBeInTheDocument();
    expect(await wcagViolations(container)).toEqual([]);

    await user.click(within(preview).getByRole('button', { name: '上傳 bsmi-fubiao3 第 2 版' }));
    const row = await within(table).findByRole('row', { name: /修訂版.* 2 105 已上傳，未發布/ }, { timeout: 10_000 });
    // Publishing needs a date: refused on the page first, naming the field.
    await user.click(within(row).getByRole('button', { name: '發布 bsmi-fubiao3@2' }));
    expect(within(row).getByLabelText(/生效日期/)).toHaveAccessibleDescription(/錯誤：生效日期：必填/);
    await user.type(within(row).getByLabelText(/生效日期/), '2027-01-01');
    await user.click(within(row).getByRole('button', { name: '發布 bsmi-fubiao3@2' }));
    expect(await within(table).findByRole('row', { name: /修訂版.* 2 105 已發布 2027-01-01/ }, { timeout: 10_000 })).toBeInTheDocument();
    expect(await screen.findByText('已發布 bsmi-fubiao3 第 2 版，自 2027-01-01 起生效。')).toBeInTheDocument();
    expect((await server.store.listSheetVersions())[0]).toMatchObject({ version: 2, effectiveFrom: '2027-01-01', publishedBy: expect.any(String) });
  });
});
