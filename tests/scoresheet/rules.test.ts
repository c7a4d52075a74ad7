// Each numbered rule of scoring-rules.md (1–8), the answers format and the worked example, with
// their edge cases. Every rejection must name the item and the rule.
import { describe, expect, it } from 'vitest';
import { AnswersRejected, currentSheet, score, tryScore } from '../../src/scoresheet';
import {
  doc,
  expectRejected,
  FORMAT,
  fullAnswers,
  OPERATOR_COURTESY_ITEMS,
  patch,
  rejectedIssues,
  scored,
  SHEET_ORDER,
  specExampleAnswers,
  UNIT_COURTESY_ITEMS,
  VOICE_ITEMS,
} from './helpers';

const timed = (t: { rings?: number; seconds?: number }) => ({ outcome: 'answered', ...t });
/** The full document with one timing item replaced. */
const withTiming = (id: '1.2' | '2.1.1', value: unknown) => patch(fullAnswers(), { [id]: value });
/** The full document without a voice system (rule 2). */
const noVoice = (set: Record<string, unknown> = {}) => ({ ...patch(fullAnswers(), { voiceSystem: false }, VOICE_ITEMS), ...set });
/** Nobody at the business unit answered and nobody was forwarded (rule 6, 2.1.2 = b or c). */
const nobodyAtUnit = (why: 'b' | 'c' = 'b') =>
  patch(fullAnswers(), { '2.1.1': { outcome: 'unanswered' }, '2.1.2': why }, [...UNIT_COURTESY_ITEMS, '2.3']);

describe('the worked example of the contract', () => {
  it('scores exactly as the spec shows', () => {
    const r = scored(specExampleAnswers());
    expect({ total: r.total, max: r.max, complete: r.complete, missing: r.missing, sections: r.sections }).toEqual({
      total: 79,
      max: 100,
      complete: true,
      missing: [],
      sections: { '1': 38, '1.1': 13, '1.2': 9, '1.3': 16, '2': 41, '2.1': 12, '2.2': 19, '2.3': 10 },
    });
    // "1.2: 3 rings give 9, 8 s give 8, the higher counts; 2.1.1: 12.5 s gives 7"
    expect(r.items['1.2'].points).toBe(9);
    expect(r.items['2.1.1'].points).toBe(7);
  });

  it('a record may carry more fields next to answers; the scorer reads only answers', () => {
    const plain = score(currentSheet, doc(specExampleAnswers()));
    const rich = score(currentSheet, { ...doc(specExampleAnswers()), unit: '第一組', tester: 't1', testedAt: '2026-11-22T06:07:00Z', sheetVersion: 1 });
    expect(rich.total).toBe(79);
    expect(rich).toEqual(plain);
  });
});

