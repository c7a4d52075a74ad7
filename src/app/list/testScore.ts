// A test's score as the lists and the form show it; never throws (a broken test shows its issues).
//
// Mid-call a sheet passes through in-between states the scorer rightly refuses as a finished answer
// (「已接聽」 tapped before any ring is counted; a number cleared to be typed again). The running total
// must not vanish then: the items at fault are set aside, the rest is scored, and those items are
// listed as unfinished (they count 0 and stay in 「尚缺」 until they are whole). Completing a test
// still runs the full check, so nothing in-between is ever completed or sent as final.
import { sheetFor, tryScore, type ScoreOutcome } from '../../scoresheet';
import { answersDocument, type CourtesyTest } from '../../record/courtesyTest';

export type ShownScore = ScoreOutcome & {
  /** Items whose answer is in between (counted 0 and listed as missing until finished). */
  unfinished?: string[];
};

const cache = new WeakMap<object, ShownScore>();

export function scoreOf(test: Pick<CourtesyTest, 'answers' | 'sheet'>): ShownScore {
  const hit = cache.get(test.answers);
  if (hit) return hit;
  const sheet = sheetFor(test.sheet);
  if (!sheet) {
    return { ok: false, issues: [{ item: 'sheet', rule: 'sheet version', message: { zh: `不認得的量表版本 ${test.sheet.id} v${test.sheet.version}`, en: `unknown sheet ${test.sheet.id} v${test.sheet.version}` } }] };
  }
  let outcome: ShownScore = tryScore(sheet, answersDocument(test));
  if (!outcome.ok) {
    const first = outcome;
    const answers = { ...test.answers };
    const unfinished: string[] = [];
    // Each pass sets aside the answered items named by an issue; a few passes settle any knock-on.
    for (let pass = 0; pass < 5 && !outcome.ok; pass++) {
      const atFault = outcome.issues.map((i) => i.item).filter((id) => id in answers);
      if (atFault.length === 0) break;
      for (const id of atFault) {
        delete answers[id];
        unfinished.push(id);
      }
      outcome = tryScore(sheet, { ...answersDocument(test), answers });
    }
    outcome = outcome.ok ? { ...outcome, unfinished } : first;
  }
  cache.set(test.answers, outcome);
  return outcome;
}
