// Property-based checks (fast-check) over arbitrary valid and invalid answers documents.
// An independent oracle, written from the spec's table and rules, re-derives every total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswersRejected, currentSheet, score, tryScore, type ScoreResult } from '../../src/scoresheet';
import { BAND_TABLES, BREAKER_COUNT, completeAnswers, invalidCase, validAnswers } from './arbitraries';
import { doc, FORMAT, fullAnswers, patch, SHEET_ORDER, VOICE_ITEMS, type RawAnswers } from './helpers';

const RUNS = { numRuns: 400 };

// ---- the oracle: the spec's arithmetic, on a VALID document ----------------------------------

const OPTION_POINTS: Record<string, Record<string, number>> = {
  '1.1.1': { a: 5, b: 3, c: 0 },
  '1.1.2': { a: 5, b: 3, c: 0 },
  '1.1.3': { a: 3, b: 2, c: 1, d: 0 },
  '1.1.4': { a: 2, b: 1 },
  '1.3.5': { a: 3, b: 2, c: 0, na: 3 },
  '1.3.7': { a: 2, b: 0, na: 2 },
  '1.3.8': { a: 2, b: 1, c: 0 },
  '2.1.2': { a: 5, b: 0, c: 0, na: 5 },
  '2.2.1': { a: 10, b: 5, c: 3, d: 0 },
};
const CHECK_POINTS: Record<string, number> = { '1.3.1': 3, '1.3.2': 3, '1.3.3': 3, '1.3.4': 2, '1.3.6': 2, '2.2.2': 5 };

const clamp = (x: number) => Math.min(10, Math.max(0, x));
function timingPoints(v: unknown): number {
  const t = v as { outcome: string; rings?: number; seconds?: number } | undefined;
  if (!t || t.outcome !== 'answered') return 0;
  const byRings = t.rings === undefined ? -1 : clamp(12 - t.rings);
  const bySeconds = t.seconds === undefined ? -1 : clamp(8 - Math.ceil((t.seconds - 10) / 3));
  return Math.max(byRings, bySeconds);
}
/** Points of one item; an absent answer (missing or excluded) counts 0. */
function itemPoints(a: RawAnswers, id: string): number {
  const v = a[id];
  if (v === undefined) return 0;
  if (id in OPTION_POINTS) return OPTION_POINTS[id][v as string];
  if (id in CHECK_POINTS) return v === true || v === 'na' ? CHECK_POINTS[id] : 0;
  if (id === '1.2' || id === '2.1.1') return timingPoints(v);
  return (v as { points?: number }).points ?? 0;
}
function oracle(a: RawAnswers): Record<string, number> {
  const sum = (ids: string[]) => ids.reduce((s, id) => s + itemPoints(a, id), 0);
  const s11 = a.voiceSystem === false ? 0 : sum(VOICE_ITEMS);
  const s12 = itemPoints(a, '1.2') * (a.voiceSystem === false ? 2.5 : 1);
  const s13 = sum(['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8']);
  const s21 = sum(['2.1.1', '2.1.2']);
  const s22 = sum(['2.2.1', '2.2.2', '2.2.3']);
  const s23 = itemPoints(a, '2.3');
  return { '1': s11 + s12 + s13, '1.1': s11, '1.2': s12, '1.3': s13, '2': s21 + s22 + s23, '2.1': s21, '2.2': s22, '2.3': s23 };
}

function mustScore(answers: RawAnswers): ScoreResult {
  const outcome = tryScore(currentSheet, doc(answers));
  if (!outcome.ok) throw new Error(`valid document rejected: ${JSON.stringify(outcome.issues)} for ${JSON.stringify(answers)}`);
  return outcome.result;
}

const GROUPS: Record<string, string[]> = {
  '1.1': VOICE_ITEMS,
  '1.3': ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8'],
  '2.1': ['2.1.1', '2.1.2'],
  '2.2': ['2.2.1', '2.2.2', '2.2.3'],
};

