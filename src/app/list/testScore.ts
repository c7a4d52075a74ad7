// A test's score as the lists and the form show it; never throws (a broken test shows its issues).
import { sheetFor, tryScore, type ScoreOutcome } from '../../scoresheet';
import { answersDocument, type CourtesyTest } from '../../record/courtesyTest';

const cache = new WeakMap<object, ScoreOutcome>();

export function scoreOf(test: Pick<CourtesyTest, 'answers' | 'sheet'>): ScoreOutcome {
  const hit = cache.get(test.answers);
  if (hit) return hit;
  const sheet = sheetFor(test.sheet);
  const outcome: ScoreOutcome = sheet
    ? tryScore(sheet, answersDocument(test))
    : { ok: false, issues: [{ item: 'sheet', rule: 'sheet version', message: { zh: `不認得的量表版本 ${test.sheet.id} v${test.sheet.version}`, en: `unknown sheet ${test.sheet.id} v${test.sheet.version}` } }] };
  cache.set(test.answers, outcome);
  return outcome;
}
