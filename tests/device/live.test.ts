// The live-call tools as saved state: every stopwatch start, ring and answered tap is in IndexedDB
// the moment it happens, so a closed (or killed) app reopens with all of them.
import { describe, expect, it } from 'vitest';
import { details, newPhone } from './helpers';

describe('live tools are saved state', () => {
  it('keeps the stopwatch start and every ring across a reopen', async () => {
    const phone = newPhone();
    const device = await phone.open();
    const test = await device.createTest(details);
    await device.recordLive(test.id, '1.2', { type: 'start', at: 1_000 });
    await device.recordLive(test.id, '1.2', { type: 'ring', at: 2_000 });
    await device.recordLive(test.id, '1.2', { type: 'ring', at: 3_000 });
    device.close();

    const again = await phone.open();
    expect(await again.liveOf(test.id)).toEqual([{ testId: test.id, itemId: '1.2', startedAt: 1_000, count: 2, lastRingAt: 3_000 }]);
    again.close();
  });

  it('「已接聽」 saves the stopped time and the answer it fills in one transaction', async () => {
    const device = await newPhone().open();
    const test = await device.createTest(details);
    await device.recordLive(test.id, '2.1.1', { type: 'ring', at: 5 });
    const { live, test: saved } = await device.recordLive(test.id, '2.1.1', { type: 'answered', at: 9 }, [['2.1.1', { outcome: 'answered', rings: 1 }], ['2.1.2', 'na']]);
    expect(live).toMatchObject({ count: 1, answeredAt: 9 });
    expect(saved?.answers).toEqual({ '2.1.1': { outcome: 'answered', rings: 1 }, '2.1.2': 'na' });
    expect((await device.getTest(test.id))?.answers['2.1.1']).toEqual({ outcome: 'answered', rings: 1 });
    device.close();
  });

  it('a refused answer rolls the tool event back too (all or nothing)', async () => {
    const device = await newPhone().open();
    const test = await device.createTest(details);
    await expect(device.recordLive(test.id, '1.2', { type: 'answered', at: 9 }, [['no-such-item', true]])).rejects.toThrow();
    expect(await device.liveOf(test.id)).toEqual([]);
    device.close();
  });

  it('reset forgets the tool; tools of one test never show in another', async () => {
    const device = await newPhone().open();
    const a = await device.createTest(details);
    const b = await device.createTest(details);
    await device.recordLive(a.id, '1.2', { type: 'ring', at: 1 });
    await device.recordLive(b.id, '1.2', { type: 'ring', at: 1 });
    await device.recordLive(a.id, '1.2', { type: 'reset' });
    expect(await device.liveOf(a.id)).toEqual([]);
    expect(await device.liveOf(b.id)).toHaveLength(1);
    device.close();
  });
});

describe('change notices name the tests changed', () => {
  it('a tap names its test only; a live-tool event alone does not reload the list', async () => {
    const device = await newPhone().open();
    const a = await device.createTest(details);
    const b = await device.createTest(details);
    const seen: (string[] | null)[] = [];
    const stop = device.subscribeTests((ids) => seen.push(ids));
    await device.setAnswer(a.id, '1.3.1', true);
    await device.recordLive(b.id, '1.2', { type: 'ring', at: 1 });
    await device.setAnswer(b.id, '1.3.1', false);
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(seen).toEqual([[a.id], [b.id]]);
    expect((await device.getTests([a.id, 'nope'])).map((t) => t?.id)).toEqual([a.id, undefined]);
    device.close();
  });
});
