// @vitest-environment jsdom
// What a tester holding a phone relies on: a score bar that stays small (subtotals on demand, one
// tap to the next missing item), live-call tools where a ring tap cannot reset the count, no emoji
// (they are blank boxes without an emoji font), and English mode without Chinese punctuation.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { useLangStore } from '../../src/app/i18n';
import type { Answers } from '../../src/scoresheet';
import { EXAMPLE, choice, freshDbName, itemGroup, settle, startApp, stopApp } from './support';

let view: { unmount(): void } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
  act(() => useLangStore.getState().setLang('zh'));
});

async function openTest(answers: Answers, db = freshDbName()) {
  view = await startApp(db, '#/');
  const device = useDeviceStore.getState().device!;
  let test = await device.createTest({ unitId: '', unitName: '第一課', switchboardNumber: '02-1234', answererSurname: '王', extension: '12', testerName: '林', testedAt: '2026-11-22T06:07:00.000Z' });
  for (const [k, v] of Object.entries(answers)) test = await device.setAnswer(test.id, k, v);
  act(() => void (window.location.hash = `#/test/${test.id}`));
  await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
  return test;
}

/** Emoji and other pictographs an ordinary Chromium without an emoji font draws as empty boxes. */
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{23E9}-\u{23FA}\u{2B50}\u{2B55}\u{1F900}-\u{1F9FF}]/u;

