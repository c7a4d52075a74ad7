// @vitest-environment jsdom
// The 受測單位 field: a typed name is matched to the unit list (so the test can sync), and a name the
// list does not have is flagged while the tester is still on the form, not first at sync.
import '@testing-library/jest-dom/vitest';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DetailsFields, type Details } from '../../../src/app/details/DetailsFields';
import { currentSheet } from '../../../src/scoresheet';

const UNITS = [
  { id: 'u1', name: '臺中分局', phone: '04-2261-2161' },
  { id: 'u2', name: '第五組' },
];
const empty: Details = { unitId: '', unitName: '', switchboardNumber: '', answererSurname: '', extension: '', testerName: '', testedAt: '2026-11-22T06:07:00.000Z' };

let last: Details = empty;
function Form({ start = empty }: { start?: Details }) {
  const [value, setValue] = useState(start);
  last = value;
  return <DetailsFields sheet={currentSheet} value={value} onChange={(patch) => setValue((v) => (last = { ...v, ...patch }))} />;
}

beforeEach(() => localStorage.setItem('courtesy.units', JSON.stringify(UNITS)));
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the unit field', () => {
  it('matches a typed name to the list (台/臺): the test gets the unit and its switchboard number', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.type(screen.getByLabelText(currentSheet.header.unit.zh), '台中分局');
    expect(last).toMatchObject({ unitId: 'u1', unitName: '台中分局', switchboardNumber: '04-2261-2161' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says at once that a unit not on the list cannot sync, and clears the unit id', async () => {
    const user = userEvent.setup();
    render(<Form />);
    await user.type(screen.getByLabelText(currentSheet.header.unit.zh), '第六組');
    expect(last).toMatchObject({ unitId: '', unitName: '第六組' });
    expect(screen.getByRole('alert')).toHaveTextContent('「第六組」不在單位清單中：這份測試將無法同步。請從清單選擇受測單位。');
  });

  it('matches a name typed before the list was on the device, once the list is there', () => {
    render(<Form start={{ ...empty, unitName: ' 第五組 ' }} />);
    expect(last).toMatchObject({ unitId: 'u2', unitName: '第五組' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
