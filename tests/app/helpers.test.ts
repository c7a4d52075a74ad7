// Small pure pieces of the app: Taipei time in the date field, the order taps are written in,
// and sync states in words.
import { describe, expect, it } from 'vitest';
import { fromTaipeiInput, toTaipeiInput } from '../../src/app/details/taipeiInput';
import { diff } from '../../src/app/state/testStore';
import { syncLabel } from '../../src/app/list/syncLabel';
import { secondsBetween } from '../../src/app/live/clock';
import { hrefOf, parseHash } from '../../src/app/routes';

describe('the test time field', () => {
  it('reads and writes the Taipei wall clock whatever the device’s zone', () => {
    expect(toTaipeiInput('2026-11-22T06:07:00.000Z')).toBe('2026-11-22T14:07');
    expect(fromTaipeiInput('2026-11-22T14:07')).toBe('2026-11-22T06:07:00.000Z');
    expect(toTaipeiInput('2026-12-31T17:30:00.000Z')).toBe('2027-01-01T01:30');
    expect(fromTaipeiInput('')).toBeUndefined();
    expect(fromTaipeiInput('2026-13-01T00:00')).toBeUndefined();
  });
});

describe('writing one tap', () => {
  it('clears ruled-out answers first, then the tapped item, then the fixes', () => {
    const before = { voiceSystem: true, '1.1.1': 'a', '1.3.5': 'a' } as const;
    const after = { voiceSystem: false, '1.3.5': 'na', '1.3.6': 'na' } as const;
    expect(diff({ ...before }, { ...after }, 'voiceSystem')).toEqual([
      ['1.1.1', undefined],
      ['voiceSystem', false],
      ['1.3.5', 'na'],
      ['1.3.6', 'na'],
    ]);
  });
});

describe('sync state in words', () => {
  it('names every state with an icon and text', () => {
    expect(syncLabel({ state: 'local' })).toEqual({ icon: 'device', text: { zh: '僅存於此裝置', en: 'Only on this device' } });
    expect(syncLabel({ state: 'confirmed', rev: 4 }).text.zh).toBe('伺服器已確認（版本 4）');
    expect(syncLabel({ state: 'pending', rev: 2 }).text.en).toBe('Changes waiting to be sent (server rev 2)');
    expect(syncLabel({ state: 'rejected', error: 'closed quarter' }).text.zh).toBe('伺服器拒收：closed quarter');
    expect(syncLabel({ state: 'conflict' }).icon).toBe('warning');
  });
});

describe('the stopwatch', () => {
  it('gives seconds to one decimal, never rounded down to a better score', () => {
    expect(secondsBetween(1000, 11_000)).toBe(10);
    expect(secondsBetween(1000, 11_001)).toBe(10.1);
    expect(secondsBetween(1000, 900)).toBe(0);
  });
});

describe('hash routes', () => {
  it('reads every screen from the hash and writes it back', () => {
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/test/ab%2Fc')).toEqual({ name: 'test', id: 'ab/c' });
    expect(parseHash('#/test/x/print')).toEqual({ name: 'print', id: 'x' });
    expect(parseHash('#/setup?token=abc')).toEqual({ name: 'setup' });
    expect(parseHash('#/nowhere')).toEqual({ name: 'home' });
    expect(hrefOf({ name: 'test', id: 'ab/c' })).toBe('#/test/ab%2Fc');
    expect(hrefOf({ name: 'settings' })).toBe('#/settings');
  });
});
