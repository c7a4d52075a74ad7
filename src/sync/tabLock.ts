// One tab syncs at a time: two tabs pushing the same outbox would only produce duplicates and
// conflicts. The Web Locks API is per origin, so a lock held by any tab stops the others.

/** Run `task` holding the lock; `wait: false` gives up at once when another tab holds it. */
export type TabLock = <T>(task: () => Promise<T>, opts: { wait: boolean }) => Promise<{ ran: true; value: T } | { ran: false }>;

export const SYNC_LOCK_NAME = 'courtesy-sync';

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** navigator.locks when the browser has it; otherwise (old browsers, tests) just run. */
export function browserTabLock(locks: LockManagerLike | undefined = defaultLocks(), name = SYNC_LOCK_NAME): TabLock {
  if (!locks) return async (task) => ({ ran: true, value: await task() });
  return (task, { wait }) =>
    locks.request(name, wait ? {} : { ifAvailable: true }, async (lock) => {
      if (!lock) return { ran: false as const };
      return { ran: true as const, value: await task() };
    });
}

function defaultLocks(): LockManagerLike | undefined {
  return typeof navigator !== 'undefined' ? ((navigator as { locks?: LockManagerLike }).locks ?? undefined) : undefined;
}
