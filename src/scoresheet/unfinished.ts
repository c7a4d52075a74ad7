// An answer the tester has begun but not finished: a timed outcome with nothing measured yet (「已接聽」
// tapped, the rings still to be counted). The scorer must refuse it in a finished sheet (rule 1: at
// least one measure), but a draft in the middle of a call legitimately holds it. A draft is scored
// without these items (they count as missing), so its running total never disappears.
import { sheetItems } from './sheet';
import type { Answers, Sheet } from './types';

export function unfinishedItems(sheet: Sheet, answers: Answers): string[] {
  const out: string[] = [];
  for (const item of sheetItems(sheet)) {
    if (item.kind !== 'timing') continue;
    const value = answers[item.id];
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const answer = value as Record<string, unknown>;
    const outcome = item.outcomes.find((o) => o.key === answer.outcome);
    if (outcome?.timed && item.measures.every((m) => answer[m.key] === undefined)) out.push(item.id);
  }
  return out;
}

/** The answers without the unfinished ones: what a draft is scored on. */
export function settledAnswers(sheet: Sheet, answers: Answers): Answers {
  const unfinished = unfinishedItems(sheet, answers);
  if (unfinished.length === 0) return answers;
  const out = { ...answers };
  for (const id of unfinished) delete out[id];
  return out;
}
