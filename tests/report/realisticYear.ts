// A realistic year (ROC 115) for the figure checks: 8 units, 4 testers, 118 counted tests with every
// kind of call the sheet knows (no voice system, switchboard unanswered twice, business unit not
// answering, a forwarded call scored as 乙, 乙 answers, a voice system out of order), plus drafts,
// deleted tests, corrected tests (rev 2), quarter-boundary times and a call on New Year's night that
// belongs to the next year. Deterministic: a seeded generator, answers scored by the real scorer.
import { currentSheet, score, type Answers } from '../../src/scoresheet';
import { quarterKey, quarterOf } from '../../src/record/quarter';
import type { ServerRecord } from '../../src/sync/protocol';
import { PERFECT, twoTries } from './fixtures';

export const REALISTIC_UNITS = ['第一課', '第二課', '第三課', '第四課', '第五課', '第六課', '嘉義辦事處', '斗六辦事處'].map((name, i) => ({
  id: `unit-${i + 1}`,
  name,
  createdAt: '2020-01-01T00:00:00Z',
}));
export const TESTERS = [
  { id: 'tester-a', name: '陳測試' },
  { id: 'tester-b', name: '林測試' },
  { id: 'tester-c', name: '黃測試' },
  { id: 'tester-d', name: '張測試' },
];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answersFor(next: () => number, kind: number): Answers {
  const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  // Mostly the best answer (most offices answer well), sometimes another.
  const mostly = <T,>(best: T, others: T[], p = 0.8) => (next() < p ? best : pick(others));
  const a: Answers = { ...PERFECT };
  a['1.1.1'] = mostly('a', ['b']);
  a['1.1.2'] = mostly('a', ['b', 'c']);
  a['1.1.3'] = mostly('a', ['b', 'c']);
  a['1.1.4'] = mostly('a', ['b']);
  a['1.2'] = { outcome: 'answered', rings: mostly(2, [3, 4, 5, 6, 7], 0.6) };
  for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.4']) a[id] = next() > 0.1;
  a['1.3.8'] = mostly('a', ['b', 'c']);
  a['2.1.1'] = next() > 0.5 ? { outcome: 'answered', rings: mostly(2, [3, 4, 5, 6]) } : { outcome: 'answered', seconds: mostly(4, [8.5, 11, 13.5, 16, 21]) };
  a['2.2.1'] = mostly('a', ['b', 'c', 'd']);
  a['2.2.2'] = next() > 0.1;
  a['2.2.3'] = mostly({ band: 'a', points: 10 }, [{ band: 'a', points: 8 }, { band: 'a', points: 9 }, { band: 'b', points: 6 }], 0.6);
  a['2.3'] = next() > 0.25 ? { variant: '甲', band: mostly('a', ['b']), points: 0 } : { variant: '乙', band: mostly('a', ['b', 'c']), points: 0 };
  const v = a['2.3'] as { variant: string; band: string; points: number };
  const ranges: Record<string, Record<string, [number, number]>> = { 甲: { a: [12, 15], b: [8, 11] }, 乙: { a: [14, 15], b: [12, 13], c: [10, 11] } };
  const [lo, hi] = ranges[v.variant][v.band];
  v.points = lo + Math.floor(next() * (hi - lo + 1));
  switch (kind) {
    case 1: // no voice system: 1.1 leaves the total, 1.2 counts ×2.5
      a.voiceSystem = false;
      for (const id of ['1.1.1', '1.1.2', '1.1.3', '1.1.4']) delete a[id];
      break;
    case 2: // switchboard unanswered twice
      a['1.2'] = { outcome: 'unansweredTwice' };
      for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8']) delete a[id];
      break;
    case 3: // nobody at the business unit answered
      a['2.1.1'] = { outcome: 'unanswered' };
      a['2.1.2'] = 'b';
      for (const id of ['2.2.1', '2.2.2', '2.2.3', '2.3']) delete a[id];
      break;
    case 4: // unanswered, forwarded: scored as 乙
      a['2.1.1'] = { outcome: 'unanswered' };
      a['2.1.2'] = 'a';
      a['2.3'] = { variant: '乙', band: 'b', points: 12 };
      break;
    case 5: // voice system out of order
      a['1.1.1'] = 'c';
      for (const id of ['1.1.2', '1.1.3', '1.1.4']) delete a[id];
      break;
  }
  return a;
}

