// @vitest-environment jsdom
// axe-core (WCAG 2.1 A and AA rules) on every screen of the tester's app, in both states a form has.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { useLangStore } from '../../src/app/i18n';
import { EXAMPLE, axeViolations, freshDbName, settle, startApp, stopApp } from './support';

let view: { unmount(): void; container: HTMLElement } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
});

async function go(hash: string, heading: RegExp | string) {
  act(() => void (window.location.hash = hash));
  await screen.findByRole('heading', { level: 1, name: heading });
}

describe('accessibility (axe, WCAG 2.1 AA)', { timeout: 90_000 }, () => {
  it('the axe harness does catch a violation (an unlabelled input)', async () => {
    const div = document.createElement('div');
    div.innerHTML = '<input type="text">';
    document.body.append(div);
    expect((await axeViolations(div)).join()).toMatch(/label/);
    div.remove();
  });

  it('finds no violation on any screen', async () => {
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    let done = await device.createTest({ unitId: 'unit-1', unitName: '第一課', switchboardNumber: '02', answererSurname: '王', extension: '1', testerName: '林' });
    for (const [k, v] of Object.entries(EXAMPLE)) done = await device.setAnswer(done.id, k, v);
    await device.completeTest(done.id);
    const draft = await device.createTest({ unitId: '', unitName: '第二課', switchboardNumber: '02', answererSurname: '陳', extension: '2', testerName: '林' });
    await device.setAnswer(draft.id, 'voiceSystem', false);
    await act(() => useDeviceStore.getState().refresh());

    const screens: [string, RegExp | string][] = [
      ['#/', '測試清單'],
      ['#/new', '新增測試'],
      [`#/test/${draft.id}`, /電話禮貌測試量表/],
      [`#/test/${done.id}`, /電話禮貌測試量表/],
      [`#/test/${done.id}/print`, '經濟部標準檢驗局電話禮貌測試量表'],
      ['#/settings', '設定'],
    ];
    for (const [hash, heading] of screens) {
      await go(hash, heading);
      await settle();
      expect(await axeViolations(view.container), hash).toEqual([]);
    }
    // And in English.
    act(() => useLangStore.getState().setLang('en'));
    await go(`#/test/${draft.id}`, /BSMI telephone-courtesy scoresheet/);
    expect(await axeViolations(view.container), 'form in English').toEqual([]);
    act(() => useLangStore.getState().setLang('zh'));
  });

  it('keeps the form accessible while live-call tools and blocked choices are showing', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/new');
    await user.click(await screen.findByRole('button', { name: '開始測試' }));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    await user.click(screen.getAllByRole('button', { name: '開始計時（撥出）' })[0]);
    await user.click(screen.getByRole('button', { name: '無人接聽（記錄第 1 次）' }));
    await user.click(screen.getAllByRole('radio', { name: /^無人接聽/ })[0]);
    await user.click(screen.getByRole('radio', { name: /^（１）無人接聽，電話系統自動轉接/ }));
    await settle();
    expect(await axeViolations(view.container)).toEqual([]);
  });
});
