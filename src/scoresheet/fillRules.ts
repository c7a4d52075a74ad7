// Fill-time rules: how one tap changes the answers so a draft never breaks a rule while it is being
// filled. The principle is "earlier answers steer later ones": a choice that contradicts an earlier
// answer is blocked (and the rule is shown), while a choice that contradicts later answers clears or
// fixes them. Everything is read from the sheet's `when` conditions and constraints, never from item
// ids. The form (to show blocked choices and reasons) and the device layer (on every write, so a
// draft on the phone is legal whatever the UI did) both call this one module.
import { conditionItems, evaluateCondition } from './conditions';
import { isGroup, sheetItems } from './sheet';
import type { Answers, AnswersIssue, AnswerValue, Applicability, Constraint, Sheet, SheetNode, Text } from './types';

/** Items ruled out by a known-false `when` (their own or an ancestor's), with the rule that excludes them. */
export function exclusions(sheet: Sheet, answers: Answers): Map<string, Applicability> {
  const out = new Map<string, Applicability>();
  const visit = (node: SheetNode, inherited?: Applicability) => {
    const own = node.when && evaluateCondition(node.when.condition, answers) === false ? node.when : undefined;
    const exclusion = inherited ?? own;
    if (exclusion) out.set(node.id, exclusion);
    if (isGroup(node)) for (const child of node.children) visit(child, exclusion);
  };
  for (const section of sheet.sections) visit(section);
  return out;
}

const orders = new WeakMap<Sheet, Map<string, number>>();
/** Each item's place in sheet order; cached per (frozen) sheet, as every tap asks. */
export function orderOf(sheet: Sheet): ReadonlyMap<string, number> {
  let order = orders.get(sheet);
  if (!order) {
    order = new Map(sheetItems(sheet).map((item, i) => [item.id, i]));
    if (Object.isFrozen(sheet)) orders.set(sheet, order);
  }
  return order;
}

function violated(constraint: Constraint, answers: Answers): boolean {
  return evaluateCondition(constraint.if, answers) === true && evaluateCondition(constraint.then, answers) === false;
}

/** Make a later answer agree with a constraint: set it when the rule names one value, else clear it. */
function fixLater(answers: Answers, constraint: Constraint): void {
  const then = constraint.then;
  const target = conditionItems(then)[0];
  if ('equals' in then && !('field' in then && then.field)) {
    answers[target] = then.equals as AnswerValue;
  } else if ('equals' in then && then.field) {
    // A field of a compound answer (2.3's variant): the rest of the answer belonged to the old value.
    answers[target] = { [then.field]: then.equals } as unknown as AnswerValue;
  } else {
    delete answers[target];
  }
}

/**
 * Set (or clear, with `undefined`) one answer and bring the rest into line: answers of items the
 * new answer rules out are removed, and later answers a constraint now contradicts are fixed.
 */
export function applyAnswer(sheet: Sheet, current: Answers, id: string, value: AnswerValue | undefined): Answers {
  const answers: Answers = { ...current };
  if (value === undefined) delete answers[id];
  else answers[id] = value;
  const order = orderOf(sheet);
  // A few passes: a fix can exclude further items (e.g. 2.1.2 cleared → 2.2 applies again).
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const itemId of exclusions(sheet, answers).keys()) {
      if (itemId in answers) {
        delete answers[itemId];
        changed = true;
      }
    }
    for (const constraint of sheet.constraints) {
      if (evaluateCondition(constraint.if, answers) !== true) continue;
      const then = evaluateCondition(constraint.then, answers);
      if (then === true) continue;
      const target = conditionItems(constraint.then)[0];
      const steering = conditionItems(constraint.if);
      // A rule that names the one right answer fills it in even before the tester gets there
      // (「有人接聽」 makes 2.1.2 N/A); a rule with a choice only clears an answer it contradicts.
      const single = 'equals' in constraint.then;
      if (then === undefined && !(single && target !== id)) continue;
      if (target !== id) {
        fixLater(answers, constraint);
        changed = true;
      } else if (steering.every((s) => (order.get(s) ?? 0) > (order.get(id) ?? 0))) {
        // The tester changed an earlier answer: the later ones that depended on it are cleared.
        for (const s of steering) delete answers[s];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return answers;
}

/**
 * Why a choice cannot be made now: it contradicts an earlier answer (a constraint steered by items
 * before this one). Undefined when the choice is allowed.
 */
export function choiceBlocked(sheet: Sheet, answers: Answers, id: string, value: AnswerValue): Text | undefined {
  return blockingConstraint(sheet, answers, id, value)?.message;
}

const steered = new WeakMap<Sheet, Map<string, Constraint[]>>();
/** Per item, the constraints on it that earlier items steer; the form asks for every choice on every tap. */
function steeredConstraints(sheet: Sheet, id: string): readonly Constraint[] {
  let byItem = Object.isFrozen(sheet) ? steered.get(sheet) : undefined;
  if (!byItem) {
    const order = orderOf(sheet);
    byItem = new Map();
    for (const constraint of sheet.constraints) {
      const target = conditionItems(constraint.then)[0];
      const steering = conditionItems(constraint.if);
      if (!steering.every((s) => (order.get(s) ?? 0) < (order.get(target) ?? 0))) continue;
      byItem.set(target, [...(byItem.get(target) ?? []), constraint]);
    }
    if (Object.isFrozen(sheet)) steered.set(sheet, byItem);
  }
  return byItem.get(id) ?? [];
}

function blockingConstraint(sheet: Sheet, answers: Answers, id: string, value: AnswerValue): Constraint | undefined {
  const constraints = steeredConstraints(sheet, id);
  if (!constraints.length) return undefined;
  const trial: Answers = { ...answers, [id]: value };
  return constraints.find((constraint) => violated(constraint, trial));
}

export type TapOutcome = { ok: true; answers: Answers } | { ok: false; issue: AnswersIssue };

/**
 * One tap as the device layer applies it: refused (naming the item and the rule) when the choice
 * contradicts an earlier answer, otherwise the answers with everything the tap clears or fills.
 * An id that is not an item of the sheet is refused too.
 */
export function tapAnswer(sheet: Sheet, current: Answers, id: string, value: AnswerValue | undefined): TapOutcome {
  if (!orderOf(sheet).has(id)) {
    return { ok: false, issue: { item: id, rule: 'answers format', message: { en: `not an item of the sheet ${sheet.id}@${sheet.version}`, zh: `不是量表 ${sheet.id}@${sheet.version} 的項目` } } };
  }
  if (value !== undefined) {
    const blocked = blockingConstraint(sheet, current, id, value);
    if (blocked) return { ok: false, issue: { item: id, rule: blocked.rule, message: blocked.message } };
  }
  return { ok: true, answers: applyAnswer(sheet, current, id, value) };
}