describe('rule 1: the timing formula', () => {
  // rings r → clamp(12 − r, 0, 10); seconds s → clamp(8 − ceil((s − 10) / 3), 0, 10)
  const ringsTable: [number, number][] = [
    [0, 10], [1, 10], [2, 10], [3, 9], [4, 8], [5, 7], [8, 4], [11, 1], [12, 0], [13, 0], [40, 0],
  ];
  const secondsTable: [number, number][] = [
    [0, 10], [1, 10], [4, 10], [4.5, 9], [7, 9], [7.5, 8], [9.9, 8], [10, 8], [10.1, 7], [12.5, 7], [13, 7], [13.1, 6],
    [16, 6], [16.5, 5], [19, 5], [22, 4], [25, 3], [28, 2], [31, 1], [31.5, 0], [34, 0], [45, 0], [600, 0],
  ];

  for (const id of ['1.2', '2.1.1'] as const) {
    it.each(ringsTable)(`${id}: %d rings → %d`, (rings, points) => {
      expect(scored(withTiming(id, timed({ rings }))).items[id].points).toBe(points);
    });
    it.each(secondsTable)(`${id}: %d s → %d`, (seconds, points) => {
      expect(scored(withTiming(id, timed({ seconds }))).items[id].points).toBe(points);
    });
  }

  it.each([
    [{ rings: 2, seconds: 20 }, 10], // rings better
    [{ rings: 9, seconds: 4 }, 10], // seconds better
    [{ rings: 3, seconds: 8 }, 9], // the spec's example
    [{ rings: 12, seconds: 45 }, 0],
    [{ rings: 6, seconds: 16 }, 6], // equal
  ])('both rings and seconds %j: the higher counts → %d', (t, points) => {
    expect(scored(withTiming('1.2', timed(t))).items['1.2'].points).toBe(points);
    expect(scored(withTiming('2.1.1', timed(t))).items['2.1.1'].points).toBe(points);
  });

  it('the reason shows the measure, e.g. 3 聲 → 9 分', () => {
    // The issue's own example of a reason: 「3 聲 → 9 分」.
    const r = scored(withTiming('1.2', timed({ rings: 3 })));
    expect(r.items['1.2'].reason.zh).toBe('3 聲 → 9 分');
    expect(r.items['1.2'].reason.en).toContain('9');
  });

  it.each(['1.2', '2.1.1'] as const)('%s answered with neither rings nor seconds is rejected', (id) => {
    expectRejected(withTiming(id, { outcome: 'answered' }), id, 1);
  });

  it.each([
    ['negative rings', { rings: -1 }],
    ['fractional rings', { rings: 2.5 }],
    ['negative seconds', { seconds: -0.5 }],
    ['rings as text', { rings: '3' }],
    ['seconds as text', { seconds: '12' }],
    ['seconds null', { seconds: null }],
    ['negative rings next to good seconds', { rings: -3, seconds: 8 }],
  ])('%s is rejected naming the item and rule 1', (_name, t) => {
    expectRejected(withTiming('1.2', { outcome: 'answered', ...t }), '1.2', 1);
    expectRejected(withTiming('2.1.1', { outcome: 'answered', ...t }), '2.1.1', 1);
  });

  it.each([
    ['1.2', 'unanswered'], // that is 2.1.1's outcome
    ['1.2', 'busy'],
    ['2.1.1', 'unansweredTwice'], // that is 1.2's outcome
    ['2.1.1', 'outOfOrder'],
  ])('%s with unknown outcome %s is rejected', (id, outcome) => {
    expectRejected(withTiming(id as '1.2', { outcome, rings: 3 }), id);
  });

  it('a timing answer that is not an object is rejected', () => {
    expectRejected(withTiming('1.2', 'answered'), '1.2');
    expectRejected(withTiming('2.1.1', 8), '2.1.1');
  });

  it('an unknown field in a timing answer is rejected', () => {
    expectRejected(withTiming('1.2', { outcome: 'answered', rings: 3, minutes: 1 }), '1.2');
  });
});

