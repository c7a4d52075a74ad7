// Shared test setup: each test gets its own fake-indexeddb factory, so databases never leak
// between tests, and reopening "the same phone" means reusing that factory and name.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDevice, type Device } from '../../src/device';
import type { Answers } from '../../src/scoresheet';

export interface Phone {
  idb: IDBFactory;
  name: string;
  open(): Promise<Device>;
}

export function newPhone(name = 'courtesy-test-db'): Phone {
  const idb = new IDBFactory();
  return { idb, name, open: () => openDevice(name, { indexedDB: idb, IDBKeyRange }) };
}

export const details = {
  unitId: 'u-1',
  unitName: '第一課',
  switchboardNumber: '02-2343-1700',
  answererSurname: '王',
  extension: '123',
  testerName: '林測試',
};

/** The spec's example sheet (scoring-rules.md): complete, total 79. */
export const completeAnswers: Answers = {
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

export async function fill(device: Device, testId: string, answers: Answers = completeAnswers): Promise<void> {
  for (const [item, value] of Object.entries(answers)) await device.setAnswer(testId, item, value);
}
