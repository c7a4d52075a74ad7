// The sync engine as the app sees it: "sync now" and the engine's last state (phase, pending ops,
// last synced, error). The engine itself (src/sync) is plugged in by startSync once someone signs in.
import { create } from 'zustand';
import type { SyncState as EngineState } from '../../sync/client';

interface SyncState {
  /** Runs one push/pull round, waiting for another tab's run; null while no engine runs. */
  runner: (() => Promise<unknown>) | null;
  engine: EngineState | null;
  running: boolean;
  lastError: string | null;
  setRunner(runner: (() => Promise<unknown>) | null): void;
  syncNow(): Promise<void>;
}

export const useSyncStore = create<SyncState>((set, get) => ({
  runner: null,
  engine: null,
  running: false,
  lastError: null,
  setRunner: (runner) => set({ runner, ...(runner ? {} : { engine: null }) }),
  async syncNow() {
    const runner = get().runner;
    if (!runner || get().running) return;
    set({ running: true, lastError: null });
    try {
      await runner();
    } catch (e) {
      set({ lastError: (e as Error).message ?? String(e) });
    } finally {
      set({ running: false });
    }
  },
}));
