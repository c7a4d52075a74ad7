// @vitest-environment jsdom
// A measure typed wrong ("2.5" rings) never leaves the last good keystroke scoring in silence: the
// field says what is wrong, the stored measure is cleared, the item is unfinished, and the total stays.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { freshDbName, itemGroup, startApp, stopApp } from './support';

let view: { unmount(): void } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
});

describe('typing a measure', { timeout: 60_000 }, () => {
  it('2.5 rings: refused with a message, nothing of it scored, the total still shown', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/');
    const device = useDeviceStore.getState().device!;
    let test = await device.createTest({ unitId: '', unitName: '第一課', switchboardNumber: '02', answererSurname: '王', extension: '12', testerName: '林', testedAt: '2026-11-22T06:07:00.000Z' });
    test = await device.setAnswer(test.id, 'voiceSystem', true);
    test = await device.setAnswer(test.id, '1.2', { outcome: 'answered', rings: 3 });
    act(() => void (window.location.hash = `#/test/${test.id}`));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    const rings = within(itemGroup('1.2')).getByRole('spinbutton', { name: /電話鈴響/ });
    await user.clear(rings);
    await user.type(rings, '2.5');
    expect(await within(itemGroup('1.2')).findByRole('alert')).toHaveTextContent('請填 0 或以上的整數');
    await waitFor(async () => expect((await device.getTest(test.id))!.answers['1.2']).toEqual({ outcome: 'answered' }));
    expect(within(screen.getByRole('region', { name: '得分' })).getByText(/總得分：/)).toBeInTheDocument();
    await user.clear(rings);
    await user.type(rings, '2');
    await waitFor(async () => expect((await device.getTest(test.id))!.answers['1.2']).toEqual({ outcome: 'answered', rings: 2 }));
  });
});
