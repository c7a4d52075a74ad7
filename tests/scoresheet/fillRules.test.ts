// The fill-time rules (src/scoresheet/fillRules.ts): earlier answers steer later ones, and no
// sequence of taps can produce answers the scorer rejects — neither through the form (which hides
// blocked choices) nor through the device layer (which refuses them).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyAnswer, choiceBlocked, tapAnswer } from '../../src/scoresheet/fillRules';
import { currentSheet as sheet, registry, sheetItems, tryScore, type Answers, type AnswerValue, type ItemNode, type Sheet } from '../../src/scoresheet';
import revised from './fixtures/bsmi-fubiao3.v2.json';

const ok = (answers: Answers) => tryScore(sheet, { format: 'courtesy-answers/1', answers });
const tap = (answers: Answers, id: string, value: AnswerValue | undefined) => applyAnswer(sheet, answers, id, value);

describe('applyAnswer', () => {
  it('clears the answers a new answer rules out', () => {
    let a: Answers = { voiceSystem: true, '1.1.1': 'a', '1.1.2': 'a', '1.1.4': 'b', '1.3.1': true };
    a = tap(a, '1.1.1', 'c');
    expect(a).toEqual({ voiceSystem: true, '1.1.1': 'c', '1.3.1': true });
    a = tap(a, 'voiceSystem', false);
    expect(a).toEqual({ voiceSystem: false, '1.3.1': true });
    a = tap(a, '1.2', { outcome: 'unansweredTwice' });
    expect(a).toEqual({ voiceSystem: false, '1.2': { outcome: 'unansweredTwice' } });
  });

  it('fills in the one answer a rule allows, and clears it when the steering answer changes', () => {
    let a = tap({}, '1.3.5', 'na');
    expect(a['1.3.6']).toBe('na');
    a = tap(a, '1.3.5', 'a');
    expect(a).toEqual({ '1.3.5': 'a' });
    a = tap({ '2.1.2': 'b' }, '2.1.1', { outcome: 'answered', rings: 2 });
    expect(a['2.1.2']).toBe('na');
    a = tap(a, '2.1.1', { outcome: 'unanswered' });
    expect(a['2.1.2']).toBeUndefined();
    a = tap({ '2.1.1': { outcome: 'unanswered' }, '2.3': { variant: '甲', band: 'a', points: 13 } }, '2.1.2', 'a');
    expect(a['2.3']).toEqual({ variant: '乙' });
  });

  it('blocks a choice that contradicts an earlier answer, naming the rule', () => {
    const forwarded: Answers = { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a' };
    expect(choiceBlocked(sheet, forwarded, '2.3', { variant: '甲' })?.zh).toMatch(/2.3 必須選乙/);
    expect(choiceBlocked(sheet, forwarded, '2.3', { variant: '乙' })).toBeUndefined();
    expect(choiceBlocked(sheet, { '1.3.5': 'na', '1.3.6': 'na' }, '1.3.6', true)?.zh).toMatch(/1.3.6 也必須是 na/);
    expect(choiceBlocked(sheet, { '2.1.1': { outcome: 'answered', rings: 1 } }, '2.1.2', 'a')).toBeDefined();
  });
});

/** Every answer a control can produce for an item (a few timing values suffice). */
function valuesOf(item: ItemNode): AnswerValue[] {
  switch (item.kind) {
    case 'switch':
      return [true, false];
    case 'check':
      return item.na ? [true, false, 'na'] : [true, false];
    case 'options':
      return [...item.options.map((o) => o.key), ...(item.na ? ['na'] : [])];
    case 'band':
      return item.bands.flatMap((b) => [{ band: b.key }, { band: b.key, points: b.min }, { band: b.key, points: b.max }]);
    case 'variantBand':
      return item.variants.flatMap((v) => [{ variant: v.key }, ...v.bands.map((b) => ({ variant: v.key, band: b.key, points: b.max }))]);
    case 'timing':
      // One value per measure, and all of them together (the measures are the sheet's own keys).
      return item.outcomes.flatMap((o) =>
        o.timed
          ? [
              ...item.measures.map((m) => ({ outcome: o.key, [m.key]: m.integer ? 3 : 14.2 })),
              { outcome: o.key, ...Object.fromEntries(item.measures.map((m, i) => [m.key, i ? 2 : 9])) },
            ]
          : [{ outcome: o.key }],
      ) as AnswerValue[];
  }
}

describe('any sequence of allowed taps', () => {
  const items = sheetItems(sheet);
  const taps = fc.array(
    fc.integer({ min: 0, max: items.length - 1 }).chain((i) =>
      fc.record({ id: fc.constant(items[i].id), value: fc.option(fc.constantFrom(...valuesOf(items[i])), { nil: undefined, freq: 8 }) }),
    ),
    { maxLength: 60 },
  );
  it('always leaves answers the scorer accepts', () => {
    fc.assert(
      fc.property(taps, (sequence) => {
        let answers: Answers = {};
        for (const { id, value } of sequence) {
          if (value !== undefined && choiceBlocked(sheet, answers, id, value)) continue;
          answers = tap(answers, id, value);
          const outcome = ok(answers);
          if (!outcome.ok) throw new Error(`after ${id}=${JSON.stringify(value)}: ${JSON.stringify(outcome.issues)} in ${JSON.stringify(answers)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('tapAnswer (what the device applies on every write)', () => {
  it('refuses a choice that contradicts an earlier answer, naming the item and rule', () => {
    const forwarded: Answers = { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a' };
    const out = tapAnswer(sheet, forwarded, '2.3', { variant: '甲' });
    expect(out).toMatchObject({ ok: false, issue: { item: '2.3', rule: expect.stringMatching(/^rule 6/) } });
    expect(tapAnswer(sheet, {}, '9.9', true)).toMatchObject({ ok: false, issue: { item: '9.9' } });
    expect(tapAnswer(sheet, {}, '1', true)).toMatchObject({ ok: false, issue: { item: '1' } });
  });

  const city = registry.get({ id: 'city-example', version: 1 })!;
  const v2 = registry.add(revised, { source: 'published' });
  for (const [name, s] of [['附表3 v1', sheet], ['附表3 revised fixture (v2)', v2], ['the city example', city]] as [string, Sheet][]) {
    it(`leaves no draft that breaks a rule, whatever the taps (blocked ones refused), on ${name}`, () => {
      const items = sheetItems(s);
      const taps = fc.array(
        fc.integer({ min: 0, max: items.length - 1 }).chain((i) =>
          fc.record({ id: fc.constant(items[i].id), value: fc.option(fc.constantFrom(...valuesOf(items[i])), { nil: undefined, freq: 8 }) }),
        ),
        { maxLength: 60 },
      );
      fc.assert(
        fc.property(taps, (sequence) => {
          let answers: Answers = {};
          for (const { id, value } of sequence) {
            const out = tapAnswer(s, answers, id, value);
            if (!out.ok) {
              // Refused only for a rule that an earlier answer decides, and then nothing changes.
              expect(choiceBlocked(s, answers, id, value!)).toEqual(out.issue.message);
              continue;
            }
            answers = out.answers;
            const scored = tryScore(s, { format: 'courtesy-answers/1', answers });
            if (!scored.ok) throw new Error(`after ${id}=${JSON.stringify(value)}: ${JSON.stringify(scored.issues)} in ${JSON.stringify(answers)}`);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
