// The other figures the yearly reports and QA tools give (issue 13): calls the switchboard never
// answered, calls nobody at the business unit answered, how often a non-responsible person answered
// (乙), the grade distribution, and a half-year summary. The first three read answers of 附表3's own
// items; a sheet without them simply counts 0 (no other sheet is in use).
import type { ServerRecord } from '../sync/protocol';
import { mean, toFixed } from './exact';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { exactMean } from './stats';

/** Where 附表3 records the answers these counts read. */
const SWITCHBOARD_ITEM = '1.2';
const SWITCHBOARD_NO_ANSWER = 'unansweredTwice';
const UNIT_ITEM = '2.1.1';
const UNIT_NO_ANSWER = 'unanswered';
const CONTENT_ITEM = '2.3';
const NOT_RESPONSIBLE = '乙';

export interface CallFigures {
  tests: number;
  /** 連打 2 次無人接聽 (總機). */
  switchboardNoAnswer: number;
  /** 業務單位無人接聽. */
  unitNoAnswer: number;
  /** Tests whose 答話內容 was scored (甲 or 乙). */
  contentScored: number;
  /** 乙: answered by someone not responsible for the matter. */
  notResponsible: number;
  /** notResponsible / contentScored as "12.5%", '' when none scored. */
  notResponsibleShareText: string;
}

const field = (r: ServerRecord, item: string, key: string): unknown => {
  const a = r.answers?.[item] as Record<string, unknown> | undefined;
  return a && typeof a === 'object' ? a[key] : undefined;
};

export const percentText = (part: number, whole: number): string => (whole > 0 ? `${toFixed(mean(part * 100, whole)!, 1)}%` : '');

/** Counted tests in, figures out. */
export function callFigures(records: ServerRecord[]): CallFigures {
  let switchboardNoAnswer = 0;
  let unitNoAnswer = 0;
  let contentScored = 0;
  let notResponsible = 0;
  for (const r of records) {
    if (field(r, SWITCHBOARD_ITEM, 'outcome') === SWITCHBOARD_NO_ANSWER) switchboardNoAnswer += 1;
    if (field(r, UNIT_ITEM, 'outcome') === UNIT_NO_ANSWER) unitNoAnswer += 1;
    const variant = field(r, CONTENT_ITEM, 'variant');
    if (typeof variant === 'string') {
      contentScored += 1;
      if (variant === NOT_RESPONSIBLE) notResponsible += 1;
    }
  }
  return { tests: records.length, switchboardNoAnswer, unitNoAnswer, contentScored, notResponsible, notResponsibleShareText: percentText(notResponsible, contentScored) };
}

export interface GradeCount {
  grade: string;
  count: number;
  shareText: string;
}

/** How many tests earned each grade, highest band first (every band listed, 0 included). */
export function gradeDistribution(records: ServerRecord[], bands: GradeBands = DEFAULT_GRADES): GradeCount[] {
  const counts = new Map(bands.bands.map((b) => [b.grade, 0]));
  for (const r of records) {
    const g = gradeOf(exactMean([r]), bands);
    if (g !== null) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return bands.bands.map((b) => ({ grade: b.grade, count: counts.get(b.grade)!, shareText: percentText(counts.get(b.grade)!, records.length) }));
}
