// The evaluator is generic: a second, different sheet (fixtures/other-sheet.json — other points,
// one more item than 附表3, no voice-system switch, three sections, its own answers format and
// timing constants) loads and scores correctly with no code change. Broken sheets are refused on
// load with a SheetError naming the node.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentSheet, loadSheet, SheetError, sheetItems, tryScore, type Sheet } from '../../src/scoresheet';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const other = loadSheet(fixture('other-sheet.json'));
const FORMAT = 'other-answers/2';

/** Every item at its best: 12 + 28 + 14 + 24 + 12 + 15 = 105. */
function best(): Record<string, unknown> {
  return {
    'A.1': { outcome: 'answered', rings: 0 },
    'A.2.a': true, 'A.2.b': true, 'A.2.c': true, 'A.2.d': true,
    'A.2.e': 'a', 'A.2.f': true, 'A.2.g': 'a', 'A.2.h': 'a',
    'B.1.1': { outcome: 'answered', rings: 2 },
    'B.1.2': 'na',
    'B.2.1': 'a', 'B.2.2': true, 'B.2.3': { band: 'a', points: 8 }, 'B.2.4': true,
    'B.3': { variant: 'P', band: 'a', points: 12 },
    'C.1': 'a', 'C.2': true, 'C.3': { band: 'hi', points: 5 }, 'C.4': true,
  };
}
const A2 = ['A.2.a', 'A.2.b', 'A.2.c', 'A.2.d', 'A.2.e', 'A.2.f', 'A.2.g', 'A.2.h'];
const ORDER = ['A.1', ...A2, 'B.1.1', 'B.1.2', 'B.2.1', 'B.2.2', 'B.2.3', 'B.2.4', 'B.3', 'C.1', 'C.2', 'C.3', 'C.4'];

function on(answers: Record<string, unknown>, sheet: Sheet = other) {
  const outcome = tryScore(sheet, { format: FORMAT, answers });
  if (!outcome.ok) throw new Error(`rejected: ${JSON.stringify(outcome.issues)}`);
  return outcome.result;
}
function rejected(answers: Record<string, unknown>, item: string) {
  const outcome = tryScore(other, { format: FORMAT, answers });
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.issues.map((i) => i.item)).toContain(item);
}
const without = (a: Record<string, unknown>, ids: string[]) => Object.fromEntries(Object.entries(a).filter(([k]) => !ids.includes(k)));

