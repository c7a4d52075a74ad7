// fast-check generators of answers documents for 附表3, built from the spec's rules alone:
// `validAnswers` respects every rule (it may leave items out: a partial sheet is valid);
// `invalidCase` breaks exactly one rule of a valid document and says which item must be named.
import fc from 'fast-check';
import { FORMAT, fullAnswers, patch, type RawAnswers } from './helpers';

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);

/** Whole seconds or tenths, as a stopwatch records them. */
const seconds = fc.oneof(fc.integer({ min: 0, max: 600 }).map((t) => t / 10), fc.integer({ min: 0, max: 90 }));
const rings = fc.integer({ min: 0, max: 30 });

/** A timed answer: rings, seconds or both (rule 1 needs at least one). */
const timing = fc
  .record({ rings: fc.option(rings, { nil: undefined }), seconds: fc.option(seconds, { nil: undefined }) })
  .filter((t) => t.rings !== undefined || t.seconds !== undefined)
  .map((t) => {
    const out: Record<string, unknown> = { outcome: 'answered' };
    if (t.rings !== undefined) out.rings = t.rings;
    if (t.seconds !== undefined) out.seconds = t.seconds;
    return out;
  });

const BANDS_2_2_3: Record<string, [number, number]> = { a: [8, 10], b: [5, 7], c: [3, 4], d: [0, 0] };
const BANDS_2_3: Record<string, Record<string, [number, number]>> = {
  甲: { a: [12, 15], b: [8, 11], c: [4, 7], d: [0, 0] },
  乙: { a: [14, 15], b: [12, 13], c: [10, 11], d: [8, 9], e: [6, 7], f: [0, 0] },
};
export const BAND_TABLES = { '2.2.3': BANDS_2_2_3, '2.3': BANDS_2_3 };

const band = (bands: Record<string, [number, number]>) =>
  pick(...Object.keys(bands)).chain((key) =>
    fc.integer({ min: bands[key][0], max: bands[key][1] }).map((points) => ({ band: key, points })),
  );
const variantBand = (variants: string[]) =>
  pick(...variants).chain((variant) => band(BANDS_2_3[variant]).map((b) => ({ variant, ...b })));

/** Section 1: the voice system switch, 1.1.*, 1.2 and 1.3.* by rules 2, 3, 4, 5. */
const section1: fc.Arbitrary<RawAnswers> = fc
  .record({
    voiceSystem: fc.boolean(),
    v1: pick('a', 'b', 'c'),
    v2: pick('a', 'b', 'c'),
    v3: pick('a', 'b', 'c', 'd'),
    v4: pick('a', 'b'),
    op: fc.oneof(timing, pick({ outcome: 'unansweredTwice' }, { outcome: 'outOfOrder' })),
    checks: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
    transfer: fc.oneof(
      fc.constant(['na', 'na'] as [unknown, unknown]),
      fc.tuple(pick<unknown>('a', 'b', 'c'), fc.boolean() as fc.Arbitrary<unknown>),
    ),
    busy: pick('a', 'b', 'na'),
    manner: pick('a', 'b', 'c'),
  })
  .map((g) => {
    const out: RawAnswers = { voiceSystem: g.voiceSystem };
    if (g.voiceSystem) {
      out['1.1.1'] = g.v1;
      if (g.v1 !== 'c') Object.assign(out, { '1.1.2': g.v2, '1.1.3': g.v3, '1.1.4': g.v4 });
    }
    out['1.2'] = g.op;
    if ((g.op as { outcome: string }).outcome === 'answered') {
      Object.assign(out, {
        '1.3.1': g.checks[0],
        '1.3.2': g.checks[1],
        '1.3.3': g.checks[2],
        '1.3.4': g.checks[3],
        '1.3.5': g.transfer[0],
        '1.3.6': g.transfer[1],
        '1.3.7': g.busy,
        '1.3.8': g.manner,
      });
    }
    return out;
  });

/** Section 2 by rules 4 and 6: answered, forwarded (乙), or nobody answered. */
const section2: fc.Arbitrary<RawAnswers> = fc
  .record({
    unit: fc.oneof(timing, fc.constant({ outcome: 'unanswered' })),
    why: pick('a', 'b', 'c'),
    greeting: pick('a', 'b', 'c', 'd'),
    closing: fc.boolean(),
    manner: band(BANDS_2_2_3),
    content甲乙: variantBand(['甲', '乙']),
    content乙: variantBand(['乙']),
  })
  .map((g) => {
    const out: RawAnswers = { '2.1.1': g.unit };
    const answered = (g.unit as { outcome: string }).outcome === 'answered';
    out['2.1.2'] = answered ? 'na' : g.why;
    if (answered || g.why === 'a') {
      Object.assign(out, { '2.2.1': g.greeting, '2.2.2': g.closing, '2.2.3': g.manner, '2.3': answered ? g.content甲乙 : g.content乙 });
    }
    return out;
  });

/** A complete valid answers object. */
export const completeAnswers: fc.Arbitrary<RawAnswers> = fc.tuple(section1, section2).map(([a, b]) => ({ ...a, ...b }));

/**
 * A valid answers object, complete or partial: dropping answers never breaks a rule (a condition
 * over an absent answer is unknown and neither excludes nor triggers anything).
 */
