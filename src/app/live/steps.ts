// Which steps of the call exist for these answers, read from the sheet's callSteps: the rules
// decide (no voice system → step 1 is one tap; the operator never answered → no transfer step).
// Nothing here knows an item id.
import type { Applicability, CallStep, Sheet } from '../../scoresheet';

export interface ShownStep {
  step: CallStep;
  /** The step's items the rules leave in play, in call order. */
  items: string[];
  /** The timing item whose big tools this step shows (absent when the rules took it out). */
  timer?: string;
  retest?: string;
}

export function shownSteps(sheet: Sheet, exclusions: Map<string, Applicability>): ShownStep[] {
  const steps = sheet.callSteps ?? [];
  const out: ShownStep[] = [];
  steps.forEach((step, i) => {
    const items = step.items.filter((id) => !exclusions.has(id));
    const timer = step.timer && !exclusions.has(step.timer) ? step.timer : undefined;
    const retest = step.retest && !exclusions.has(step.retest) ? step.retest : undefined;
    // The last step always stays: it is where the test is checked and completed.
    if (items.length === 0 && i < steps.length - 1) return;
    out.push({ step, items, ...(timer ? { timer } : {}), ...(retest ? { retest } : {}) });
  });
  return out;
}

/** The step that settles an item (for 「尚缺」 jumps), or undefined. */
export function stepOf(steps: ShownStep[], itemId: string): string | undefined {
  return steps.find((s) => s.items.includes(itemId))?.step.id;
}

/** Where to resume: the first step with an item still missing (a reload lands where the call was). */
export function resumeStep(steps: ShownStep[], missing: string[]): string | undefined {
  const first = missing.find((id) => stepOf(steps, id));
  return (first ? stepOf(steps, first) : undefined) ?? steps[0]?.step.id;
}
