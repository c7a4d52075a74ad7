// The sync engine as the app sees it: a "sync now" action and what happened last. The engine itself
// (src/sync) is plugged in by main.tsx once the device is open and someone is signed in.
import { create } from 'zustand';

interface SyncState {
  /** Runs one push/pull round; null until an engine is plugged in. */
  runner: (() => Promise<unknown>) | null;
  running: boolean;
  lastError: string | null;
  lastRunAt: string | null;
  setRunner(runner: (() => Promise<unknown>) | null): void;
  syncNow(): Promise<void>;
}

export const useSyncStore = create<SyncState>((set, get) => ({
  runner: null,
  running: false,
  lastError: null,
  lastRunAt: null,
  setRunner: (runner) => set({ runner }),
  async syncNow() {
    const runner = get().runner;
    if (!runner || get().running) return;
    set({ running: true, lastError: null });
    try {
      await runner();
      set({ lastRunAt: new Date().toISOString() });
    } catch (e) {
      set({ lastError: (e as Error).message ?? String(e) });
    } finally {
      set({ running: false });
    }
  },
}));
