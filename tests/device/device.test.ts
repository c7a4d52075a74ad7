import { describe, expect, it } from 'vitest';
import { DeviceStorageError } from '../../src/device';
import { score, currentSheet } from '../../src/scoresheet';
import { completeAnswers, details, fill, newPhone } from './helpers';

describe('recording a test on the device', () => {
  it('creates a draft with the details, the current sheet and no answers', async () => {
    const device = await newPhone().open();
    const test = await device.createTest({ ...details, testedAt: '2026-11-22T14:07:00+08:00' });
    expect(test).toMatchObject({
      ...details,
      testedAt: '2026-11-22T14:07:00+08:00',
      status: 'draft',
      answers: {},
      attempts: [],
      history: [],
      rev: 0,
      sheet: { id: currentSheet.id, version: currentSheet.version },
      sync: { state: 'local' },
    });
    expect(test.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await device.getTest(test.id)).toEqual(test);
    device.close();
  });

  it('defaults the test time to now', async () => {
    const device = await newPhone().open();
    const before = Date.now();
    const test = await device.createTest(details);
    expect(Date.parse(test.testedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(test.testedAt)).toBeLessThanOrEqual(Date.now());
    device.close();
  });

  it('saves and clears answers, details and switchboard attempts', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswer(id, 'voiceSystem', true);
    await device.setAnswer(id, '1.1.1', 'a');
    let test = await device.setAnswer(id, '1.1.1', undefined);
    expect(test.answers).toEqual({ voiceSystem: true });
    test = await device.updateDetails(id, { answererSurname: '陳', extension: '456' });
    expect(test).toMatchObject({ answererSurname: '陳', extension: '456', unitName: '第一課' });
    test = await device.addAttempt(id, { at: '2026-11-22T06:00:00Z', outcome: 'unanswered' });
    test = await device.addAttempt(id, { at: '2026-11-22T06:11:00Z', outcome: 'unanswered' });
    expect(test.attempts.map((a) => a.at)).toEqual(['2026-11-22T06:00:00Z', '2026-11-22T06:11:00Z']);
    device.close();
  });

  it('setAnswers saves several answers in one transaction: all or none', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.setAnswers(id, [['voiceSystem', true], ['1.1.1', 'a'], ['1.1.2', 'b']]);
    // Turning the voice system off clears 1.1.* in the same write.
    const saved = await device.setAnswers(id, [['1.1.1', undefined], ['1.1.2', undefined], ['voiceSystem', false]]);
    expect(saved.answers).toEqual({ voiceSystem: false });
    const error = await device.setAnswers(id, [['voiceSystem', true], ['nope', 'a']]).catch((e) => e);
    // The fill rules refuse it as data, the field named as the record contract names answers.
    expect(error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^answers\.nope:/), errors: [expect.objectContaining({ field: 'answers.nope' })] });
    expect((await device.getTest(id))!.answers).toEqual({ voiceSystem: false });
    expect(await device.syncStore.pendingCount()).toBe(1);
    device.close();
  });

  it('refuses an unknown item, a bad date or attempt, naming the field', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    const error = await device.setAnswer(id, '9.9', 'a').catch((e) => e);
    expect(error).toBeInstanceOf(DeviceStorageError);
    expect(error.kind).toBe('invalid');
    expect(error.message).toContain('9.9');
    await expect(device.setAnswer('no-such-test', '1.1.1', 'a')).rejects.toMatchObject({ kind: 'notFound' });
    await expect(device.updateDetails(id, { testedAt: '2026-11-22' })).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^testedAt:/) });
    await expect(device.createTest({ ...details, testedAt: 'now' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(device.addAttempt(id, { at: 'yesterday', outcome: 'unanswered' })).rejects.toMatchObject({ message: expect.stringMatching(/^attempts\[0\]\.at:/) });
    await expect(device.addAttempt(id, { at: '2026-11-22T06:00:00Z', outcome: 'busy' as never })).rejects.toMatchObject({ message: expect.stringMatching(/^attempts\[0\]\.outcome:/) });
    device.close();
  });

  it('completes only a complete sheet, listing the missing items', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    const partial = { ...completeAnswers };
    delete partial['2.2.1'];
    delete partial['1.3.8'];
    await fill(device, id, partial);
    const error = await device.completeTest(id).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect(error.message).toContain('1.3.8');
    expect(error.message).toContain('2.2.1');
    expect(error.zh).toContain('尚未填答');
    expect((await device.getTest(id))!.status).toBe('draft');
    device.close();
  });

  // Issue 11: the device applies the fill rules on every write (src/scoresheet/fillRules.ts), so a
  // draft never breaks a rule: a contradicting tap is refused as data, what a tap rules out is cleared.
  it('keeps every draft legal: a tap that contradicts an earlier answer is refused, naming the item and rule; what a tap rules out is cleared', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await fill(device, id, completeAnswers);
    const error = await device.setAnswer(id, '1.3.6', true).catch((e) => e);
    expect(error).toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ field: 'answers.1.3.6', rule: expect.stringMatching(/^rule 4/) })] });
    expect(error.message).toMatch(/1\.3\.6/);
    expect(error.zh).toMatch(/1\.3\.6/);
    // Nothing of the refused write was saved.
    expect((await device.getTest(id))!.answers['1.3.6']).toBe('na');
    const cleared = await device.setAnswer(id, 'voiceSystem', false);
    expect(Object.keys(cleared.answers).filter((k) => k.startsWith('1.1.'))).toEqual([]);
    expect((await device.completeTest(id)).status).toBe('completed');
    device.close();
  });

  it('a completed test is read-only; "correct" reopens it and keeps the completed version in history', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await fill(device, id);
    const done = await device.completeTest(id);
    expect(done.status).toBe('completed');
    expect(score(currentSheet, { format: 'courtesy-answers/1', answers: done.answers }).total).toBe(79);

    for (const attempt of [
      device.setAnswer(id, '2.2.2', false),
      device.updateDetails(id, { extension: '999' }),
      device.addAttempt(id, { at: '2026-11-22T06:00:00Z', outcome: 'answered' }),
      device.discardTest(id),
      device.completeTest(id),
    ].map((p) => p.catch((e) => e))) {
      // Caught as made: they run at once, and one may be refused before an earlier one is awaited.
      const error = await attempt;
      expect(error).toBeInstanceOf(DeviceStorageError);
      expect(error.kind).toBe('readonly');
      expect(error.zh).toContain('唯讀');
    }
    expect((await device.getTest(id))!.answers).toEqual(completeAnswers);

    await expect(device.reopenTest(id, '  ')).rejects.toMatchObject({ kind: 'invalid' });
    const reopened = await device.reopenTest(id, '2.2.2 聽錯了');
    expect(reopened.status).toBe('draft');
    expect(reopened.history).toEqual([{ savedAt: done.updatedAt, status: 'completed', answers: completeAnswers, reason: '2.2.2 聽錯了' }]);
    const corrected = await device.setAnswer(id, '2.2.2', false);
    expect(corrected.answers['2.2.2']).toBe(false);
    expect(corrected.history[0].answers['2.2.2']).toBe(true);
    const again = await device.completeTest(id);
    expect(score(currentSheet, { format: 'courtesy-answers/1', answers: again.answers }).total).toBe(74);
    device.close();
  });

  it('autosave: a new Device on the same database sees every answer exactly as it was', async () => {
    const phone = newPhone();
    const first = await phone.open();
    const a = await first.createTest(details);
    await fill(first, a.id);
    const b = await first.createTest({ ...details, unitName: '嘉義辦事處' });
    await first.setAnswer(b.id, 'voiceSystem', false);
    const before = await first.listTests();
    first.close(); // the tab is gone

    const second = await phone.open();
    const after = await second.listTests();
    expect(after).toEqual(before);
    expect((await second.getTest(a.id))!.answers).toEqual(completeAnswers);
    expect((await second.getTest(b.id))!.answers).toEqual({ voiceSystem: false });
    second.close();
  });

  it('lists tests newest first', async () => {
    const device = await newPhone().open();
    await device.createTest({ ...details, unitName: 'old', testedAt: '2026-01-05T09:00:00+08:00' });
    await device.createTest({ ...details, unitName: 'new', testedAt: '2026-11-05T09:00:00+08:00' });
    await device.createTest({ ...details, unitName: 'mid', testedAt: '2026-06-05T09:00:00+08:00' });
    // Same day, different offsets: 06:10Z is later than 14:07+08:00 (06:07Z).
    await device.createTest({ ...details, unitName: 'z-later', testedAt: '2026-11-22T06:10:00Z' });
    await device.createTest({ ...details, unitName: 'taipei-earlier', testedAt: '2026-11-22T14:07:00+08:00' });
    expect((await device.listTests()).map((t) => t.unitName)).toEqual(['z-later', 'taipei-earlier', 'new', 'mid', 'old']);
    device.close();
  });

  it('discarding a draft the server never had removes it and its queued op', async () => {
    const device = await newPhone().open();
    const { id } = await device.createTest(details);
    await device.discardTest(id);
    expect(await device.getTest(id)).toBeUndefined();
    expect(await device.listTests()).toEqual([]);
    expect(await device.syncStore.pendingCount()).toBe(0);
    device.close();
  });

  it('subscribe fires after a change made through this device and through another one on the same database', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const other = await phone.open();
    let calls = 0;
    const off = device.subscribe(() => calls++);
    const { id } = await device.createTest(details);
    await waitFor(() => calls >= 1);
    const seen = calls;
    await other.setAnswer(id, 'voiceSystem', true);
    await waitFor(() => calls > seen);
    off();
    const afterOff = calls;
    await other.setAnswer(id, 'voiceSystem', false);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(afterOff);
    device.close();
    other.close();
  });

  it('keeps metadata (client id, cursor…) across reopen', async () => {
    const phone = newPhone();
    const device = await phone.open();
    expect(await device.getMeta('clientId')).toBeUndefined();
    await device.setMeta('clientId', 'abc');
    device.close();
    const again = await phone.open();
    expect(await again.getMeta<string>('clientId')).toBe('abc');
    again.close();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
