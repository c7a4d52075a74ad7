// Shared test setup: each test gets its own fake-indexeddb factory, so databases never leak
// between tests, and reopening "the same phone" means reusing that factory and name.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDevice, type Device } from '../../src/device';
import type { Answers } from '../../src/scoresheet';
import { specExampleAnswers } from '../support/answers';

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
export const completeAnswers: Answers = specExampleAnswers();

export async function fill(device: Device, testId: string, answers: Answers = completeAnswers): Promise<void> {
  for (const [item, value] of Object.entries(answers)) await device.setAnswer(testId, item, value);
}