export interface RealisticYear {
  records: ServerRecord[];
  counted: number;
}

/** 118 counted tests of ROC 115, and the ones that must not count. */
export function realisticYear(seed = 115): ServerRecord[] {
  const next = rng(seed);
  const out: ServerRecord[] = [];
  let n = 0;
  const make = (over: { testedAt: string; unit: number; tester: number; kind: number; status?: 'draft' | 'completed'; deleted?: boolean; rev?: number }) => {
    n += 1;
    const answers = over.status === 'draft' ? { voiceSystem: true, '1.2': { outcome: 'answered', rings: 3 } } : answersFor(next, over.kind);
    const scored = score(currentSheet, { format: 'courtesy-answers/1', answers });
    const unit = REALISTIC_UNITS[over.unit];
    const tester = TESTERS[over.tester];
    out.push({
      id: `y115-${String(n).padStart(3, '0')}`,
      unitId: unit.id,
      unitName: unit.name,
      switchboardNumber: '06-2345678',
      answererSurname: ['王', '李', '吳', '蔡'][n % 4],
      extension: String(100 + (n % 50)),
      testerName: tester.name,
      testerId: tester.id,
      testedAt: over.testedAt,
      sheet: { id: currentSheet.id, version: currentSheet.version },
      answers,
      attempts: over.kind === 2 && over.status !== 'draft' ? twoTries(over.testedAt) : [],
      status: over.status ?? 'completed',
      history: [],
      createdAt: over.testedAt,
      updatedAt: over.testedAt,
      rev: over.rev ?? 1,
      seq: n,
      score: scored,
      quarter: quarterKey(quarterOf(over.testedAt)),
      ...(over.deleted ? { deleted: true } : {}),
    });
  };
  // 114 tests spread over the year: unit i, month m, a few days apart; kinds mixed in.
  for (let i = 0; i < 114; i++) {
    const month = i % 12;
    const day = 2 + ((i * 7) % 26);
    const hour = 9 + (i % 8);
    const testedAt = new Date(Date.UTC(2026, month, day, hour - 8, (i * 13) % 60)).toISOString();
    const kind = i % 9 === 0 ? 1 : i % 17 === 0 ? 2 : i % 13 === 0 ? 3 : i % 19 === 0 ? 4 : i % 23 === 0 ? 5 : 0;
    make({ testedAt, unit: (i * 3) % 8, tester: i % 4, kind, rev: i % 10 === 0 ? 2 : 1 });
  }
  // Quarter and year boundaries, in Taipei time.
  make({ testedAt: '2026-03-31T23:59:00+08:00', unit: 6, tester: 0, kind: 0 }); // 115-Q1
  make({ testedAt: '2026-04-01T00:00:00+08:00', unit: 6, tester: 1, kind: 1 }); // 115-Q2
  make({ testedAt: '2026-06-30T15:59:00Z', unit: 7, tester: 2, kind: 0 }); // 23:59 Taipei: Q2
  make({ testedAt: '2026-01-01T00:00:00+08:00', unit: 7, tester: 3, kind: 2 }); // 115-Q1, though 2025 in UTC
  // Not counted: drafts, deleted tests, and 1 Jan 2027 00:30 Taipei (116-Q1, still 2026 in UTC).
  for (let i = 0; i < 5; i++) make({ testedAt: `2026-${String(3 + i * 2).padStart(2, '0')}-15T10:00:00+08:00`, unit: i, tester: i % 4, kind: 0, status: 'draft' });
  make({ testedAt: '2026-05-05T10:00:00+08:00', unit: 1, tester: 1, kind: 0, deleted: true });
  make({ testedAt: '2026-09-09T10:00:00+08:00', unit: 2, tester: 2, kind: 0, deleted: true });
  make({ testedAt: '2026-12-31T16:30:00Z', unit: 3, tester: 0, kind: 0 });
  return out;
}
