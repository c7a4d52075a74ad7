// Registers the service worker with registerType 'prompt': a new version waits until the tester
// taps 「更新」, which the banner only offers when the current test has no pending write.
import { registerSW } from 'virtual:pwa-register';
import { usePwaStore } from './pwaStore';

export function registerServiceWorker(): void {
  const updateSW = registerSW({
    immediate: true,
    onNeedRefresh() {
      usePwaStore.getState().set({ updateReady: true, applyUpdate: () => updateSW(true) });
    },
    onOfflineReady() {
      usePwaStore.getState().set({ offlineReady: true });
    },
  });
}
