import type { AnswerScalar, Answers, Condition } from './types';

/** true / false, or undefined while the answers it reads are absent. */
export type Truth = boolean | undefined;

function readScalar(answers: Answers, item: string, field?: string): AnswerScalar | undefined {
  const value = answers[item];
  if (value === undefined) return undefined;
  if (field === undefined) return typeof value === 'object' ? undefined : value;
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as unknown as Record<string, unknown>)[field];
  return typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean' ? inner : undefined;
}

/** Kleene three-valued logic: an unknown answer never decides a condition on its own. */
export function evaluateCondition(condition: Condition, answers: Answers): Truth {
  if ('all' in condition) {
    let result: Truth = true;
    for (const part of condition.all) {
      const t = evaluateCondition(part, answers);
      if (t === false) return false;
      if (t === undefined) result = undefined;
    }
    return result;
  }
  if ('any' in condition) {
    let result: Truth = false;
    for (const part of condition.any) {
      const t = evaluateCondition(part, answers);
      if (t === true) return true;
      if (t === undefined) result = undefined;
    }
    return result;
  }
  if ('not' in condition) {
    const t = evaluateCondition(condition.not, answers);
    return t === undefined ? undefined : !t;
  }
  const value = readScalar(answers, condition.item, condition.field);
  if (value === undefined) return undefined;
  if ('equals' in condition) return value === condition.equals;
  return condition.in.includes(value);
}

/** Every item id a condition reads, for validating a sheet. */
export function conditionItems(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionItems);
  if ('any' in condition) return condition.any.flatMap(conditionItems);
  if ('not' in condition) return conditionItems(condition.not);
  return [condition.item];
}
