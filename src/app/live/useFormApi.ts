// The FormContext the sheet's node components read, built from the open test: one builder for the
// full sheet and the live-call screen, so both block the same choices.
import { useMemo } from 'react';
import type { DeviceTest } from '../../device';
import { retestUnmet } from '../../record/check';
import { sheetFor, type AnswerValue, type Text } from '../../scoresheet';
import { choiceBlocked, exclusions } from '../form/rules';
import type { FormApi } from '../form/formContext';
import { scoreOf } from '../list/testScore';
import { useTestStore } from '../state/testStore';

export function useFormApi(test: DeviceTest | null): FormApi | null {
  return useMemo(() => {
    const sheet = test ? sheetFor(test.sheet) : undefined;
    if (!test || !sheet) return null;
    const scored = scoreOf(test);
    const said = new Map<string, Text | undefined>();
    return {
      testId: test.id,
      sheet,
      answers: test.answers,
      results: scored.ok ? scored.result.items : {},
      exclusions: exclusions(sheet, test.answers),
      readOnly: test.status === 'completed',
      setAnswer: (item: string, value: AnswerValue | undefined) => useTestStore.getState().answer(item, value),
      // The sheet's rules, and the record contract's retest rule (「連打 2 次無人接聽」 needs its tries logged).
      blocked: (item: string, value: AnswerValue) => {
        // Asked for every choice of every item on each drawing (and by the items' skip check): once per form.
        const key = `${item}\u0000${JSON.stringify(value)}`;
        if (said.has(key)) return said.get(key);
        const text = choiceBlocked(sheet, test.answers, item, value) ?? (test.retestOverride ? undefined : retestUnmet(sheet, item, value, test.attempts)?.message);
        said.set(key, text);
        return text;
      },
      attempts: test.attempts,
      addAttempt: (o) => useTestStore.getState().addAttempt(o),
    };
  }, [test]);
}
