// Shared fixtures for the scoresheet suites. Everything here is written from
// docs/spec/scoring-rules.md (the contract), not from the sheet JSON: these tests are the
// independent check that the data + evaluator score 附表3 the way the spec says.
import { expect } from 'vitest';
import { currentSheet, tryScore, type AnswersIssue, type ScoreResult, type Sheet } from '../../src/scoresheet';

export const FORMAT = 'courtesy-answers/1';

export type RawAnswers = Record<string, unknown>;

/** A complete, valid answers document worth exactly 100 (every item at its best). */
export function fullAnswers(): RawAnswers {
  return {
    voiceSystem: true,
    '1.1.1': 'a',
    '1.1.2': 'a',
    '1.1.3': 'a',
    '1.1.4': 'a',
    '1.2': { outcome: 'answered', rings: 2 },
    '1.3.1': true,
    '1.3.2': true,
    '1.3.3': true,
    '1.3.4': true,
    '1.3.5': 'a',
    '1.3.6': true,
    '1.3.7': 'a',
    '1.3.8': 'a',
    '2.1.1': { outcome: 'answered', rings: 2 },
    '2.1.2': 'na',
    '2.2.1': 'a',
    '2.2.2': true,
    '2.2.3': { band: 'a', points: 10 },
    '2.3': { variant: '甲', band: 'a', points: 15 },
  };
}

/** The spec's worked example ("The answers format"), verbatim: one copy for every suite. */
export { specExampleAnswers } from '../support/answers';

export function doc(answers: RawAnswers, format: unknown = FORMAT): { format: unknown; answers: RawAnswers } {
  return { format, answers };
}

/** A copy of `base` with `set` applied and the `unset` keys removed. */
export function patch(base: RawAnswers, set: RawAnswers = {}, unset: string[] = []): RawAnswers {
  const out: RawAnswers = { ...base, ...set };
  for (const key of unset) delete out[key];
  return out;
}

/** Item ids of 1.1.* / 1.3.* / 2.2.* as the spec's table lists them. */
export const VOICE_ITEMS = ['1.1.1', '1.1.2', '1.1.3', '1.1.4'];
export const OPERATOR_COURTESY_ITEMS = ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8'];
export const UNIT_COURTESY_ITEMS = ['2.2.1', '2.2.2', '2.2.3'];

/** Every answerable item of 附表3 in sheet (printed) order, per the spec's table. */
export const SHEET_ORDER = [
  'voiceSystem',
  ...VOICE_ITEMS,
  '1.2',
  ...OPERATOR_COURTESY_ITEMS,
  '2.1.1',
  '2.1.2',
  ...UNIT_COURTESY_ITEMS,
  '2.3',
];

/** Score a document that must be valid; fails the test with the issues if it is rejected. */
export function scored(answers: RawAnswers, sheet: Sheet = currentSheet): ScoreResult {
  const outcome = tryScore(sheet, doc(answers));
  if (!outcome.ok) {
    throw new Error(`expected a valid document, got issues: ${JSON.stringify(outcome.issues)}`);
  }
  return outcome.result;
}

/** Score a document that must be rejected; returns its issues. */
export function rejectedIssues(input: unknown, sheet: Sheet = currentSheet): AnswersIssue[] {
  const outcome = tryScore(sheet, input);
  if (outcome.ok) throw new Error(`expected a rejection, got total ${outcome.result.total}`);
  expect(outcome.issues.length).toBeGreaterThan(0);
  return outcome.issues;
}

/**
 * Assert a rejection names `item` and (when given) the numbered rule of the spec, e.g. 6 → "rule 6".
 * The rule is matched as a whole word so "rule 1" never passes for "rule 12".
 */
export function expectRejected(answers: RawAnswers, item: string, rule?: number): AnswersIssue[] {
  const issues = rejectedIssues(doc(answers));
  const naming = issues.filter((i) => i.item === item);
  expect(naming, `no issue names ${item}: ${JSON.stringify(issues)}`).not.toHaveLength(0);
  for (const i of naming) {
    expect(i.rule).toBeTypeOf('string');
    expect(i.rule.length).toBeGreaterThan(0);
    expect(i.message.zh.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
  }
  if (rule !== undefined) {
    const re = new RegExp(`\\brule ${rule}\\b`);
    expect(naming.some((i) => re.test(i.rule)), `no issue on ${item} names rule ${rule}: ${JSON.stringify(naming)}`).toBe(true);
  }
  return issues;
}
