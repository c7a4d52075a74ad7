// One year of tests (ROC 115 = 2026) used across the report tests. Every figure the tests expect is
// worked out by hand in tests/report/*.test.ts from the totals noted here.
import type { ServerRecord } from '../../src/sync/protocol';
import { NINETY, NO_UNIT_NAME, PERFECT, noVoiceSystem, record, switchboardUnanswered } from './fixtures';

export function year115(): ServerRecord[] {
  return [
    // 115-Q1
    record({ id: 'q1-u1', unitId: 'u1', unitName: '第一課', answers: NO_UNIT_NAME, testedAt: '2026-02-10T10:00:00+08:00' }), // 97
    record({ id: 'q1-u3', unitId: 'u3', unitName: '嘉義辦事處', answers: NINETY, testedAt: '2026-03-05T09:30:00+08:00', testerId: 'tester-2', testerName: '測試員乙' }), // 90
    // 115-Q3
    record({ id: 'q3-u1', unitId: 'u1', unitName: '第一課', answers: NINETY, testedAt: '2026-08-20T14:00:00+08:00' }), // 90
    // 115-Q4
    record({ id: 'q4-u1-a', unitId: 'u1', unitName: '第一課', answers: PERFECT, testedAt: '2026-10-05T10:00:00+08:00', testerId: 'tester-2', testerName: '測試員乙' }), // 100
    record({ id: 'q4-u1-b', unitId: 'u1', unitName: '第一課', answers: noVoiceSystem(), testedAt: '2026-10-20T10:00:00+08:00' }), // 92.5
    record({ id: 'q4-u1-c', unitId: 'u1', unitName: '第一課', answers: NO_UNIT_NAME, testedAt: '2026-11-03T10:00:00+08:00' }), // 97
    record({ id: 'q4-u2-a', unitId: 'u2', unitName: '第二課', answers: NINETY, testedAt: '2026-10-15T10:00:00+08:00' }), // 90
    record({ id: 'q4-u2-b', unitId: 'u2', unitName: '第二課', answers: switchboardUnanswered(), testedAt: '2026-11-10T10:00:00+08:00' }), // 70
    // Not counted: a draft, a deleted test, and a call on 1 Jan 2027 01:00 Taipei (116-Q1) though it is still 2026 in UTC.
    record({ id: 'draft', unitId: 'u1', answers: {}, testedAt: '2026-11-04T10:00:00+08:00', status: 'draft' }),
    record({ id: 'deleted', unitId: 'u2', answers: PERFECT, testedAt: '2026-11-05T10:00:00+08:00', deleted: true }),
    record({ id: 'new-year', unitId: 'u2', answers: PERFECT, testedAt: '2026-12-31T17:00:00Z' }),
  ];
}
