// Which drafts wait for their second switchboard try, and when.
import { describe, expect, it } from 'vitest';
import { countdown, pendingRetests } from '../../../src/app/live/retests';
import type { DeviceTest } from '../../../src/device';

const base = { status: 'draft', attempts: [], deleted: undefined } as unknown as DeviceTest;
const t = (id: string, patch: Partial<DeviceTest>) => ({ ...base, id, ...patch }) as DeviceTest;

describe('pendingRetests', () => {
  it('lists drafts unanswered once, due 10 minutes after that try, soonest first', () => {
    const list = pendingRetests([
      t('b', { attempts: [{ at: '2026-12-02T01:05:00Z', outcome: 'unanswered' }] }),
      t('a', { attempts: [{ at: '2026-12-02T01:00:00Z', outcome: 'unanswered' }] }),
      t('twice', { attempts: [{ at: '2026-12-02T01:00:00Z', outcome: 'unanswered' }, { at: '2026-12-02T01:11:00Z', outcome: 'unanswered' }] }),
      t('done', { status: 'completed', attempts: [{ at: '2026-12-02T01:00:00Z', outcome: 'unanswered' }] }),
      t('reached', { attempts: [{ at: '2026-12-02T01:00:00Z', outcome: 'unanswered' }, { at: '2026-12-02T01:10:00Z', outcome: 'answered' }] }),
      t('none', {}),
    ]);
    expect(list.map((r) => [r.test.id, new Date(r.dueAt).toISOString()])).toEqual([
      ['a', '2026-12-02T01:10:00.000Z'],
      ['b', '2026-12-02T01:15:00.000Z'],
    ]);
  });
  it('counts down in minutes and seconds, never below zero', () => {
    expect(countdown(9 * 60_000 + 59_500)).toBe('9:59');
    expect(countdown(-5)).toBe('0:00');
  });
});
