// What the service worker has told us: a new version is waiting, or the app is ready offline.
// The update is applied only when the tester asks and no write is pending (never mid-form).
import { create } from 'zustand';

interface PwaState {
  offlineReady: boolean;
  updateReady: boolean;
  applyUpdate: (() => Promise<void>) | null;
  set(patch: Partial<Omit<PwaState, 'set'>>): void;
}

export const usePwaStore = create<PwaState>((set) => ({
  offlineReady: false,
  updateReady: false,
  applyUpdate: null,
  set: (patch) => set(patch),
}));
