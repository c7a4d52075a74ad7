// The app calls openDevice() with no options: it must use the environment's indexedDB (here the
// fake-indexeddb global, as in the app's jsdom tests; in the browser the real one).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDevice } from '../../src/device';
import { details } from './helpers';

describe('openDevice() with the global indexedDB', () => {
  it('opens the default database and keeps tests across reopen', async () => {
    const device = await openDevice();
    expect(device.name).toBe('courtesy-tests');
    const { id } = await device.createTest(details);
    device.close();
    const again = await openDevice();
    expect((await again.getTest(id))?.unitName).toBe(details.unitName);
    again.close();
  });
});