describe('rule 2: no voice system', () => {
  it('1.2 counts ×2.5 as an exact half point: 5 rings → 7 × 2.5 = 17.5', () => {
    const r = scored(noVoice({ '1.2': timed({ rings: 5 }) }));
    expect(r.items['1.2'].points).toBe(17.5);
    expect(r.items['1.2'].max).toBe(25);
    expect(r.sections['1.2']).toBe(17.5);
    expect(r.sections['1']).toBe(37.5);
    expect(r.total).toBe(92.5);
    expect(r.max).toBe(100);
  });

  it('12.5 s → 7 × 2.5 = 17.5; 3 rings → 22.5; 0 rings → 25; 45 s → 0', () => {
    expect(scored(noVoice({ '1.2': timed({ seconds: 12.5 }) })).items['1.2'].points).toBe(17.5);
    expect(scored(noVoice({ '1.2': timed({ rings: 3 }) })).items['1.2'].points).toBe(22.5);
    expect(scored(noVoice({ '1.2': timed({ rings: 0 }) })).items['1.2'].points).toBe(25);
    expect(scored(noVoice({ '1.2': timed({ seconds: 45 }) })).items['1.2'].points).toBe(0);
  });

  it('section 1 still has max 45 and the total max 100; 1.1 scores nothing', () => {
    const r = scored(noVoice());
    expect(r.items['1'].max).toBe(45);
    expect(r.sections['1.1'] ?? 0).toBe(0);
    expect(r.total).toBe(100);
    expect(r.max).toBe(100);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it('1.1.* are not missing without a voice system', () => {
    const r = scored({ voiceSystem: false });
    for (const id of VOICE_ITEMS) expect(r.missing).not.toContain(id);
    expect(r.missing).toContain('1.2');
  });

  it('no voice system and the operator never answered: section 1 is 0', () => {
    const r = scored(patch(noVoice({ '1.2': { outcome: 'unansweredTwice' } }), {}, OPERATOR_COURTESY_ITEMS));
    expect(r.sections['1']).toBe(0);
  });

  it.each(VOICE_ITEMS)('%s given without a voice system is rejected naming the item and rule 2', (id) => {
    expectRejected(noVoice({ [id]: id === '1.1.1' ? 'a' : 'b' }), id, 2);
  });

  it('every 1.1.* item given without a voice system is named', () => {
    const answers = patch(fullAnswers(), { voiceSystem: false });
    const issues = rejectedIssues(doc(answers));
    expect(new Set(issues.map((i) => i.item))).toEqual(new Set(VOICE_ITEMS));
  });

  it('the switch must be a boolean', () => {
    expectRejected(patch(fullAnswers(), { voiceSystem: 'yes' }), 'voiceSystem');
    expectRejected(patch(fullAnswers(), { voiceSystem: 1 }), 'voiceSystem');
    expectRejected(patch(fullAnswers(), { voiceSystem: 'na' }), 'voiceSystem');
  });
});

describe('rule 3: the switchboard outcome', () => {
  for (const outcome of ['unansweredTwice', 'outOfOrder']) {
    it(`${outcome}: 1.2 = 0, 1.3.* absent, 1.3 = 0, still complete`, () => {
      const r = scored(patch(fullAnswers(), { '1.2': { outcome } }, OPERATOR_COURTESY_ITEMS));
      expect(r.items['1.2'].points).toBe(0);
      expect(r.sections['1.2']).toBe(0);
      expect(r.sections['1.3']).toBe(0);
      expect(r.items['1.3'].max).toBe(20);
      for (const id of OPERATOR_COURTESY_ITEMS) expect(r.items[id].points).toBe(0);
      expect(r.total).toBe(70);
      expect(r.max).toBe(100);
      expect(r.complete).toBe(true);
      expect(r.missing).toEqual([]);
    });

    it.each(OPERATOR_COURTESY_ITEMS)(`${outcome} with %s present is rejected naming it and rule 3`, (id) => {
      const keep = patch(fullAnswers(), { '1.2': { outcome } }, OPERATOR_COURTESY_ITEMS.filter((x) => x !== id));
      expectRejected(keep, id, 3);
    });
  }

  it('unansweredTwice with 1.3.* present (the whole block) names every one of them', () => {
    const issues = rejectedIssues(doc(patch(fullAnswers(), { '1.2': { outcome: 'unansweredTwice' } })));
    for (const id of OPERATOR_COURTESY_ITEMS) expect(issues.map((i) => i.item)).toContain(id);
  });
});

describe('rule 4: not applicable means full marks', () => {
  it('1.3.5 and 1.3.6 na together give 3 + 2', () => {
    const r = scored(patch(fullAnswers(), { '1.3.5': 'na', '1.3.6': 'na' }));
    expect(r.items['1.3.5'].points).toBe(3);
    expect(r.items['1.3.6'].points).toBe(2);
    expect(r.total).toBe(100);
  });

  it.each([
    [{ '1.3.5': 'na', '1.3.6': true }, '1.3.6'],
    [{ '1.3.5': 'na', '1.3.6': false }, '1.3.6'],
    [{ '1.3.5': 'a', '1.3.6': 'na' }, '1.3.5'],
    [{ '1.3.5': 'c', '1.3.6': 'na' }, '1.3.5'],
  ])('%j: one na without the other is rejected', (set, named) => {
    const issues = rejectedIssues(doc(patch(fullAnswers(), set)));
    const items = issues.map((i) => i.item);
    expect(items.some((i) => i === '1.3.5' || i === '1.3.6')).toBe(true);
    expect(issues.some((i) => /\brule 4\b/.test(i.rule))).toBe(true);
    expect(items).toContain(named);
  });

  it('1.3.5 na while 1.3.6 is not yet answered: partial, not rejected', () => {
    const r = scored(patch(fullAnswers(), { '1.3.5': 'na' }, ['1.3.6']));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['1.3.6']);
  });

  it('1.3.7 na (the unit was not busy) is full marks', () => {
    const r = scored(patch(fullAnswers(), { '1.3.7': 'na' }));
    expect(r.items['1.3.7'].points).toBe(2);
    expect(r.total).toBe(100);
  });

  it('2.1.2 na when someone answered is full marks', () => {
    const r = scored(fullAnswers());
    expect(r.items['2.1.2'].points).toBe(5);
    expect(r.sections['2.1']).toBe(15);
  });

  it.each(['a', 'b', 'c'])('2.1.2 = %s when someone answered is rejected (2.1.2 is na then)', (v) => {
    expectRejected(patch(fullAnswers(), { '2.1.2': v }), '2.1.2', 4);
  });

  it.each(['1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.3.8', '2.2.1'])('na is not allowed on %s', (id) => {
    expectRejected(patch(fullAnswers(), { [id]: 'na' }), id);
  });

  it.each(['1.3.1', '1.3.2', '1.3.3', '1.3.4', '2.2.2'])('na is not allowed on check %s', (id) => {
    expectRejected(patch(fullAnswers(), { [id]: 'na' }), id);
  });
});

describe('rule 5: the voice system out of order', () => {
  it('1.1.1 = c: 1.1.2–1.1.4 absent, score 0, not missing', () => {
    const r = scored(patch(fullAnswers(), { '1.1.1': 'c' }, ['1.1.2', '1.1.3', '1.1.4']));
    for (const id of ['1.1.1', '1.1.2', '1.1.3', '1.1.4']) expect(r.items[id].points).toBe(0);
    expect(r.sections['1.1']).toBe(0);
    expect(r.items['1.1'].max).toBe(15);
    expect(r.total).toBe(85);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it.each(['1.1.2', '1.1.3', '1.1.4'])('1.1.1 = c with %s present is rejected naming it and rule 5', (id) => {
    const answers = patch(fullAnswers(), { '1.1.1': 'c' }, ['1.1.2', '1.1.3', '1.1.4'].filter((x) => x !== id));
    expectRejected(answers, id, 5);
  });
});

describe('rule 6: the business unit outcome', () => {
  it('unanswered, forwarded (2.1.2 = a): 2.2 and 2.3 are scored, 2.3 on variant 乙', () => {
    const r = scored(
      patch(fullAnswers(), {
        '2.1.1': { outcome: 'unanswered' },
        '2.1.2': 'a',
        '2.3': { variant: '乙', band: 'b', points: 13 },
      }),
    );
    expect(r.items['2.1.1'].points).toBe(0);
    expect(r.items['2.1.2'].points).toBe(5);
    expect(r.sections['2.1']).toBe(5);
    expect(r.sections['2.2']).toBe(25);
    expect(r.sections['2.3']).toBe(13);
    expect(r.sections['2']).toBe(43);
    expect(r.total).toBe(88);
    expect(r.complete).toBe(true);
  });

  it('forwarded with 2.3 on variant 甲 is rejected naming 2.3 and rule 6', () => {
    expectRejected(
      patch(fullAnswers(), { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a', '2.3': { variant: '甲', band: 'a', points: 15 } }),
      '2.3',
      6,
    );
  });

  it('forwarded with 2.2.* and 2.3 not yet answered: they are missing', () => {
    const r = scored(patch(fullAnswers(), { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a' }, [...UNIT_COURTESY_ITEMS, '2.3']));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([...UNIT_COURTESY_ITEMS, '2.3']);
  });

  it.each(['b', 'c'] as const)('nobody answered (2.1.2 = %s): 2.2.*, 2.3 absent and 0, complete', (why) => {
    const r = scored(nobodyAtUnit(why));
    expect(r.sections['2']).toBe(0);
    expect(r.sections['2.2']).toBe(0);
    expect(r.sections['2.3']).toBe(0);
    expect(r.items['2.2'].max).toBe(25);
    expect(r.items['2.3'].max).toBe(15);
    expect(r.total).toBe(45);
    expect(r.max).toBe(100);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it.each([
    ['b', '2.2.1', 'a'],
    ['b', '2.2.2', true],
    ['c', '2.2.3', { band: 'b', points: 6 }],
    ['c', '2.3', { variant: '乙', band: 'f', points: 0 }],
    ['b', '2.3', { variant: '甲', band: 'd', points: 0 }],
  ] as const)('nobody answered (2.1.2 = %s) with %s present is rejected naming it and rule 6', (why, id, value) => {
    expectRejected(patch(nobodyAtUnit(why), { [id]: value }), id, 6);
  });

  it('unanswered with 2.1.2 = na is rejected naming 2.1.2 and rule 6', () => {
    expectRejected(patch(fullAnswers(), { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'na' }), '2.1.2', 6);
  });
});

describe('rule 7: bands', () => {
  it.each([
    ['2.2.3', { band: 'a', points: 8 }, 8],
    ['2.2.3', { band: 'a', points: 10 }, 10],
    ['2.2.3', { band: 'c', points: 3 }, 3],
    ['2.2.3', { band: 'd', points: 0 }, 0],
    ['2.3', { variant: '甲', band: 'a', points: 12 }, 12],
    ['2.3', { variant: '乙', band: 'e', points: 7 }, 7],
  ])('%s %j: inside the band (inclusive) → %d', (id, value, points) => {
    expect(scored(patch(fullAnswers(), { [id]: value })).items[id].points).toBe(points);
  });

  it.each([
    ['2.2.3', { band: 'a', points: 7 }],
    ['2.2.3', { band: 'a', points: 11 }],
    ['2.2.3', { band: 'b', points: 8 }],
    ['2.2.3', { band: 'c', points: 5 }],
    ['2.2.3', { band: 'd', points: 1 }],
    ['2.2.3', { band: 'd', points: -1 }],
    ['2.3', { variant: '甲', band: 'a', points: 16 }],
    ['2.3', { variant: '甲', band: 'c', points: 8 }],
    ['2.3', { variant: '乙', band: 'a', points: 13 }], // inside 甲's a, not 乙's
    ['2.3', { variant: '乙', band: 'f', points: 3 }],
  ])('%s %j: outside the band is rejected naming the item and rule 7', (id, value) => {
    expectRejected(patch(fullAnswers(), { [id]: value }), id, 7);
  });

  it.each([
    ['2.2.3', { band: 'a', points: 8.5 }],
    ['2.2.3', { band: 'b', points: '6' }],
    ['2.3', { variant: '甲', band: 'b', points: 9.5 }],
  ])('%s %j: points not a whole number are rejected', (id, value) => {
    expectRejected(patch(fullAnswers(), { [id]: value }), id, 7);
  });

  it.each([
    ['2.2.3', { band: 'e', points: 3 }],
    ['2.2.3', { band: 'A', points: 9 }],
    ['2.3', { variant: '甲', band: 'e', points: 6 }], // e exists only in 乙
    ['2.3', { variant: '丙', band: 'a', points: 14 }],
    ['2.3', { band: 'a', points: 14 }],
    ['2.2.3', 9],
    ['2.3', 'a'],
  ])('%s %j: an unknown band or variant (or wrong shape) is rejected', (id, value) => {
    expectRejected(patch(fullAnswers(), { [id]: value }), id);
  });
});

describe('rule 8: completeness', () => {
  it('an empty answers object is scored 0, incomplete, every item missing in sheet order', () => {
    const r = scored({});
    expect(r.total).toBe(0);
    expect(r.max).toBe(100);
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(SHEET_ORDER);
  });

  it('a partial sheet is still scored and lists its missing items in sheet order', () => {
    const r = scored(patch(fullAnswers(), {}, ['2.3', '1.3.4', 'voiceSystem', '2.2.1', '1.2']));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['voiceSystem', '1.2', '1.3.4', '2.2.1', '2.3']);
    // voiceSystem unknown: 1.1 counts as with a voice system, 1.2 unscaled; the missing count 0.
    expect(r.total).toBe(100 - 10 - 2 - 10 - 15);
    expect(r.items['1.2'].points).toBe(0);
  });

  it('without a voice system the partial sheet does not ask for 1.1.*', () => {
    const r = scored({ voiceSystem: false, '1.2': timed({ rings: 4 }) });
    expect(r.total).toBe(20);
    expect(r.missing).toEqual([...OPERATOR_COURTESY_ITEMS, '2.1.1', '2.1.2', ...UNIT_COURTESY_ITEMS, '2.3']);
  });

  it('a band chosen without its points yet is missing, not rejected', () => {
    const r = scored(patch(fullAnswers(), { '2.2.3': { band: 'b' } }));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['2.2.3']);
    expect(r.items['2.2.3'].points).toBe(0);
  });

  it('a band answer without a band ({}) is missing or rejected, never thrown', () => {
    let outcome: ReturnType<typeof tryScore> | undefined;
    expect(() => (outcome = tryScore(currentSheet, doc(patch(fullAnswers(), { '2.2.3': {} }))))).not.toThrow();
    if (outcome!.ok) expect(outcome!.result.missing).toEqual(['2.2.3']);
    else expect(outcome!.issues.map((i) => i.item)).toContain('2.2.3');
  });

  it('2.3 with a variant but no band yet is missing', () => {
    const r = scored(patch(fullAnswers(), { '2.3': { variant: '乙' } }));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['2.3']);
  });

  it('nobody answered at the unit: 2.2.* and 2.3 are not missing', () => {
    const r = scored({ '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'c' });
    for (const id of [...UNIT_COURTESY_ITEMS, '2.3']) expect(r.missing).not.toContain(id);
  });
});

describe('the answers format', () => {
  it.each([
    ['courtesy-answers/2'],
    ['courtesy-answers'],
    [''],
    [undefined],
    [1],
  ])('format %j is rejected', (format) => {
    const issues = rejectedIssues({ format, answers: fullAnswers() });
    expect(issues.some((i) => i.item === 'format')).toBe(true);
  });

  it.each([[null], [[]], ['text'], [42], [{ format: FORMAT }], [{ format: FORMAT, answers: [] }], [{ format: FORMAT, answers: 'x' }]])(
    'document %j is rejected, never thrown',
    (input) => {
      const outcome = tryScore(currentSheet, input);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.issues[0].item.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['9.9', 'a'],
    ['1.3', true], // a group, not an item
    ['1', 'a'],
    ['1.1.5', 'a'],
    ['2.2.4', true],
    ['__proto__', 'a'],
    ['constructor', 'a'],
  ])('unknown key %s is rejected naming it', (key, value) => {
    const answers = fullAnswers();
    Object.defineProperty(answers, key, { value, enumerable: true, configurable: true, writable: true });
    expectRejected(answers, key);
  });

  it('an unknown key arriving as JSON text (even __proto__) is rejected', () => {
    const parsed = JSON.parse(`{"format":"${FORMAT}","answers":{"__proto__":"a","voiceSystem":true}}`);
    const issues = rejectedIssues(parsed);
    expect(issues.map((i) => i.item)).toContain('__proto__');
  });

  it.each([
    ['1.1.1', 'd'],
    ['1.1.4', 'c'],
    ['1.3.8', 'd'],
    ['1.3.7', 'c'],
    ['2.2.1', 'e'],
    ['2.2.1', 'A'],
    ['2.2.1', 10],
    ['1.3.5', true],
  ])('unknown option %s = %j is rejected naming it', (id, value) => {
    expectRejected(patch(fullAnswers(), { [id]: value }), id);
  });

  it.each([
    ['1.3.1', 'true'],
    ['1.3.2', 1],
    ['2.2.2', 'a'],
    ['1.3.6', null],
  ])('check %s = %j (not a boolean) is rejected', (id, value) => {
    expectRejected(patch(fullAnswers(), { [id]: value }), id);
  });

  it('every broken item is reported, not only the first', () => {
    const issues = rejectedIssues(doc(patch(fullAnswers(), { '1.1.1': 'z', '2.2.1': 'q', '9.9': 1 })));
    const items = issues.map((i) => i.item);
    expect(items).toEqual(expect.arrayContaining(['1.1.1', '2.2.1', '9.9']));
  });

  it('score() throws AnswersRejected whose message names the item and the rule', () => {
    let thrown: unknown;
    try {
      score(currentSheet, doc(patch(fullAnswers(), { '2.2.3': { band: 'a', points: 4 } })));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AnswersRejected);
    const err = thrown as AnswersRejected;
    expect(err.message).toContain('2.2.3');
    expect(err.message).toMatch(/\brule 7\b/);
    expect(err.issues[0].item).toBe('2.2.3');
  });
});
