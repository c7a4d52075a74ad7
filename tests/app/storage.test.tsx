// @vitest-environment jsdom
// Storage trouble and sync results as the tester sees them: a lost database connection, a conflict
// with the server's copy, a rejected change; and the local backup and storage state in Settings.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import type { ServerRecord } from '../../src/sync/protocol';
import { EXAMPLE, choice, freshDbName, openOn, settle, startApp, stopApp } from './support';

let view: { unmount(): void; container: HTMLElement } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
});

const details = { unitId: 'unit-1', unitName: '第一課', switchboardNumber: '02', answererSurname: '王', extension: '12', testerName: '林' };

async function openForm(id: string) {
  act(() => void (window.location.hash = `#/test/${id}`));
  await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
}

describe('storage and sync states', { timeout: 60_000 }, () => {
  it('says clearly, in both languages, when the database connection is lost — and loses nothing saved', async () => {
    const user = userEvent.setup();
    const db = freshDbName();
    view = await startApp(db, '#/');
    const device = useDeviceStore.getState().device!;
    const test = await device.createTest(details);
    await openForm(test.id);
    await user.click(choice('1.3.1', '有'));
    await settle();
    device.close();
    await user.click(choice('1.3.2', '有'));
    await settle();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('與裝置資料庫的連線已中斷；先前已儲存的資料完整無缺');
    expect(alert).toHaveTextContent('The connection to the device database was lost');
    // The tap that could not be saved is not shown as if it were.
    await waitFor(() => expect(choice('1.3.2', '有')).not.toBeChecked());
    const again = await openOn(db);
    expect((await again.getTest(test.id))!.answers).toEqual({ '1.3.1': true });
    again.close();
  });

  it('shows a conflict side by side and takes the server’s copy when asked', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    let test = await device.createTest(details);
    for (const [k, v] of Object.entries(EXAMPLE)) test = await device.setAnswer(test.id, k, v);
    const ops = await device.syncStore.pendingOps(50);
    const server: ServerRecord = {
      ...ops[ops.length - 1].record,
      answers: { ...EXAMPLE, '2.2.2': false },
      rev: 3,
      seq: 9,
      score: null,
      quarter: '115-Q4',
    };
    delete (server as { baseRev?: number }).baseRev;
    await device.syncStore.applyPushResults(ops.map((o) => ({ opId: o.opId, status: 'conflict' as const, record: server })));
    await act(() => useDeviceStore.getState().refresh());
    expect(await screen.findByText(/衝突：伺服器上有不同的版本/)).toBeInTheDocument();
    await openForm(test.id);
    const table = screen.getByRole('table', { name: '不同之處' });
    expect(within(table).getByRole('row', { name: /總得分 79 \/ 100 74 \/ 100/ })).toBeInTheDocument();
    const row = within(table).getByRole('row', { name: /２、結束時，有禮貌性用語/ });
    expect(row).toHaveTextContent('有');
    expect(row).toHaveTextContent('無');
    await user.click(screen.getByRole('button', { name: '採用伺服器版本' }));
    await settle();
    await waitFor(async () => expect((await device.getTest(test.id))!.answers['2.2.2']).toBe(false));
    await waitFor(() => expect(screen.queryByRole('table', { name: '不同之處' })).toBeNull());
    expect(screen.getByText(/伺服器已確認（版本 3）/)).toBeInTheDocument();
  });

  it('shows why the server rejected a change', async () => {
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    await device.createTest(details);
    const ops = await device.syncStore.pendingOps(50);
    await device.syncStore.applyPushResults(ops.map((o) => ({ opId: o.opId, status: 'rejected' as const, error: 'quarter 115-Q4 is closed' })));
    await act(() => useDeviceStore.getState().refresh());
    // In the tester's language, with what to do (issue 14: no raw English in a zh-TW list).
    expect(await screen.findByText(/115-Q4 季已結算，伺服器暫不收件。請聯絡研考（管理者）重新開放該季；開放後會自動重送/)).toBeInTheDocument();
  });

  it('exports a backup and imports it back without doubling a test', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/settings');
    const device = useDeviceStore.getState().device!;
    await device.createTest(details);
    await screen.findByRole('heading', { level: 1, name: '設定' });
    expect(screen.getByText(/永久儲存/, { selector: '[role=status]' })).toBeInTheDocument();
    const json = await device.exportBackup();
    const file = new File([json], 'backup.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('匯入備份檔'), file);
    expect(await screen.findByText(/匯入完成：新增 0、更新 0、更正 0、相同 1/)).toBeInTheDocument();
    expect(await device.listTests()).toHaveLength(1);
    await user.upload(screen.getByLabelText('匯入備份檔'), new File(['{"nope":1}'], 'bad.json'));
    // A file that is not a backup is refused with a message, and nothing changes.
    const messages = await screen.findAllByText(/^⚠/, { selector: '[role=status]' });
    expect(messages.some((m) => !/永久儲存/.test(m.textContent ?? ''))).toBe(true);
    expect(await device.listTests()).toHaveLength(1);
  });
});