describe('on a phone during a call', { timeout: 60_000 }, () => {
  it('keeps the score bar to one line: subtotals fold out on demand', async () => {
    const user = userEvent.setup();
    await openTest({});
    const bar = screen.getByRole('region', { name: '得分' });
    expect(within(bar).getByText(/總得分：/)).toHaveTextContent('總得分：0 / 100（尚缺');
    const toggle = within(bar).getByRole('button', { name: /小計/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(bar).getByText('一、總機接聽')).not.toBeVisible();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(bar).getByText('一、總機接聽')).toBeVisible();
    expect(within(bar).getByText('一、總機接聽').closest('li')).toHaveTextContent('0/45');
    expect(within(bar).getByText('二、業務單位接聽電話').closest('li')).toHaveTextContent('0/55');
    await user.click(toggle);
    expect(within(bar).getByText('一、總機接聽')).not.toBeVisible();
  });

  it('jumps from the bar to the next missing item, in sheet order', async () => {
    const user = userEvent.setup();
    const partial = { ...EXAMPLE };
    delete partial['1.3.8'];
    delete partial['2.2.2'];
    await openTest(partial);
    const next = () => within(screen.getByRole('region', { name: '得分' })).getByRole('button', { name: '下一個未填' });
    await user.click(next());
    expect(itemGroup('1.3.8').contains(document.activeElement)).toBe(true);
    await user.click(choice('1.3.8', '（１）語調謙和'));
    await settle();
    await user.click(next());
    expect(itemGroup('2.2.2').contains(document.activeElement)).toBe(true);
    await user.click(choice('2.2.2', '有'));
    await settle();
    // Nothing left: the button goes away and the bar says so.
    expect(within(screen.getByRole('region', { name: '得分' })).queryByRole('button', { name: '下一個未填' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: '得分' })).toHaveTextContent('（已填完）');
  });

  it('keeps the reset apart from the ring counter and shows it only once something was counted', async () => {
    const user = userEvent.setup();
    await openTest({});
    const tools = within(itemGroup('1.2')).getByRole('group', { name: '1.2 通話計時工具' });
    expect(within(tools).queryByRole('button', { name: '重設計時' })).not.toBeInTheDocument();
    const ring = within(tools).getByRole('button', { name: /鈴響 \+1/ });
    await user.click(ring);
    await user.click(ring);
    expect(ring).toHaveTextContent('鈴響 +1（2）');
    const reset = within(tools).getByRole('button', { name: '重設計時' });
    // Not a sibling of the big buttons: it lives in the state line above them.
    expect(reset.parentElement).not.toBe(ring.parentElement);
    await user.click(reset);
    expect(within(tools).getByRole('button', { name: /鈴響 \+1/ })).toHaveTextContent('鈴響 +1（0）');
  });

  it('draws its icons as SVG, never as emoji, on the list, the form and the print view', async () => {
    const test = await openTest(EXAMPLE);
    expect(document.body.textContent).not.toMatch(EMOJI);
    expect(screen.getByRole('link', { name: '列印附表3' }).querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    act(() => void (window.location.hash = '#/'));
    const row = await screen.findByRole('link', { name: /第一課/ });
    expect(row).toHaveTextContent('僅存於此裝置');
    expect(row.querySelector('svg[data-icon="device"]')).not.toBeNull();
    expect(document.body.textContent).not.toMatch(EMOJI);
    act(() => void (window.location.hash = `#/test/${test.id}/print`));
    await screen.findByRole('button', { name: '列印' });
    expect(document.body.textContent).not.toMatch(EMOJI);
  });

  it('uses English punctuation in English mode', async () => {
    await openTest({});
    act(() => useLangStore.getState().setLang('en'));
    const yes = screen.getAllByRole('radio', { name: /^Yes\s*\(3 pts\)$/ })[0];
    expect(document.querySelector(`label[for="${yes.id}"]`)).toHaveTextContent(/^Yes \(3 pts\)$/);
    expect(screen.getAllByLabelText(/^Rings \(/).length).toBeGreaterThan(0);
    expect(screen.getByRole('region', { name: 'Score' })).toHaveTextContent(/Total: 0 \/ 100 \(20 missing\)/);
    // No full-width brackets or colons left in the app's own words (the sheet's English has none).
    const main = document.querySelector('main')!;
    const text = (main.textContent ?? '').replace(/第一課/g, '');
    expect(text).not.toMatch(/[（）：；]/);
  });

  it('keeps a running stopwatch and the ring count through a reload, for that test only', async () => {
    const user = userEvent.setup();
    const db = freshDbName();
    const first = await openTest({}, db);
    const tools = () => within(itemGroup('2.1.1')).getByRole('group', { name: '2.1.1 通話計時工具' });
    await user.click(within(tools()).getByRole('button', { name: '開始計時（撥出）' }));
    await user.click(within(tools()).getByRole('button', { name: /鈴響 \+1/ }));
    await user.click(within(tools()).getByRole('button', { name: /鈴響 \+1/ }));
    await settle();
    // Every tap is in IndexedDB (the device's live table), not in memory or localStorage.
    const kept = await useDeviceStore.getState().device!.liveOf(first.id);
    expect(kept.find((r) => r.itemId === '2.1.1')).toMatchObject({ count: 2, startedAt: expect.any(Number) });

    // "Reload": the app starts again on the same IndexedDB and reads what was stored.
    stopApp(view!);
    view = await startApp(db, `#/test/${first.id}`);
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    expect(within(tools()).getByRole('button', { name: /鈴響 \+1/ })).toHaveTextContent('鈴響 +1（2）');
    expect(within(tools()).getByText(/計時中 \d+(\.\d)? 秒・已 2 聲/)).toBeInTheDocument();
    // Another test on the device has its own, untouched tools.
    const other = await useDeviceStore.getState().device!.createTest({ unitId: '', unitName: '第二課', switchboardNumber: '', answererSurname: '', extension: '', testerName: '林', testedAt: '2026-11-22T07:00:00.000Z' });
    act(() => void (window.location.hash = `#/test/${other.id}`));
    await screen.findByText(/第二課 ·/);
    expect(within(tools()).getByRole('button', { name: /鈴響 \+1/ })).toHaveTextContent('鈴響 +1（0）');
    expect(within(tools()).getByRole('button', { name: '開始計時（撥出）' })).toBeInTheDocument();
    act(() => void (window.location.hash = `#/test/${first.id}`));
    await screen.findByText(/第一課 ·/);
    await user.click(within(tools()).getByRole('button', { name: /^已接聽/ }));
    await settle();
    await waitFor(async () => {
      const stored = await useDeviceStore.getState().device!.getTest(first.id);
      expect(stored!.answers['2.1.1']).toMatchObject({ outcome: 'answered', rings: 2, seconds: expect.any(Number) });
    });
    expect(within(tools()).getByText(/✓ 已接聽・2 聲・\d+(\.\d)? 秒/)).toBeInTheDocument();
  });
});
