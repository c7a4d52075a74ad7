// Sheets as data: the manifest, effective dates, validate-then-freeze, an append-only registry,
// no silent default, and the example sheet in the library.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../../src/scoresheet/sheets/manifest.json';
import { LIBRARY_FILES, SheetError, currentSheet, liveToolsOf, loadSheet, registry, retestOf, retestState, score, sheetFor, sheetInForce, type Manifest, type TimingItem } from '../../src/scoresheet';
import { registryFromManifest } from '../../src/scoresheet/registry';
import revised from './fixtures/bsmi-fubiao3.v2.json';
import { specExampleAnswers } from './helpers';

const v1doc = LIBRARY_FILES['bsmi-fubiao3.v1.json'] as Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const fresh = () => registryFromManifest(manifest as Manifest, LIBRARY_FILES);

describe('the library and its manifest', () => {
  it('lists every sheet file shipped, and each loads', () => {
    const files = readdirSync(new URL('../../src/scoresheet/sheets/', import.meta.url)).filter((f) => f.endsWith('.json') && f !== 'manifest.json');
    const listed = [...manifest.versions, ...manifest.examples].map((e) => e.file);
    expect(files.sort()).toEqual(listed.sort());
    expect(Object.keys(LIBRARY_FILES).sort()).toEqual(listed.sort());
    expect(registry.list().map((e) => `${e.sheet.id}@${e.sheet.version}`)).toEqual(['bsmi-fubiao3@1', 'city-example@1']);
  });

  it('deep-freezes every loaded version: nothing can change a sheet at run time', () => {
    const sheet = sheetFor({ id: 'bsmi-fubiao3', version: 1 })!;
    expect(Object.isFrozen(sheet)).toBe(true);
    expect(Object.isFrozen(sheet.sections[0].children[0])).toBe(true);
    expect(() => ((sheet.sections[0] as { max: number }).max = 1)).toThrow(TypeError);
    expect(() => (sheet.constraints as unknown[]).push({})).toThrow(TypeError);
    // The caller's document stays the caller's: loading copies it.
    const doc = clone(v1doc);
    loadSheet(doc);
    expect(Object.isFrozen(doc)).toBe(false);
  });

  it('names no default: a record without a sheet, or with an unknown one, has no sheet', () => {
    expect(sheetFor(undefined)).toBeUndefined();
    expect(sheetFor({ id: 'bsmi-fubiao3', version: 99 })).toBeUndefined();
    expect(sheetFor({ id: 'bsmi-fubiao3', version: 1 })).toBe(currentSheet);
  });

  it('marks the city variant as an example, never in force', () => {
    const city = sheetFor({ id: 'city-example', version: 1 })!;
    expect(city.example).toBe(true);
    expect(city.title.zh).toMatch(/範例/);
    expect(sheetInForce('2026-11-22T06:00:00Z').id).toBe('bsmi-fubiao3');
    expect(() => fresh().inForceAt('2026-11-22T06:00:00Z', 'city-example')).toThrow(SheetError);
  });
});

describe('versions in force by date', () => {
  it('gives a new test the version in force at its test time (Asia/Taipei dates)', () => {
    const r = fresh();
    r.add(revised, { source: 'published', effectiveFrom: '2027-01-01' });
    expect(r.inForceAt('2026-12-31T15:59:59Z').version).toBe(1); // 23:59:59 in Taipei
    expect(r.inForceAt('2026-12-31T16:00:00Z').version).toBe(2); // 00:00 on 1 January in Taipei
    expect(r.inForceAt('2027-06-01T00:00:00+08:00').version).toBe(2);
  });

  it('an uploaded but unpublished version is known (for its records) but never in force', () => {
    const r = fresh();
    r.add(revised, { source: 'published' });
    expect(r.get({ id: 'bsmi-fubiao3', version: 2 })).toBeDefined();
    expect(r.inForceAt('2030-01-01T00:00:00Z').version).toBe(1);
  });

  it('is append-only: the same content again is a no-op, other content under a known version is refused', () => {
    const r = fresh();
    const a = r.add(revised, { source: 'published', effectiveFrom: '2027-01-01' });
    expect(r.add(clone(revised), { source: 'published', effectiveFrom: '2027-01-01' })).toBe(a);
    const changed = clone(revised) as { title: { zh: string } };
    changed.title.zh = '改過';
    expect(() => r.add(changed, { source: 'published' })).toThrow(/already exists with other content; a changed sheet needs a new version number/);
    const v1changed = clone(v1doc) as { title: { zh: string } };
    v1changed.title.zh = '改過';
    expect(() => r.add(v1changed, { source: 'published' })).toThrow(/bsmi-fubiao3@1 already exists/);
    expect(() => r.add(revised, { source: 'published', effectiveFrom: '2027-02-30' })).toThrow(/effectiveFrom must be a date/);
  });

  it('keeps the scores of v1 tests: the worked example still scores 79 on v1', () => {
    const r = fresh();
    r.add(revised, { source: 'published', effectiveFrom: '2027-01-01' });
    expect(score(r.get({ id: 'bsmi-fubiao3', version: 1 })!, { format: 'courtesy-answers/1', answers: specExampleAnswers() }).total).toBe(79);
    const v2 = r.get({ id: 'bsmi-fubiao3', version: 2 })!;
    const r2 = score(v2, { format: 'courtesy-answers/1', answers: { ...specExampleAnswers(), '2.2.4': true } });
    // 1.3.1 now gives 4 (was 3), 1.3.2 gives 2 (was 3), 2.2.4 adds 5: 79 − 0 + 5 on 105.
    expect(r2).toMatchObject({ total: 84, max: 105, complete: true });
  });
});

