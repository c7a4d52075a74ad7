// The test record: one mystery call and its filled sheet. The same shape lives on the device
// (Dexie), travels in sync pushes and is stored by the server, so it is plain JSON. Its types are
// inferred from the one schema (schema.ts); nothing here is written by hand twice.
import type { Answers } from '../scoresheet';

export type { CourtesyTest, SwitchboardAttempt, TestStatus, TestVersion, RetestOverride } from './schema';

export const ANSWERS_FORMAT = 'courtesy-answers/1';

/** The answers of a test as a standalone courtesy-answers/1 document. */
export function answersDocument(test: { answers: Answers }): { format: string; answers: Answers } {
  return { format: ANSWERS_FORMAT, answers: test.answers };
}
