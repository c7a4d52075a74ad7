// What every node component needs to render itself and to say what the tester chose. The form
// screen fills it from the store; the components never write storage themselves.
import { createContext, useContext } from 'react';
import type { SwitchboardAttempt } from '../../record/courtesyTest';
import type { Answers, AnswerValue, Applicability, NodeResult, Sheet, Text } from '../../scoresheet';

export interface FormApi {
  /** The test being filled (live-call timers belong to one test). */
  testId: string;
  sheet: Sheet;
  answers: Answers;
  /** Points, max, state and reason per node; empty when the answers break a rule. */
  results: Record<string, NodeResult>;
  exclusions: Map<string, Applicability>;
  readOnly: boolean;
  setAnswer(id: string, value: AnswerValue | undefined): void;
  blocked(id: string, value: AnswerValue): Text | undefined;
  /** Tries at reaching the switchboard (「連打 2 次無人接聽」 needs two, ≥ 10 minutes apart). */
  attempts: SwitchboardAttempt[];
  addAttempt(outcome: SwitchboardAttempt['outcome']): void;
}

export const FormContext = createContext<FormApi | null>(null);

export function useForm(): FormApi {
  const api = useContext(FormContext);
  if (!api) throw new Error('useForm outside a FormContext');
  return api;
}