describe('sheet validation names the node', () => {
  const broken = (edit: (doc: any) => void) => {
    const doc = clone(v1doc) as any;
    edit(doc);
    return () => loadSheet(doc);
  };
  it.each([
    ['an unknown top-level key', (d: any) => (d.colour = 'red'), /\(sheet\).*unknown key "colour"/],
    ['a misspelt node key', (d: any) => (d.sections[0].children[1].children[0].optons = []), /1\.1\.1.*unknown key "optons"/],
    ['a stopwatch on a whole-number measure', (d: any) => (d.sections[0].children[2].live.stopwatch = 'rings'), /1\.2: live\.stopwatch must name a measure in seconds/],
    ['a counter on no measure', (d: any) => (d.sections[0].children[2].live.counter = 'taps'), /1\.2: live\.counter must name a whole-number measure/],
    ['a retest on a timed outcome', (d: any) => (d.sections[0].children[2].outcomes[0].retest = { attempts: 2, minutesApart: 10 }), /1\.2: only one outcome may carry a retest rule/],
    ['a retest on an outcome of another kind', (d: any) => ((d.sections[0].children[2].outcomes[1].kind = 'outOfOrder'), (d.sections[0].children[2].outcomes[2].kind = 'unanswered')), /1\.2: outcome "unansweredTwice": a retest rule belongs on an untimed outcome of kind unanswered/],
    ['a misspelt retest key', (d: any) => (d.sections[0].children[2].outcomes[1].retest.minutes = 10), /1\.2: unknown key "minutes" on outcome "unansweredTwice" retest/],
    ['negative minutes apart', (d: any) => (d.sections[0].children[2].outcomes[1].retest.minutesApart = -1), /1\.2: outcome "unansweredTwice": retest needs/],
    ['an unknown outcome kind', (d: any) => (d.sections[0].children[2].outcomes[2].kind = 'broken'), /1\.2: outcome "outOfOrder" kind must be/],
    ['a reportedAs without a label', (d: any) => (d.sections[0].reportedAs = { factor: 2, max: 100, decimals: 1 }), /^sheet node 1: reportedAs needs a label/],
    ['a carry-over to no item', (d: any) => ((d.version = 2), (d.carriesOver = { 1: { '1.3.1': '9.9' } })), /carriesOver\.1\.1\.3\.1: must name an item of this sheet/],
    ['a carry-over from a later version', (d: any) => (d.carriesOver = { 3: {} }), /carriesOver\.3: must name an earlier version/],
    ['callSteps that are not a list', (d: any) => (d.callSteps = {}), /callSteps must be a list/],
  ])('refuses %s', (_name, edit, message) => {
    expect(broken(edit)).toThrow(SheetError);
    expect(broken(edit)).toThrow(message);
  });

  it('tolerates an optional callSteps list (validated on load by validateCallSteps; see callSteps.test.ts)', () => {
    // Issue 14 validates the steps when the sheet loads, so a well-formed list (the shipped one) is the one tolerated.
    expect(broken((d) => (d.callSteps = structuredClone(v1doc.callSteps)))).not.toThrow();
    expect(broken((d) => (d.callSteps = [{ id: 'dial', items: ['1.2'] }]))).toThrow(/callSteps/);
  });
});

