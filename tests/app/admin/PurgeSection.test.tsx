// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { randomUUID } from 'node:crypto';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import PurgeSection from '../../../src/app/admin/PurgeSection';
import { cutoffInstant } from '../../../src/app/admin/purgeCutoff';
import { currentSheet } from '../../../src/scoresheet';
import { wcagViolations } from './axe';
import { expectLive, signInAs, type TestServer } from './harness';
import { serverPerTest } from './serverPerTest';

let server: TestServer;
serverPerTest((s) => (server = s));

/** A tester's test pushed through the real store, with the personal data the purge must blank. */
async function seedTest(testerId: string, unitId: string, testedAt: string, surname: string, extension: string) {
  const [result] = await server.store.push({ userId: testerId, role: 'tester', unitIds: [] }, 'device-1', [
    {
      opId: randomUUID(),
      record: {
        id: randomUUID(),
        baseRev: 0,
        unitId,
        unitName: '第一課',
        switchboardNumber: '02-2343-1700',
        answererSurname: surname,
        extension,
        testerName: '測試員',
        testedAt,
        sheet: { id: currentSheet.id, version: currentSheet.version },
        answers: {},
        attempts: [],
        status: 'draft',
        history: [],
        createdAt: testedAt,
        updatedAt: testedAt,
      },
    },
  ]);
  expect(result.status).toBe('applied');
}

describe('cutoffInstant', () => {
  it('is 00:00 Taipei time of the chosen day, and refuses impossible days', () => {
    expect(cutoffInstant('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
    expect(cutoffInstant('2026-02-30')).toBeUndefined();
    expect(cutoffInstant('')).toBeUndefined();
  });
});

describe('個資清除 section', () => {
  it('explains, confirms, purges the tests before the day and shows the count', async () => {
    const tester = await server.store.createUser({ username: 'tester1', password: 'long enough pw', role: 'tester' });
    const unit = await server.store.createUnit({ name: '第一課' });
    await seedTest(tester.id, unit.id, '2025-03-10T10:00:00+08:00', '王', '123');
    await seedTest(tester.id, unit.id, '2025-12-31T23:59:00+08:00', '林', '456');
    await seedTest(tester.id, unit.id, '2026-01-01T00:00:00+08:00', '陳', '789'); // on the day: kept
    await signInAs(server);

    const user = userEvent.setup();
    const { container } = render(<PurgeSection />);
    expect(screen.getByText(/受話者姓氏.*分機號碼/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('清除此日期之前的測試個資'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: '檢視清除範圍' }));
    const step = screen.getByRole('group', { name: '確認清除個資' });
    expect(step).toHaveTextContent('將清除 民國115年1月1日（不含）之前所有測試的受話者姓氏與分機號碼');
    expect(screen.getByRole('button', { name: '確認清除' })).toHaveFocus();
    // Nothing happens before the confirmation.
    expect(server.requests.some((r) => r.path === '/api/admin/purge-personal-data')).toBe(false);
    expect(await wcagViolations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: '確認清除' }));
    await expectLive('status', '已清除 2 筆測試的受話者姓氏與分機號碼（民國115年1月1日之前）。');
    const kept = (await server.store.listTests({})).map((t) => [t.answererSurname, t.extension]).sort();
    expect(kept).toEqual([['', ''], ['', ''], ['陳', '789']]);
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('names the date field when no date is chosen, and sends nothing', async () => {
    await signInAs(server);
    const user = userEvent.setup();
    render(<PurgeSection />);
    await user.click(screen.getByRole('button', { name: '檢視清除範圍' }));
    const day = screen.getByLabelText('清除此日期之前的測試個資');
    expect(day).toHaveAttribute('aria-invalid', 'true');
    expect(day).toHaveAccessibleDescription(/錯誤：清除此日期之前的測試個資：請選擇有效的日期/);
    expect(screen.queryByRole('group', { name: '確認清除個資' })).toBeNull();
    expect(server.requests.some((r) => r.path === '/api/admin/purge-personal-data')).toBe(false);
  });

  it('shows the server’s refusal as text (a tester may not purge)', async () => {
    await signInAs(server, 'tester');
    const user = userEvent.setup();
    render(<PurgeSection />);
    await user.type(screen.getByLabelText('清除此日期之前的測試個資'), '2025-06-30');
    await user.click(screen.getByRole('button', { name: '檢視清除範圍' }));
    await user.click(screen.getByRole('button', { name: '確認清除' }));
    await expectLive('alert', /錯誤：.*admin/);
  });
});