describe('a second sheet, different from 附表3', () => {
  it('differs as required: one more item, no switch, other max and layout', () => {
    const items = sheetItems(other);
    const annexScored = sheetItems(currentSheet).filter((i) => i.kind !== 'switch');
    expect(items.map((i) => i.id)).toEqual(ORDER);
    expect(items.length).toBe(annexScored.length + 1);
    expect(items.some((i) => i.kind === 'switch')).toBe(false);
    expect(other.sections.map((s) => s.id)).toEqual(['A', 'B', 'C']);
    expect(other.max).toBe(105);
  });

  it('its best answers score its own max, 105', () => {
    const r = on(best());
    expect(r.total).toBe(105);
    expect(r.max).toBe(105);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.sheet).toEqual({ id: 'test-other-sheet', version: 7 });
    expect(r.sections).toMatchObject({ A: 40, 'A.1': 12, 'A.2': 28, B: 50, 'B.1': 14, 'B.2': 24, 'B.3': 12, C: 15 });
  });

  it('reads its own answers format, not 附表3’s', () => {
    const outcome = tryScore(other, { format: 'courtesy-answers/1', answers: best() });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0].item).toBe('format');
  });

  it('a 附表3 item (voiceSystem, 1.2) is unknown on it', () => {
    rejected({ ...best(), voiceSystem: true }, 'voiceSystem');
    rejected({ ...best(), '1.2': { outcome: 'answered', rings: 3 } }, '1.2');
  });

  // Its own timing constants: clamp(10 − ceil((x − 3)/1), 0, 12) rings; clamp(10 − ceil((s − 9)/2), 0, 12) seconds.
  it.each([
    [{ rings: 0 }, 12], [{ rings: 1 }, 12], [{ rings: 2 }, 11], [{ rings: 3 }, 10], [{ rings: 4 }, 9], [{ rings: 13 }, 0],
    [{ seconds: 0 }, 12], [{ seconds: 5 }, 12], [{ seconds: 7 }, 11], [{ seconds: 8 }, 10], [{ seconds: 9 }, 10],
    [{ seconds: 9.5 }, 9], [{ seconds: 11 }, 9], [{ seconds: 29 }, 0], [{ rings: 8, seconds: 7 }, 11],
  ])('A.1 %j → %d', (t, points) => {
    const r = on({ ...best(), 'A.1': { outcome: 'answered', ...t } });
    expect(r.items['A.1'].points).toBe(points);
    expect(r.total).toBe(105 - 12 + points);
  });

  it('a timing item with only rings rejects seconds', () => {
    rejected({ ...best(), 'B.1.1': { outcome: 'answered', seconds: 5 } }, 'B.1.1');
  });

  it('a non-timed outcome with points: busy → 2, and A.2 is excluded (kept at 0 of 28)', () => {
    const r = on(without({ ...best(), 'A.1': { outcome: 'busy' } }, A2));
    expect(r.items['A.1'].points).toBe(2);
    expect(r.items['A.2'].points).toBe(0);
    expect(r.items['A.2'].max).toBe(28);
    expect(r.total).toBe(105 - 12 + 2 - 28);
    expect(r.max).toBe(105);
    expect(r.complete).toBe(true);
  });

  it('A.2.* present when the operator never answered is rejected', () => {
    rejected({ ...best(), 'A.1': { outcome: 'dead' } }, 'A.2.a');
  });

  it('options, checks, na, bands and variants score with its own points', () => {
    const r = on({
      ...best(),
      'A.2.e': 'na', 'A.2.f': 'na', 'A.2.g': 'b', 'A.2.h': 'b',
      'B.2.1': 'c', 'B.2.2': false, 'B.2.3': { band: 'b', points: 4 }, 'B.2.4': false,
      'B.3': { variant: 'Q', band: 'b', points: 9 },
      'C.1': 'b', 'C.2': false, 'C.3': { band: 'mid', points: 2 },
    });
    expect(r.sections.A).toBe(12 + 4 + 4 + 4 + 3 + 4 + 3 + 0 + 1);
    expect(r.items['B.2'].points).toBe(2 + 0 + 4 + 0);
    expect(r.items['B.3'].points).toBe(9);
    expect(r.sections.C).toBe(2 + 0 + 2 + 2);
    expect(r.total).toBe(35 + (14 + 6 + 9) + 6);
  });

  it('its constraints and bands are enforced', () => {
    rejected({ ...best(), 'A.2.e': 'na' }, 'A.2.f');
    rejected({ ...best(), 'B.1.2': 'a' }, 'B.1.2');
    rejected({ ...best(), 'B.2.3': { band: 'a', points: 9 } }, 'B.2.3');
    rejected({ ...best(), 'B.3': { variant: '甲', band: 'a', points: 12 } }, 'B.3');
    rejected({ ...best(), 'C.3': { band: 'a', points: 5 } }, 'C.3');
    rejected({ ...best(), 'C.2': 'na' }, 'C.2');
  });

  it('nobody answered at the unit: B.2 and B.3 must be absent and score 0', () => {
    const nobody = without({ ...best(), 'B.1.1': { outcome: 'unanswered' }, 'B.1.2': 'b' }, ['B.2.1', 'B.2.2', 'B.2.3', 'B.2.4', 'B.3']);
    const r = on(nobody);
    expect(r.sections.B).toBe(0);
    expect(r.total).toBe(55);
    expect(r.complete).toBe(true);
    rejected({ ...nobody, 'B.2.4': true }, 'B.2.4');
  });

  it('a partial document lists its missing items in its sheet order', () => {
    const r = on(without(best(), ['C.4', 'A.1', 'B.3', 'A.2.c']));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual(['A.1', 'A.2.c', 'B.3', 'C.4']);
    expect(r.total).toBe(105 - 12 - 4 - 12 - 2);
    expect(on({}).missing).toEqual(ORDER);
  });

  it('loading does not change 附表3', () => {
    expect(currentSheet.id).toBe('bsmi-fubiao3');
    expect(currentSheet.max).toBe(100);
  });
});

// ---- broken sheets ------------------------------------------------------------------------

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A fresh copy of the fixture with one node changed. */
function broken(edit: (sheet: Json, node: (id: string) => Json) => void): unknown {
  const sheet = structuredClone(fixture('other-sheet.json')) as Json;
  const find = (id: string): Json => {
    const visit = (n: Json): Json | undefined => (n.id === id ? n : (n.children ?? []).map(visit).find(Boolean));
    const hit = sheet.sections.map(visit).find(Boolean);
    if (!hit) throw new Error(`no node ${id} in the fixture`);
    return hit;
  };
  edit(sheet, find);
  return sheet;
}