describe('the city example: structure and points differ, each part also reported on 100', () => {
  const city = sheetFor({ id: 'city-example', version: 1 })!;
  const full = {
    'A.1': { outcome: 'answered', rings: 0 },
    'A.2.1': true, 'A.2.2': true, 'A.2.3': 'a', 'A.2.4': { band: 'a', points: 10 },
    'B.1': { outcome: 'answered', seconds: 0 },
    'B.2.1': 'a', 'B.2.2': { band: 'a', points: 20 }, 'B.2.3': true,
  };
  it('scores 100 on full marks; 45 × 2.22 = 99.9 and 55 × 1.82 = 100.1 (reported as 100)', () => {
    const r = score(city, { format: 'courtesy-answers/1', answers: full });
    expect(r).toMatchObject({ total: 100, max: 100, complete: true, sections: { A: 45, B: 55 } });
    expect(r.reported).toEqual({ A: { points: 99.9, max: 100 }, B: { points: 100, max: 100 } });
  });
  it('rounds the reported figure half away from zero to the sheet’s decimals', () => {
    const r = score(city, { format: 'courtesy-answers/1', answers: { ...full, 'A.2.3': 'b', 'A.2.4': { band: 'b', points: 5 } } });
    expect(r.sections.A).toBe(36);
    expect(r.reported!.A.points).toBe(79.9); // 36 × 2.22 = 79.92
    expect(r.reported!.B.points).toBe(100);
  });
  it('reaches its unanswered outcome only by its own retest rule (3 attempts, 5 minutes apart)', () => {
    const timing = city.sections[0].children[0] as TimingItem;
    expect(retestOf(timing)).toMatchObject({ outcome: 'noAnswer', attempts: 3, minutesApart: 5, kind: 'unanswered', oneTap: [expect.objectContaining({ key: 'fault' })] });
    const spec = retestOf(timing)!;
    const at = (min: number) => ({ at: new Date(Date.UTC(2026, 10, 1, 2, min)).toISOString(), outcome: 'unanswered' });
    expect(retestState(spec, [at(0)])).toEqual({ logged: 1, done: false, dueAt: Date.UTC(2026, 10, 1, 2, 5) });
    expect(retestState(spec, [at(0), at(6)])).toEqual({ logged: 2, done: false, dueAt: Date.UTC(2026, 10, 1, 2, 11) });
    expect(retestState(spec, [at(0), at(6), at(12)])).toMatchObject({ logged: 3, done: true });
    expect(liveToolsOf(city.sections[1].children[0] as TimingItem)).toMatchObject({ stopwatch: { key: 'seconds' } });
    expect(liveToolsOf(city.sections[1].children[0] as TimingItem)!.counter).toBeUndefined();
  });
});

describe('the app and the device know no sheet by name', () => {
  // issue 11: every item id, outcome key and measure key of 附表3 lives in the sheet data only.
  // Not counted: the engine's and the record's own words that a key happens to share — an item's
  // state (answered, missing, excluded) and the attempt log's kinds (answered, unanswered,
  // outOfOrder) — and the bare section numbers "1" and "2".
  const vocabulary = new Set(['answered', 'missing', 'excluded', 'unanswered', 'outOfOrder']);
  const keys = new Set<string>();
  for (const item of currentSheet.sections.flatMap(function walk(n: any): any[] { return n.children ? [n, ...n.children.flatMap(walk)] : [n]; })) {
    keys.add(item.id);
    for (const o of item.outcomes ?? []) keys.add(o.key);
    for (const m of item.measures ?? []) keys.add(m.key);
  }
  const sheetKeys = [...keys].filter((k) => !vocabulary.has(k) && !/^\d+$/.test(k));
  const files = (dir: string): string[] =>
    readdirSync(new URL(`../../${dir}/`, import.meta.url), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
      .map((e) => `${e.parentPath}/${e.name}`);
  it.each(['src/app', 'src/device'])('%s quotes none of 附表3’s keys (as a string, a property or an object key)', (dir) => {
    const found: string[] = [];
    for (const file of files(dir)) {
      const text = readFileSync(file, 'utf8');
      for (const key of sheetKeys) {
        const k = key.replace(/\./g, '\\.');
        if (new RegExp(`['"\`]${k}['"\`]|\\.${k}\\b|\\b${k}\\s*:`).test(text)) found.push(`${file.split('/src/')[1]}: ${key}`);
      }
    }
    expect(found).toEqual([]);
  });
});
