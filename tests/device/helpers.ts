// Shared test setup: each test gets its own fake-indexeddb factory, so databases never leak
// between tests, and reopening "the same phone" means reusing that factory and name.
import { IDBFactory, IDBKeyRange, IDBObjectStore, type IDBRequest } from 'fake-indexeddb';
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

type StoreMethod = 'put' | 'add' | 'get';

/**
 * Route some of IndexedDB's object-store requests through `around` (which calls `issue` to make
 * the real one), to watch them or to make them fail as a full disk would. Returns the undo.
 */
export function aroundStoreRequests<M extends StoreMethod>(methods: readonly M[], around: (method: M, store: string, issue: () => IDBRequest) => IDBRequest): () => void {
  const proto = IDBObjectStore.prototype as unknown as Record<M, (...args: unknown[]) => IDBRequest>;
  const originals = Object.fromEntries(methods.map((m) => [m, proto[m]])) as Record<M, (...args: unknown[]) => IDBRequest>;
  for (const method of methods) {
    proto[method] = function (this: { name: string }, ...args: unknown[]) {
      return around(method, this.name, () => originals[method].apply(this, args));
    };
  }
  return () => void Object.assign(proto, originals);
}