function expectSheetError(input: unknown, node: string) {
  let thrown: unknown;
  try {
    loadSheet(input);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `loadSheet accepted a broken sheet (node ${node})`).toBeInstanceOf(SheetError);
  const err = thrown as SheetError;
  expect(err.node).toBe(node);
  expect(err.message).toContain(node);
}

describe('broken sheets are refused on load, naming the node', () => {
  it('the unbroken fixture loads', () => {
    expect(() => loadSheet(fixture('other-sheet.json'))).not.toThrow();
  });

  it('duplicate id', () => {
    expectSheetError(broken((_, node) => (node('C.4').id = 'C.2')), 'C.2');
  });

  it('unknown kind', () => {
    expectSheetError(broken((_, node) => (node('C.4').kind = 'slider')), 'C.4');
  });

  it('a condition reading an unknown item', () => {
    expectSheetError(broken((_, node) => (node('A.2').when.condition.item = 'Z.9')), 'A.2');
  });

  it('a constraint reading an unknown item', () => {
    expectSheetError(broken((sheet) => (sheet.constraints[2].then.item = 'B.1.9')), 'answered-is-na');
  });

  it('a group max not matching its children', () => {
    expectSheetError(broken((_, node) => (node('B.2').max = 25)), 'B.2');
  });

  it('a section max not matching its children', () => {
    expectSheetError(broken((_, node) => (node('C').max = 14)), 'C');
  });

  it('a band outside the item max', () => {
    expectSheetError(broken((_, node) => (node('B.2.3').bands[0].max = 9)), 'B.2.3');
  });

  it('an option worth more than its item', () => {
    expectSheetError(broken((_, node) => (node('C.1').options[0].points = 6)), 'C.1');
  });

  it('a broken sheet file on disk (duplicate id)', () => {
    expectSheetError(fixture('broken-duplicate-id.json'), 'X.1');
  });

  it('not a sheet at all', () => {
    expect(() => loadSheet(null)).toThrow(SheetError);
    expect(() => loadSheet({ ...(fixture('other-sheet.json') as Json), format: 'courtesy-sheet/9' })).toThrow(SheetError);
  });
});

// ---- half-formed sheets: refused on load, never a throw or NaN later ----------------------------

/** A broken sheet must either be refused with a SheetError, or load and then score without throwing or NaN. */
function expectRefusedOrSound(input: unknown, answers: Record<string, unknown>, node: string) {
  let sheet: Sheet;
  try {
    sheet = loadSheet(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SheetError);
    expect((e as SheetError).node).toBe(node);
    return;
  }
  let outcome: ReturnType<typeof tryScore> | undefined;
  expect(() => (outcome = tryScore(sheet, { format: FORMAT, answers }))).not.toThrow();
  if (outcome!.ok) {
    expect(Number.isFinite(outcome!.result.total)).toBe(true);
    expect(outcome!.result.max).toBe(sheet.max);
  }
}

describe('sheet validation refuses half-formed trees', () => {
  it('a sheet without "constraints" is refused', () => {
    expectRefusedOrSound(broken((sheet) => delete sheet.constraints), {}, '(sheet)');
  });

  it('a condition with neither "equals" nor "in" is refused', () => {
    const input = broken((_, node) => (node('A.2').when.condition = { item: 'A.1', field: 'outcome', equal: 'answered' }));
    expectRefusedOrSound(input, { 'A.1': { outcome: 'answered', rings: 1 } }, 'A.2');
  });

  it('a timing measure without reference/referencePoints is refused', () => {
    const input = broken((_, node) => delete node('A.1').measures[1].referencePoints);
    expectRefusedOrSound(input, { 'A.1': { outcome: 'answered', seconds: 4 } }, 'A.1');
  });

  it('an "na" without a label is refused', () => {
    const input = broken((_, node) => (node('C.2').na = { rule: 'rule X' }));
    expectRefusedOrSound(input, { 'C.2': 'na' }, 'C.2');
  });

  it('a sheet without answersFormat is refused', () => {
    const input = broken((sheet) => delete sheet.answersFormat);
    expect(() => loadSheet(input)).toThrow(SheetError);
  });

  it('an applicability "notScored" on a non-switch item is refused (the max would drift)', () => {
    const input = broken((_, node) => (node('A.2').when.otherwise = 'notScored'));
    expectRefusedOrSound(input, { 'A.1': { outcome: 'busy' } }, 'A.2');
  });

  it('a scale on a non-switch condition is refused (the max would drift)', () => {
    const input = broken((_, node) => (node('C.1').scale = { factor: 2, when: { item: 'C.2', equals: true }, rule: 'rule X' }));
    expectRefusedOrSound(input, { 'C.1': 'a', 'C.2': true }, 'C.1');
  });
});
