// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import UnitsSection from '../../../src/app/admin/UnitsSection';
import { wcagViolations } from './axe';
import { expectLive, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s), { signIn: true });

describe('受測單位 section', () => {
  it('shows the empty state, then a created unit in the list and in the store', async () => {
    const user = userEvent.setup();
    const { container } = render(<UnitsSection />);
    expect(await screen.findByText('尚無受測單位。')).toBeInTheDocument();

    await user.type(screen.getByLabelText('單位名稱'), '嘉義辦事處');
    await user.type(screen.getByLabelText('電話號碼'), '05-2311-111');
    await user.click(screen.getByRole('button', { name: '新增受測單位' }));

    await expectLive('status', '已新增受測單位「嘉義辦事處」');
    const table = await screen.findByRole('table', { name: /受測單位（共 1 個）/ });
    const row = within(table).getByRole('row', { name: /嘉義辦事處/ });
    expect(row).toHaveTextContent('05-2311-111');
    expect((await server.store.listUnits()).map((u) => [u.name, u.phone])).toEqual([['嘉義辦事處', '05-2311-111']]);
    // the form is cleared for the next unit
    expect(screen.getByLabelText('單位名稱')).toHaveValue('');
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('names the field when the unit name is missing and sends nothing', async () => {
    const user = userEvent.setup();
    const { container } = render(<UnitsSection />);
    await screen.findByText('尚無受測單位。');
    await user.click(screen.getByRole('button', { name: '新增受測單位' }));

    const name = screen.getByLabelText('單位名稱');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('錯誤：單位名稱：必填');
    expect(name).toHaveFocus();
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/units')).toEqual([]);
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('shows the server’s refusal as text instead of crashing', async () => {
    const user = userEvent.setup();
    render(<UnitsSection />);
    await screen.findByText('尚無受測單位。');
    // The server allows at most 200 characters for a name; its message names the field.
    await user.click(screen.getByLabelText('單位名稱'));
    await user.paste('長'.repeat(201));
    await user.click(screen.getByRole('button', { name: '新增受測單位' }));
    await expectLive('alert', /錯誤：.*name/);
    expect(await server.store.listUnits()).toEqual([]);
  });
});
