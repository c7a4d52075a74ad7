// Persistent storage: without it the browser may evict the tests under storage pressure.
import type { PersistenceState } from './types';

type StorageManagerLike = { persist?: () => Promise<boolean>; persisted?: () => Promise<boolean> };

function storageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.storage as StorageManagerLike | undefined);
}

export async function requestPersistence(storage = storageManager()): Promise<PersistenceState> {
  if (!storage?.persist) return 'unsupported';
  try {
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export async function persistenceState(storage = storageManager()): Promise<PersistenceState> {
  if (!storage?.persisted) return 'unsupported';
  try {
    return (await storage.persisted()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
