import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT } from '../../src/device';
import { completeAnswers, details, fill, newPhone } from './helpers';

describe('local backup', () => {
  it('exports every test with its answers as courtesy-answers/1 documents, without device bookkeeping', async () => {
    const device = await newPhone().open();
    const a = await device.createTest(details);
    await fill(device, a.id);
    await device.completeTest(a.id);
    await device.createTest({ ...details, unitName: '嘉義辦事處' });
    const file = JSON.parse(await device.exportBackup());
    expect(file.format).toBe(BACKUP_FORMAT);
    expect(Date.parse(file.exportedAt)).not.toBeNaN();
    expect(file.tests).toHaveLength(2);
    const exported = file.tests.find((t: { id: string }) => t.id === a.id);
    expect(exported.answers).toEqual({ format: 'courtesy-answers/1', answers: completeAnswers });
    expect(exported.status).toBe('completed');
    expect(exported).not.toHaveProperty('sync');
    device.close();
  });

  it('imports into an empty device, then recognises duplicates by id instead of doubling them', async () => {
    const source = await newPhone('a').open();
    const a = await source.createTest(details);
    await fill(source, a.id);
    await source.completeTest(a.id);
    await source.reopenTest(a.id, '更正分機');
    await source.updateDetails(a.id, { extension: '456' });
    await source.createTest({ ...details, unitName: '報驗發證科' });
    const json = await source.exportBackup();

    const target = await newPhone('b').open();
    expect(await target.importBackup(json)).toEqual({ added: 2, updated: 0, corrected: 0, unchanged: 0, errors: [] });
    const restored = (await target.getTest(a.id))!;
    const original = (await source.getTest(a.id))!;
    const { sync: _s1, ...restoredRecord } = restored;
    const { sync: _s2, ...originalRecord } = original;
    expect(restoredRecord).toEqual(originalRecord);
    expect(restored.history).toHaveLength(1);
    // Imported tests are queued for the server like any change.
    expect(await target.syncStore.pendingCount()).toBe(2);

    expect(await target.importBackup(json)).toEqual({ added: 0, updated: 0, corrected: 0, unchanged: 2, errors: [] });
    expect(await target.listTests()).toHaveLength(2);
    // Importing onto the phone that made it changes nothing either.
    expect(await source.importBackup(json)).toEqual({ added: 0, updated: 0, corrected: 0, unchanged: 2, errors: [] });
    source.close();
    target.close();
  });

  it('a newer copy in the file updates the device; an older one does not', async () => {
    const device = await newPhone().open();
    const t = await device.createTest(details);
    const file = JSON.parse(await device.exportBackup());
    await device.setAnswer(t.id, 'voiceSystem', true); // the device is now newer than the file
    expect(await device.importBackup(JSON.stringify(file))).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await device.getTest(t.id))!.answers).toEqual({ voiceSystem: true });

    file.tests[0].updatedAt = new Date(Date.now() + 60_000).toISOString();
    file.tests[0].answers.answers = { voiceSystem: false };
    expect(await device.importBackup(JSON.stringify(file))).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await device.getTest(t.id))!.answers).toEqual({ voiceSystem: false });
    device.close();
  });

  it('never overwrites a completed test in silence: a newer backup copy replaces it as a correction, keeping the old version with the reason', async () => {
    const device = await newPhone().open();
    const t = await device.createTest(details);
    await fill(device, t.id);
    const done = await device.completeTest(t.id);
    const file = JSON.parse(await device.exportBackup());
    file.tests[0].updatedAt = new Date(Date.parse(done.updatedAt) + 60_000).toISOString();
    file.tests[0].answers.answers = { ...file.tests[0].answers.answers, '2.2.2': false };
    const result = await device.importBackup(JSON.stringify(file));
    expect(result).toMatchObject({ corrected: 1, updated: 0, errors: [] });
    const after = (await device.getTest(t.id))!;
    expect(after.answers['2.2.2']).toBe(false);
    expect(after.history).toHaveLength(1);
    expect(after.history[0]).toMatchObject({ savedAt: done.updatedAt, status: 'completed', reason: expect.stringContaining('備份') });
    expect(after.history[0].answers['2.2.2']).toBe(true);
    // Importing the same file again changes nothing more.
    expect(await device.importBackup(JSON.stringify(file))).toMatchObject({ corrected: 0, unchanged: 1 });
    expect((await device.getTest(t.id))!.history).toHaveLength(1);
    device.close();
  });

  it('names each bad entry (index, field, rule, in both languages) and still imports the good ones', async () => {
    const device = await newPhone().open();
    const good = await device.createTest(details);
    const file = JSON.parse(await device.exportBackup());
    const base = file.tests[0];
    const empty = await newPhone('empty').open();
    const id = () => crypto.randomUUID();
    file.tests = [
      { ...base, id: id(), answers: { format: 'courtesy-answers/1', answers: { voiceSystem: false, '1.1.1': 'a' } } },
      { ...base, id: id(), status: 'finished' },
      { ...base, id: id(), testedAt: 'yesterday' },
      'not an object',
      base,
      { ...base },
      // What backup import let through before the record contract:
      { ...base, id: 'not-a-uuid' },
      { ...base, id: id(), unitName: '單'.repeat(101) },
      { ...base, id: id(), attempts: [{ at: '2026-11-22T10:00:00+08:00' }] },
      { ...base, id: id(), status: 'completed' },
      { ...base, id: id(), answererFullName: '王小明' },
    ];
    const result = await empty.importBackup(JSON.stringify(file));
    expect(result.added).toBe(1);
    expect(result.errors.map((e) => [e.field, e.rule])).toEqual([
      ['tests[0].answers.1.1.1', expect.stringMatching(/^rule 2/)],
      ['tests[1].status', 'one of'],
      ['tests[2].testedAt', 'format'],
      ['tests[3]', 'type'],
      ['tests[5].id', 'unique'],
      ['tests[6].id', 'uuid'],
      ['tests[7].unitName', 'max length'],
      ['tests[8].attempts[0].outcome', 'required'],
      ['tests[9].answers', 'complete'],
      ['tests[10].answererFullName', 'unknown key'],
    ]);
    for (const e of result.errors) expect(e.message.zh).not.toBe(e.message.en);
    expect((await empty.listTests()).map((t) => t.id)).toEqual([good.id]);
    device.close();
    empty.close();
  });

  it('refuses a file that is not a backup, naming the field, and changes nothing', async () => {
    const device = await newPhone().open();
    await device.createTest(details);
    await expect(device.importBackup('{oops')).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/not valid JSON/) });
    await expect(device.importBackup(JSON.stringify({ format: 'other', tests: [] }))).rejects.toMatchObject({
      message: expect.stringMatching(/backup\.format: must be "courtesy-backup\/1"/),
    });
    await expect(device.importBackup(JSON.stringify({ format: BACKUP_FORMAT }))).rejects.toMatchObject({
      message: expect.stringMatching(/backup\.tests: must be an array/),
    });
    expect(await device.listTests()).toHaveLength(1);
    device.close();
  });
});
