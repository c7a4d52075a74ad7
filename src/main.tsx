// Browser entry. The first screen is already in index.html (prerendered at build time), so this
// only takes over the page, opens the device storage and, in production, registers the service worker.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { useLangStore } from './app/i18n';
import { useSession } from './app/session';
import { useDeviceStore } from './app/state/deviceStore';

const lang = useLangStore.getState().lang;
document.documentElement.lang = lang === 'zh' ? 'zh-Hant-TW' : 'en';

createRoot(document.getElementById('root')!).render(<App />);

void useDeviceStore
  .getState()
  // Storage code loads after the first paint; the shell and list render meanwhile.
  .init(() => import('./device').then((m) => m.openDevice()))
  .then(async () => {
    const store = useDeviceStore.getState();
    // Ask once for storage the browser will not evict; the state is shown in Settings.
    if (store.device && store.persistence !== 'granted') await store.requestPersistence();
    // The sync engine's starter loads after the first paint too (it is not first-screen code).
    (await import('./app/sync/startSync')).startSync();
  });
void useSession.getState().refresh();

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void import('./app/pwa/register').then((m) => m.registerServiceWorker());
}
