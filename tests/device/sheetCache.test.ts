// Served sheet versions cached on the device: validated before they are kept, read back after a
// reload with no network, and in force for a new test from their effective date.
import { describe, expect, it } from 'vitest';
import manifest from '../../src/scoresheet/sheets/manifest.json';
import { LIBRARY_FILES, score, taipeiDay, type Manifest } from '../../src/scoresheet';
import { registryFromManifest } from '../../src/scoresheet/registry';
import { cacheServedSheets, loadCachedSheets, SHEET_CACHE_KEY } from '../../src/device/sheetCache';
import revised from '../scoresheet/fixtures/bsmi-fubiao3.v2.json';
import { completeAnswers, details, fill, newPhone } from './helpers';

const fresh = () => registryFromManifest(manifest as Manifest, LIBRARY_FILES);
const broken = { ...revised, version: 3, max: 1 };
const served = {
  versions: [
    { id: 'bsmi-fubiao3', version: 2, effectiveFrom: '2027-01-01', sheet: revised },
    { id: 'bsmi-fubiao3', version: 3, effectiveFrom: '2027-06-01', sheet: broken },
    { id: 'bsmi-fubiao3', version: 4, effectiveFrom: 'soon', sheet: revised },
  ],
};

describe('the device’s cache of served sheets', () => {
  it('keeps only versions that validate, and says why the others were refused', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const r = fresh();
    const result = await cacheServedSheets(device, served, r);
    expect(result.added).toEqual(['bsmi-fubiao3@2']);
    expect(result.errors).toEqual([expect.stringMatching(/^bsmi-fubiao3@3: sheet node \(sheet\): sections add up to 105, not the declared max 1/), 'bsmi-fubiao3@4: effectiveFrom must be a date YYYY-MM-DD']);
    expect((await device.getMeta<{ versions: unknown[] }>(SHEET_CACHE_KEY))!.versions).toHaveLength(1);
    expect(r.inForceAt('2027-01-05T10:00:00+08:00').version).toBe(2);
    device.close();
  });

  it('after a reload with no network the cached version is back in the registry, in force from its date', async () => {
    const phone = newPhone();
    const first = await phone.open();
    await cacheServedSheets(first, served, fresh());
    first.close();
    const again = await phone.open();
    const r = fresh(); // a new page: only the library, until the cache is read
    expect(r.get({ id: 'bsmi-fubiao3', version: 2 })).toBeUndefined();
    expect((await loadCachedSheets(again, r)).known).toEqual(['bsmi-fubiao3@2']);
    expect(r.inForceAt('2026-12-31T12:00:00+08:00').version).toBe(1);
    expect(r.inForceAt('2027-01-01T00:00:00+08:00').version).toBe(2);
    // Nothing is dropped when the server later serves less (a test may still name the version).
    await cacheServedSheets(again, { versions: [] }, r);
    expect((await again.getMeta<{ versions: unknown[] }>(SHEET_CACHE_KEY))!.versions).toHaveLength(1);
    again.close();
  });

  it('a new test takes the version in force at its time and is filled and completed on it', async () => {
    const device = await newPhone().open();
    // In force from today (Taipei): a test from yesterday is on v1, one from now on v2. (Tests may
    // not be dated in the future: the record contract refuses them.)
    const today = taipeiDay(new Date());
    await cacheServedSheets(device, { versions: [{ id: 'bsmi-fubiao3', version: 2, effectiveFrom: today, sheet: revised }] }); // the process registry, as the app uses it
    const before = await device.createTest({ ...details, testedAt: new Date(Date.parse(`${today}T00:00:00+08:00`) - 60_000).toISOString() });
    expect(before.sheet).toEqual({ id: 'bsmi-fubiao3', version: 1 });
    const after = await device.createTest({ ...details, testedAt: new Date().toISOString() });
    expect(after.sheet).toEqual({ id: 'bsmi-fubiao3', version: 2 });
    await fill(device, after.id, { ...completeAnswers, '2.2.4': true });
    const done = await device.completeTest(after.id);
    expect(score(revised as never, { format: 'courtesy-answers/1', answers: done.answers })).toMatchObject({ total: 84, max: 105 });
    // The v1 test knows no 2.2.4.
    await expect(device.setAnswer(before.id, '2.2.4', true)).rejects.toMatchObject({ kind: 'invalid' });
    device.close();
  });
});
