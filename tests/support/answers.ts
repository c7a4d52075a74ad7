// The scoring spec's worked example (scoring-rules.md, "The answers format"), verbatim: a complete,
// valid 附表3 answers document worth 79 / 100. Every suite that needs "a finished sheet" starts
// from this one copy, so the spec's example is written down in the tests exactly once.
import type { Answers } from '../../src/scoresheet';

/** A fresh copy on every call: a test that edits its copy can never change another test's. */
export function specExampleAnswers(): Answers {
  return {
    voiceSystem: true,
    '1.1.1': 'a', '1.1.2': 'b', '1.1.3': 'a', '1.1.4': 'a',
    '1.2': { outcome: 'answered', rings: 3, seconds: 8 },
    '1.3.1': true, '1.3.2': true, '1.3.3': false, '1.3.4': true,
    '1.3.5': 'na', '1.3.6': 'na', '1.3.7': 'a', '1.3.8': 'b',
    '2.1.1': { outcome: 'answered', seconds: 12.5 },
    '2.1.2': 'na',
    '2.2.1': 'b', '2.2.2': true,
    '2.2.3': { band: 'a', points: 9 },
    '2.3': { variant: '甲', band: 'b', points: 10 },
  };
}
