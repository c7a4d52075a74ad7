// @vitest-environment jsdom
// Autosave and reopen, completion with missing items, read-only and correction, the list, live tools.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { useTestStore } from '../../src/app/state/testStore';
import type { Answers } from '../../src/scoresheet';
import { EXAMPLE, choice, freshDbName, itemGroup, settle, startApp, stopApp, zhLabel } from './support';

let view: { unmount(): void } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
});

const details = { unitId: 'unit-1', unitName: '第一課', switchboardNumber: '02-1234', answererSurname: '王', extension: '1234', testerName: '林測試' };

/** Put a test on the device the way the form would, then open it in the app. */
async function seed(answers: Answers, testedAt = '2026-11-22T06:07:00.000Z') {
  const device = useDeviceStore.getState().device!;
  let test = await device.createTest({ ...details, testedAt });
  for (const [k, v] of Object.entries(answers)) test = await device.setAnswer(test.id, k, v);
  return test;
}

describe('the tester’s app', { timeout: 60_000 }, () => {
  it('saves every tap and offers to continue the draft after a reload', async () => {
    const user = userEvent.setup();
    const db = freshDbName();
    view = await startApp(db, '#/new');
    await user.type(await screen.findByLabelText('受測單位'), '嘉義辦事處');
    await user.click(screen.getByRole('button', { name: '開始測試' }));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    await user.click(choice('1.3.1', '有'));
    await user.click(choice('2.2.1', '（１）清晰報明單位名稱'));
    await settle();
    stopApp(view);

    // "Reload": a new app on the same database.
    view = await startApp(db, '#/');
    expect(await screen.findByText(/有一份未完成的測試/)).toHaveTextContent('嘉義辦事處');
    await user.click(screen.getByRole('link', { name: '繼續填寫' }));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    expect(choice('1.3.1', '有')).toBeChecked();
    expect(choice('2.2.1', '（１）清晰報明單位名稱')).toBeChecked();
    expect(choice('1.3.2', '有')).not.toBeChecked();
  });

  it('lists the missing items on completion and jumps to each', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const partial = { ...EXAMPLE };
    delete partial['1.3.8'];
    delete partial['2.2.2'];
    const test = await seed(partial);
    act(() => void (window.location.hash = `#/test/${test.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    const list = screen.getByRole('list', { name: '尚未填答的項目（2）' });
    const links = within(list).getAllByRole('button');
    // Each names where the item sits too: 「1、…」「2、…」 repeat between the sections.
    expect(links.map((b) => b.textContent)).toEqual([
      `一、總機接聽 › （三）總機人員電話禮貌前往：${zhLabel('1.3.8')}`,
      `二、業務單位接聽電話 › （二）電話禮貌前往：${zhLabel('2.2.2')}`,
    ]);
    await user.click(screen.getByRole('button', { name: '完成測試' }));
    // Not completed: focus goes to the list of what is missing.
    expect(screen.getByRole('heading', { name: '尚未填答的項目（2）' })).toHaveFocus();
    await user.click(links[1]);
    expect(itemGroup('2.2.2').contains(document.activeElement)).toBe(true);
    await user.click(choice('2.2.2', '有'));
    await user.click(within(screen.getByRole('list', { name: '尚未填答的項目（1）' })).getByRole('button'));
    expect(itemGroup('1.3.8').contains(document.activeElement)).toBe(true);
  });

  it('makes a completed test read-only, and a correction keeps the earlier version', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const test = await seed(EXAMPLE);
    act(() => void (window.location.hash = `#/test/${test.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    expect(screen.getByText('✓ 所有項目都已填答。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '完成測試' }));
    await screen.findByText('✓ 已完成（唯讀）', { exact: false });
    expect(choice('2.2.2', '有')).toBeDisabled();
    expect(choice('2.2.2', '無')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /開始計時/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: '更正' }));
    await user.type(screen.getByLabelText('更正原因'), '2.2.2 記錯');
    await user.click(screen.getByRole('button', { name: '更正並重新開啟' }));
    await screen.findByRole('heading', { name: '更正紀錄' });
    expect(screen.getByRole('heading', { name: '更正紀錄' }).nextElementSibling).toHaveTextContent('79 分；更正原因：2.2.2 記錯');
    await user.click(choice('2.2.2', '無'));
    await settle();
    expect(screen.getByText((_, el) => el?.classList.contains('total') === true)).toHaveTextContent('總得分：74 / 100');
    const stored = await useDeviceStore.getState().device!.getTest(test.id);
    expect(stored!.history).toHaveLength(1);
    expect(stored!.history[0].answers['2.2.2']).toBe(true);
    expect(stored!.answers['2.2.2']).toBe(false);
  });

  it('lists tests by quarter with score, unit, ROC date and the answerer masked', async () => {
    view = await startApp(freshDbName(), '#/');
    await act(async () => {
      await seed(EXAMPLE, '2026-11-22T06:07:00.000Z');
      await seed({ voiceSystem: false }, '2026-05-02T01:00:00.000Z');
    });
    const q4 = await screen.findByRole('region', { name: '115 年第 4 季' });
    const q2 = screen.getByRole('region', { name: '115 年第 2 季' });
    expect(q4.compareDocumentPosition(q2) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const row = within(q4).getByRole('link');
    expect(row).toHaveTextContent('第一課');
    expect(row).toHaveTextContent('民國115年11月22日 14:07');
    expect(row).toHaveTextContent('79 / 100 分');
    expect(row).toHaveTextContent('受話者：王○○');
    expect(row).toHaveTextContent('僅存於此裝置');
    expect(within(q2).getByRole('link')).toHaveTextContent('草稿');
  });

  it('counts rings and times the answer with the live-call tools', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const test = await seed({});
    act(() => void (window.location.hash = `#/test/${test.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    const g = itemGroup('2.1.1');
    await user.click(within(g).getByRole('button', { name: '開始計時（撥出）' }));
    for (let i = 0; i < 5; i++) await user.click(within(g).getByRole('button', { name: /鈴響 \+1/ }));
    await user.click(within(g).getByRole('button', { name: /^已接聽/ }));
    await settle();
    const answer = useTestStore.getState().test!.answers['2.1.1'] as { outcome: string; rings: number; seconds: number };
    expect(answer.outcome).toBe('answered');
    expect(answer.rings).toBe(5);
    expect(typeof answer.seconds).toBe('number');
    expect(within(g).getByLabelText('電話鈴響（聲）')).toHaveValue(5);
    expect(choice('2.1.2', '有人接聽（給分）')).toBeChecked();
  });

  it('logs an unanswered switchboard call, counts down 10 minutes, then records 「連打 2 次無人接聽」', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    const test = await seed({});
    act(() => void (window.location.hash = `#/test/${test.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    await user.click(screen.getByRole('button', { name: '無人接聽（記錄第 1 次）' }));
    await settle();
    expect(screen.getByText(/再測倒數 \d+:\d\d/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /第 2 次仍無人接聽/ })).toBeDisabled();
    expect((await device.getTest(test.id))!.attempts).toHaveLength(1);
    stopApp(view);

    // The first attempt was 11 minutes ago (stored on the device): the retest is due.
    const db = device.name;
    view = await startApp(db, '#/');
    const d2 = useDeviceStore.getState().device!;
    const fresh = await d2.createTest({ ...details });
    await d2.addAttempt(fresh.id, { at: new Date(Date.now() - 11 * 60_000).toISOString(), outcome: 'unanswered' });
    act(() => void (window.location.hash = `#/test/${fresh.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    expect(await screen.findByRole('alert')).toHaveTextContent('已滿 10 分鐘，請再撥一次');
    await user.click(screen.getByRole('button', { name: /第 2 次仍無人接聽/ }));
    await settle();
    const stored = await d2.getTest(fresh.id);
    expect(stored!.answers['1.2']).toEqual({ outcome: 'unansweredTwice' });
    expect(stored!.attempts.map((a) => a.outcome)).toEqual(['unanswered', 'unanswered']);
    // The operator never answered: 1.3 scores 0 and says why.
    expect(screen.getByText('總機人員未接聽，本項 0 分', { selector: '.excluded-note' })).toBeInTheDocument();
    await waitFor(() => expect(useTestStore.getState().pending).toBe(0));
  });

  it('prints as 附表3: header texts, ticked boxes, points per item, total, ROC date and tester', async () => {
    view = await startApp(freshDbName(), '#/');
    const test = await seed(EXAMPLE);
    act(() => void (window.location.hash = `#/test/${test.id}/print`));
    await screen.findByRole('heading', { level: 1, name: '經濟部標準檢驗局電話禮貌測試量表' });
    expect(screen.getByText('【附表 3】')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /受測單位 第一課 測試時間 民國115年11月22日 14:07/ })).toBeInTheDocument();
    const row = screen.getByRole('row', { name: new RegExp(`^${zhLabel('1.3.8').replace(/[()（）]/g, '.')}`) });
    expect(row).toHaveTextContent('☐（１）語調謙和、熱誠。☑（２）語調平淡，態度尚佳。☐（３）語調急躁、不耐煩。');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', expect.any(String), '1']);
    expect(screen.getByRole('row', { name: /總得分 79/ })).toBeInTheDocument();
    expect(screen.getByText('測試人員簽名', { exact: false })).toHaveTextContent('測試人員簽名：林測試');
  });

  it('prints both switchboard attempts of a retest, with their ROC times', async () => {
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    const test = await device.createTest({ ...details, testedAt: '2026-11-22T06:07:00.000Z' });
    await device.addAttempt(test.id, { at: '2026-11-22T06:07:00.000Z', outcome: 'unanswered' });
    await device.addAttempt(test.id, { at: '2026-11-22T06:18:00.000Z', outcome: 'unanswered' });
    act(() => void (window.location.hash = `#/test/${test.id}/print`));
    const table = await screen.findByRole('table', { name: '總機撥打紀錄' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['民國115年11月22日 14:07', '民國115年11月22日 14:18']);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['第 1 次', '第 2 次']);
  });
});