describe('valid documents', () => {
  it('are accepted, and every total and section matches the spec oracle', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const r = mustScore(answers);
        const expected = oracle(answers);
        expect(r.sections).toEqual(expected);
        expect(r.total).toBe(expected['1'] + expected['2']);
      }),
      RUNS,
    );
  });

  it('total = sum of the top-level sections; depth-2 parts sum to their section; items to their group', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const r = mustScore(answers);
        expect(r.total).toBe(r.sections['1'] + r.sections['2']);
        expect(r.sections['1']).toBe(r.sections['1.1'] + r.sections['1.2'] + r.sections['1.3']);
        expect(r.sections['2']).toBe(r.sections['2.1'] + r.sections['2.2'] + r.sections['2.3']);
        for (const [group, ids] of Object.entries(GROUPS)) {
          expect(r.items[group].points).toBe(ids.reduce((s, id) => s + r.items[id].points, 0));
        }
      }),
      RUNS,
    );
  });

  it('0 ≤ total ≤ 100, a multiple of 0.5, max always 100, every item within its max', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const r = mustScore(answers);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(Number.isInteger(r.total * 2)).toBe(true);
        expect(r.max).toBe(100);
        for (const [id, item] of Object.entries(r.items)) {
          expect(item.points, id).toBeGreaterThanOrEqual(0);
          expect(item.points, id).toBeLessThanOrEqual(item.max);
        }
      }),
      RUNS,
    );
  });

  it('complete documents are complete; complete ⇔ nothing missing; missing is in sheet order', () => {
    fc.assert(
      fc.property(completeAnswers, (answers) => {
        const r = mustScore(answers);
        expect(r.missing).toEqual([]);
        expect(r.complete).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const r = mustScore(answers);
        expect(r.complete).toBe(r.missing.length === 0);
        const positions = r.missing.map((id) => SHEET_ORDER.indexOf(id));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        for (const id of r.missing) expect(answers[id]).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('the maximum 100 is reachable, with and without a voice system', () => {
    expect(mustScore(fullAnswers()).total).toBe(100);
    expect(mustScore(patch(fullAnswers(), { voiceSystem: false, '1.2': { outcome: 'answered', seconds: 0 } }, VOICE_ITEMS)).total).toBe(100);
  });

  it('no valid document beats 100, and those with every item at its best reach it', () => {
    fc.assert(
      fc.property(completeAnswers, (answers) => {
        const best = mustScore(answers).items;
        const allBest = Object.values(best).every((i) => i.points === i.max);
        expect(mustScore(answers).total === 100).toBe(allBest);
      }),
      RUNS,
    );
  });

  it('raising a check (false → true) never lowers the total', () => {
    fc.assert(
      fc.property(validAnswers, fc.integer({ min: 0, max: 100 }), (answers, n) => {
        const falseChecks = Object.keys(CHECK_POINTS).filter((k) => answers[k] === false);
        fc.pre(falseChecks.length > 0);
        const id = falseChecks[n % falseChecks.length];
        const before = mustScore(answers).total;
        const after = mustScore({ ...answers, [id]: true }).total;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it("raising a band's points within the band never lowers the total", () => {
    fc.assert(
      fc.property(validAnswers, fc.constantFrom('2.2.3', '2.3'), (answers, id) => {
        const v = answers[id] as { variant?: string; band: string; points: number } | undefined;
        fc.pre(v !== undefined);
        const table = id === '2.3' ? BAND_TABLES['2.3'][v!.variant!] : BAND_TABLES['2.2.3'];
        const [, hi] = table[v!.band];
        fc.pre(v!.points < hi);
        const before = mustScore(answers).total;
        const after = mustScore({ ...answers, [id]: { ...v, points: v!.points + 1 } }).total;
        expect(after).toBeGreaterThanOrEqual(before);
        expect(after - before).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('answering sooner (fewer rings or seconds) never lowers the total', () => {
    fc.assert(
      fc.property(validAnswers, fc.constantFrom('1.2', '2.1.1'), fc.constantFrom('rings', 'seconds'), (answers, id, measure) => {
        const v = answers[id] as Record<string, number | string> | undefined;
        fc.pre(v !== undefined && typeof v[measure] === 'number' && (v[measure] as number) >= 1);
        const before = mustScore(answers).total;
        const after = mustScore({ ...answers, [id]: { ...v, [measure]: (v![measure] as number) - 1 } }).total;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it('is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const input = doc(answers);
        const snapshot = structuredClone(input);
        const first = score(currentSheet, input);
        const second = score(currentSheet, input);
        expect(second).toEqual(first);
        expect(input).toEqual(snapshot);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('invalid documents', () => {
  it('one broken rule → always rejected, never thrown, the item is named', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(invalidCase, (c) => {
        seen.add(c.name);
        const snapshot = structuredClone(c.doc);
        let outcome: ReturnType<typeof tryScore> | undefined;
        expect(() => (outcome = tryScore(currentSheet, c.doc))).not.toThrow();
        expect(outcome!.ok, c.name).toBe(false);
        if (outcome!.ok) return;
        expect(outcome!.issues.map((i) => i.item), c.name).toContain(c.item);
        for (const i of outcome!.issues) {
          expect(i.item.length).toBeGreaterThan(0);
          expect(i.rule.length).toBeGreaterThan(0);
        }
        expect(() => score(currentSheet, c.doc)).toThrow(AnswersRejected);
        expect(c.doc).toEqual(snapshot);
      }),
      { numRuns: 600 },
    );
    expect(seen.size).toBe(BREAKER_COUNT);
  });

  it('arbitrary junk never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        expect(() => tryScore(currentSheet, junk)).not.toThrow();
        expect(() => tryScore(currentSheet, { format: FORMAT, answers: junk })).not.toThrow();
      }),
      RUNS,
    );
  });

  it('any JSON value under any known item never throws; a rejection names an item', () => {
    fc.assert(
      fc.property(completeAnswers, fc.constantFrom(...SHEET_ORDER), fc.jsonValue(), (answers, id, value) => {
        let outcome: ReturnType<typeof tryScore> | undefined;
        expect(() => (outcome = tryScore(currentSheet, { format: FORMAT, answers: { ...answers, [id]: value } }))).not.toThrow();
        if (!outcome!.ok) expect(outcome!.issues.every((i) => i.item.length > 0)).toBe(true);
      }),
      RUNS,
    );
  });
});
