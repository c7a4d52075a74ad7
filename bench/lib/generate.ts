// Realistic test records for the bench (and the e2e seeds): complete, rule-abiding answers drawn at
// random from every path of 附表3 (no voice system, operator never answered, transfer not needed,
// nobody at the unit…), scored by the real scorer exactly as the server stores them.
import { randomUUID } from 'node:crypto';
import { currentSheet, score, type Answers, type Band } from '../../src/scoresheet';
import { quarterKey, quarterOf } from '../../src/record/quarter';
import type { PushRecord, ServerRecord } from '../../src/sync/protocol';

/** A small deterministic PRNG (mulberry32), so every bench run scores the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const bandAnswer = (r: Rand, bands: Band[]) => {
  const band = pick(r, bands);
  return { band: band.key, points: band.min + Math.floor(r() * (band.max - band.min + 1)) };
};
function bandsOf(id: string): Band[] {
  for (const section of currentSheet.sections) {
    const stack = [...section.children];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.id === id && node.kind === 'band') return node.bands;
      if (node.kind === 'group') stack.push(...node.children);
    }
  }
  throw new Error(`no band item ${id}`);
}
function variantBands(variant: string): Band[] {
  for (const s of currentSheet.sections)
    for (const c of s.children) if (c.kind === 'variantBand') return c.variants.find((v) => v.key === variant)!.bands;
  throw new Error('no variant item');
}

export function randomAnswers(r: Rand): Answers {
  const a: Answers = {};
  const voice = chance(r, 0.6);
  a.voiceSystem = voice;
  if (voice) {
    a['1.1.1'] = pick(r, ['a', 'a', 'b', 'c']);
    if (a['1.1.1'] !== 'c') {
      a['1.1.2'] = pick(r, ['a', 'b', 'c']);
      a['1.1.3'] = pick(r, ['a', 'b', 'c', 'd']);
      a['1.1.4'] = pick(r, ['a', 'b']);
    }
  }
  const operator = chance(r, 0.92) ? 'answered' : pick(r, ['unansweredTwice', 'outOfOrder']);
  a['1.2'] = operator === 'answered' ? { outcome: 'answered', rings: 1 + Math.floor(r() * 8), seconds: Math.round(r() * 300) / 10 } : { outcome: operator };
  if (operator === 'answered') {
    for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.4']) a[id] = chance(r, 0.8);
    if (chance(r, 0.3)) {
      a['1.3.5'] = 'na';
      a['1.3.6'] = 'na';
    } else {
      a['1.3.5'] = pick(r, ['a', 'a', 'b', 'c']);
      a['1.3.6'] = chance(r, 0.8);
    }
    a['1.3.7'] = pick(r, ['na', 'na', 'a', 'b']);
    a['1.3.8'] = pick(r, ['a', 'a', 'b', 'c']);
  }
  const unit = chance(r, 0.9) ? 'answered' : 'unanswered';
  a['2.1.1'] = unit === 'answered' ? { outcome: 'answered', rings: 1 + Math.floor(r() * 8) } : { outcome: 'unanswered' };
  a['2.1.2'] = unit === 'answered' ? 'na' : pick(r, ['a', 'b', 'c']);
  const nobody = unit === 'unanswered' && a['2.1.2'] !== 'a';
  if (!nobody) {
    a['2.2.1'] = pick(r, ['a', 'a', 'b', 'c', 'd']);
    a['2.2.2'] = chance(r, 0.85);
    a['2.2.3'] = bandAnswer(r, bandsOf('2.2.3'));
    const variant = unit === 'unanswered' ? '乙' : pick(r, ['甲', '乙']);
    a['2.3'] = { variant, ...bandAnswer(r, variantBands(variant)) };
  }
  return a;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  units: { id: string; name: string }[];
  /** Tests are spread evenly over [start, end). */
  start: string;
  end: string;
  testerId?: string;
}

/** The answers and the switchboard tries they need: 「連打 2 次無人接聽」 only with two unanswered
 *  tries 10 minutes apart, as the record contract requires (src/record/check.ts, retest). */
function answersWithAttempts(r: Rand, testedAt: string): Pick<PushRecord, 'answers' | 'attempts'> {
  const answers = randomAnswers(r);
  const outcome = (answers['1.2'] as { outcome: string }).outcome;
  if (outcome !== 'unansweredTwice') return { answers, attempts: [{ at: testedAt, outcome: 'answered' }] };
  const first = new Date(Date.parse(testedAt) - 10 * 60_000).toISOString();
  return { answers, attempts: [{ at: first, outcome: 'unanswered' }, { at: testedAt, outcome: 'unanswered' }] };
}

/** A push-ready record (what a device would send) for one generated test. */
export function pushRecord(r: Rand, unit: { id: string; name: string }, testedAt: string, id = randomUUID()): PushRecord {
  const now = new Date().toISOString();
  return {
    id,
    baseRev: 0,
    unitId: unit.id,
    unitName: unit.name,
    switchboardNumber: '02-2343-1700',
    answererSurname: pick(r, ['王', '李', '張', '劉', '陳', '楊', '黃']),
    extension: String(100 + Math.floor(r() * 900)),
    testerName: '林測試',
    testedAt,
    sheet: { id: currentSheet.id, version: currentSheet.version },
    ...answersWithAttempts(r, testedAt),
    status: 'completed',
    history: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** Server-side records as the report functions receive them: scored and placed in their quarter. */
export function serverRecords(options: GenerateOptions): ServerRecord[] {
  const r = rng(options.seed ?? 115);
  const start = Date.parse(options.start);
  const span = Date.parse(options.end) - start;
  const out: ServerRecord[] = [];
  for (let i = 0; i < options.count; i++) {
    const testedAt = new Date(start + Math.floor((span * i) / options.count)).toISOString();
    const { baseRev: _baseRev, ...record } = pushRecord(r, options.units[i % options.units.length], testedAt, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    out.push({
      ...record,
      testerId: options.testerId ?? 'tester-1',
      rev: 1,
      seq: i + 1,
      score: score(currentSheet, { format: 'courtesy-answers/1', answers: record.answers }),
      quarter: quarterKey(quarterOf(testedAt)),
    });
  }
  return out;
}
