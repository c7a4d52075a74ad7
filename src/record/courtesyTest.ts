// The test record: one mystery call and its filled sheet. The same shape lives on the device
// (Dexie), travels in sync pushes and is stored by the server, so it is plain JSON.
import type { Answers } from '../scoresheet';

export type TestStatus = 'draft' | 'completed';

/** One try at reaching the switchboard; two unanswered tries ≥ 10 minutes apart make 「連打 2 次無人接聽」. */
export interface SwitchboardAttempt {
  at: string;
  outcome: 'answered' | 'unanswered' | 'outOfOrder';
}

/** An earlier version kept when a completed test is corrected. */
export interface TestVersion {
  savedAt: string;
  status: TestStatus;
  answers: Answers;
  reason?: string;
}

export interface CourtesyTest {
  /** UUID made on the device that started the test. */
  id: string;
  /** The unit's id on the server; empty while the unit was only typed (no unit list yet). */
  unitId: string;
  /** The unit's name as shown (from the list, or typed). */
  unitName: string;
  switchboardNumber: string;
  /** Personal data (個資法): shown masked, purged after the retention period. */
  answererSurname: string;
  /** Personal data (個資法): shown masked, purged after the retention period. */
  extension: string;
  testerName: string;
  testerId?: string;
  /** ISO 8601 with offset; its Asia/Taipei date decides the quarter. */
  testedAt: string;
  sheet: { id: string; version: number };
  /** The `answers` of a courtesy-answers/1 document. */
  answers: Answers;
  attempts: SwitchboardAttempt[];
  status: TestStatus;
  history: TestVersion[];
  createdAt: string;
  updatedAt: string;
  /** The server revision this copy is based on; 0 until the server has confirmed it. */
  rev: number;
  deleted?: boolean;
}

export const ANSWERS_FORMAT = 'courtesy-answers/1';

/** The answers of a test as a standalone courtesy-answers/1 document. */
export function answersDocument(test: Pick<CourtesyTest, 'answers'>): { format: string; answers: Answers } {
  return { format: ANSWERS_FORMAT, answers: test.answers };
}