export const validAnswers: fc.Arbitrary<RawAnswers> = fc
  .tuple(completeAnswers, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), fc.boolean())
  .map(([answers, drops, keepAll]) => {
    if (keepAll) return answers;
    const out: RawAnswers = {};
    Object.keys(answers).forEach((key, i) => {
      if (!drops[i]) out[key] = answers[key];
    });
    return out;
  });

export const validDocument = validAnswers.map((answers) => ({ format: FORMAT, answers }));

export interface InvalidCase {
  name: string;
  doc: unknown;
  /** The item the rejection must name. */
  item: string;
}

type Breaker = (a: RawAnswers) => InvalidCase;

const isAnswered = (v: unknown) => (v as { outcome?: string } | undefined)?.outcome === 'answered';

/** Each breaker sets up what its rule needs on a complete valid document, then breaks that rule once. */
const breakers: Breaker[] = [
  (a) => ({ name: 'unknown key', doc: { format: FORMAT, answers: { ...a, '3.1': 'a' } }, item: '3.1' }),
  (a) => ({ name: 'wrong format', doc: { format: 'courtesy-answers/0', answers: a }, item: 'format' }),
  (a) => ({ name: 'unknown option', doc: { format: FORMAT, answers: { ...a, '1.3.8': 'z' } }, item: '1.3.8' }),
  (a) => ({ name: 'check not boolean', doc: { format: FORMAT, answers: { ...a, '2.2.2': 'yes' } }, item: '2.2.2' }),
  // rule 1
  (a) => ({ name: 'timing without measures', doc: { format: FORMAT, answers: { ...a, '2.1.1': { outcome: 'answered' }, '2.1.2': 'na' } }, item: '2.1.1' }),
  (a) => ({ name: 'negative rings', doc: { format: FORMAT, answers: { ...a, '1.2': { outcome: 'answered', rings: -2 } } }, item: '1.2' }),
  (a) => ({ name: 'fractional rings', doc: { format: FORMAT, answers: { ...a, '1.2': { outcome: 'answered', rings: 1.5 } } }, item: '1.2' }),
  // rule 2
  (a) => {
    const answers = { ...a, voiceSystem: false, '1.1.1': 'b' };
    return { name: '1.1.* without a voice system', doc: { format: FORMAT, answers }, item: '1.1.1' };
  },
  // rule 3
  (a) => {
    const answers = { ...a, '1.2': { outcome: 'outOfOrder' }, '1.3.2': true };
    return { name: '1.3.* when the operator never answered', doc: { format: FORMAT, answers }, item: '1.3.2' };
  },
  // rule 4
  (a) => {
    const answers: RawAnswers = { ...patch(a, { '1.3.5': 'na', '1.3.6': false }), '1.2': isAnswered(a['1.2']) ? a['1.2'] : { outcome: 'answered', rings: 4 } };
    const full = fullAnswers();
    for (const id of ['1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.7', '1.3.8']) if (!(id in answers)) answers[id] = full[id];
    return { name: '1.3.5 na without 1.3.6', doc: { format: FORMAT, answers }, item: '1.3.6' };
  },
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'answered', seconds: 3 }, '2.1.2': 'b' };
    return { name: '2.1.2 not na when answered', doc: { format: FORMAT, answers }, item: '2.1.2' };
  },
  // rule 5
  (a) => {
    const answers = { ...a, voiceSystem: true, '1.1.1': 'c', '1.1.3': 'a' };
    return { name: '1.1.3 with the voice system out of order', doc: { format: FORMAT, answers }, item: '1.1.3' };
  },
  // rule 6
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'c', '2.2.1': 'b' };
    return { name: '2.2.1 when nobody answered', doc: { format: FORMAT, answers }, item: '2.2.1' };
  },
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'a', '2.3': { variant: '甲', band: 'b', points: 9 } };
    return { name: 'forwarded on 甲', doc: { format: FORMAT, answers }, item: '2.3' };
  },
  (a) => {
    const answers = patch(a, { '2.1.1': { outcome: 'unanswered' }, '2.1.2': 'na' }, ['2.2.1', '2.2.2', '2.2.3', '2.3']);
    return { name: '2.1.2 na when unanswered', doc: { format: FORMAT, answers }, item: '2.1.2' };
  },
  // rule 7
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'answered', rings: 1 }, '2.1.2': 'na', '2.2.3': { band: 'c', points: 5 } };
    return { name: 'band points outside', doc: { format: FORMAT, answers }, item: '2.2.3' };
  },
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'answered', rings: 1 }, '2.1.2': 'na', '2.3': { variant: '乙', band: 'b', points: 12.5 } };
    return { name: 'band points not whole', doc: { format: FORMAT, answers }, item: '2.3' };
  },
  (a) => {
    const answers = { ...a, '2.1.1': { outcome: 'answered', rings: 1 }, '2.1.2': 'na', '2.3': { variant: '乙', band: 'z', points: 1 } };
    return { name: 'unknown band', doc: { format: FORMAT, answers }, item: '2.3' };
  },
];

export const invalidCase: fc.Arbitrary<InvalidCase> = fc
  .tuple(completeAnswers, fc.integer({ min: 0, max: breakers.length - 1 }))
  .map(([answers, i]) => breakers[i](answers));

export const BREAKER_COUNT = breakers.length;
