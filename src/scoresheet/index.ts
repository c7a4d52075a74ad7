// The scoresheet domain: sheets as data and the one evaluator. No UI, storage or network here.
import fubiao3v1 from './sheets/bsmi-fubiao3.v1.json';
import { maximaFor } from './evaluate';
import { validateSheet } from './sheet';
import type { Sheet } from './types';

export * from './types';
export { AnswersRejected, issueText } from './answers';
export { evaluateCondition } from './conditions';
export { score, tryScore, type ScoreOutcome } from './evaluate';
export { SheetError, findNode, isGroup, itemMax, sheetItems, walkSheet } from './sheet';
export { measurePoints } from './timing';
export { settledAnswers, unfinishedItems } from './unfinished';

/** Load and validate a sheet document; throws SheetError naming the node for a broken one. */
export function loadSheet(input: unknown): Sheet {
  return validateSheet(input, maximaFor);
}

/** Every sheet version the app knows, so an old test is always rescored by the sheet it was filled on. */
export const sheets: Record<string, Sheet> = {};
for (const doc of [fubiao3v1]) {
  const sheet = loadSheet(doc);
  sheets[`${sheet.id}@${sheet.version}`] = sheet;
}

/** The sheet new tests are filled on. */
export const currentSheet: Sheet = sheets['bsmi-fubiao3@1'];

export function sheetFor(ref: { id: string; version: number } | undefined): Sheet | undefined {
  return ref ? sheets[`${ref.id}@${ref.version}`] : currentSheet;
}

/**
 * The Asia/Taipei date (YYYY-MM-DD) from which each sheet version is in force: no test on it can be
 * dated earlier. 附表3 v1 came with the plan 中華民國 111 年 1 月 24 日經標南秘字第 11190000470 號函訂定.
 */
const inForce: Record<string, string> = { 'bsmi-fubiao3@1': '2022-01-24' };

export function sheetInForceFrom(ref: { id: string; version: number }): string | undefined {
  return sheets[`${ref.id}@${ref.version}`] ? (inForce[`${ref.id}@${ref.version}`] ?? '2000-01-01') : undefined;
}
