// Real tests for the report tests: answers scored by the project's own scorer, wrapped as the
// server holds them (ServerRecord). Totals used in the tests are worked out by hand in comments.
import { currentSheet, score, type Answers } from '../../src/scoresheet';
import { quarterKey, quarterOf } from '../../src/record/quarter';
import type { ServerRecord } from '../../src/sync/protocol';

/** Full marks: 100. */
export const PERFECT: Answers = {
  voiceSystem: true,
  '1.1.1': 'a', '1.1.2': 'a', '1.1.3': 'a', '1.1.4': 'a',
  '1.2': { outcome: 'answered', rings: 2 },
  '1.3.1': true, '1.3.2': true, '1.3.3': true, '1.3.4': true,
  '1.3.5': 'na', '1.3.6': 'na', '1.3.7': 'na', '1.3.8': 'a',
  '2.1.1': { outcome: 'answered', rings: 2 },
  '2.1.2': 'na',
  '2.2.1': 'a', '2.2.2': true,
  '2.2.3': { band: 'a', points: 10 },
  '2.3': { variant: '甲', band: 'a', points: 15 },
};

/** 100 − 3: the operator did not state the unit (1.3.1). */
export const NO_UNIT_NAME: Answers = { ...PERFECT, '1.3.1': false };

/**
 * 92.5: no voice system (1.1 leaves the total), the operator answered at 5 rings → 7 points × 2.5 = 17.5
 * of 25, so 7.5 lost on 1.2.
 */
export function noVoiceSystem(): Answers {
  const a: Answers = { ...PERFECT, voiceSystem: false, '1.2': { outcome: 'answered', rings: 5 } };
  for (const id of ['1.1.1', '1.1.2', '1.1.3', '1.1.4']) delete a[id];
  return a;
}

/** 100 − 3 (1.3.1) − 7 (2.2.1 'c' gives 3 of 10) = 90. */
export const NINETY: Answers = { ...PERFECT, '1.3.1': false, '2.2.1': 'c' };

/**
 * 70: the switchboard never answered (連打 2 次無人接聽): 1.2 scores 0 of 10 and 1.3 scores 0 of 20
 * (its items stay in the total, so each 1.3.* item loses its full max).
 */
export function switchboardUnanswered(): Answers {
  const a: Answers = { ...PERFECT, '1.2': { outcome: 'unansweredTwice' } };
  for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5', '1.3.6', '1.3.7', '1.3.8']) delete a[id];
  return a;
}

let seq = 0;

export function record(over: Partial<ServerRecord> & { answers: Answers; testedAt: string; unitId: string }): ServerRecord {
  seq += 1;
  // A record scored elsewhere (another sheet version) brings its own score.
  const scored = over.score !== undefined ? over.score : score(currentSheet, { format: 'courtesy-answers/1', answers: over.answers });
  return {
    id: over.id ?? `t${seq}`,
    unitId: over.unitId,
    unitName: over.unitName ?? `單位${over.unitId}`,
    switchboardNumber: '02-1234-5678',
    answererSurname: over.answererSurname ?? '王',
    extension: over.extension ?? '1234',
    testerName: over.testerName ?? '測試員甲',
    testerId: over.testerId ?? 'tester-1',
    testedAt: over.testedAt,
    sheet: { id: currentSheet.id, version: currentSheet.version },
    answers: over.answers,
    attempts: [],
    status: over.status ?? 'completed',
    history: [],
    createdAt: over.testedAt,
    updatedAt: over.testedAt,
    rev: 1,
    seq,
    score: over.score === undefined ? scored : over.score,
    quarter: quarterKey(quarterOf(over.testedAt)),
    ...(over.deleted ? { deleted: true } : {}),
  };
}

export const UNITS = [
  { id: 'u1', name: '第一課', createdAt: '2020-01-01T00:00:00Z' },
  { id: 'u2', name: '第二課', createdAt: '2020-01-01T00:00:00Z' },
  { id: 'u3', name: '嘉義辦事處', createdAt: '2020-01-01T00:00:00Z' },
];
