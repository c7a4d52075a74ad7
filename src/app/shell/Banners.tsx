// Messages about the app itself, above every screen. The first screen carries only the question
// whether there is anything to say; what is said loads when there is (Notices.tsx), which keeps the
// first screen's JavaScript small (bench: firstScreenJs). The chunk comes from the service worker's
// cache, so it shows offline and with the storage full too.
import { lazy, Suspense } from 'react';
import { pendingRetests } from '../live/retests';
import { usePwaStore } from '../pwa/pwaStore';
import { useDeviceStore } from '../state/deviceStore';

const Notices = lazy(() => import('./Notices'));

export function Banners() {
  const deviceNotice = useDeviceStore((s) => !!s.problem || s.reloadNeeded || pendingRetests(s.tests).length > 0);
  const appNotice = usePwaStore((s) => (s.updateReady && !!s.applyUpdate) || s.offlineReady);
  return (
    <div className="banners">
      {deviceNotice || appNotice ? (
        <Suspense fallback={null}>
          <Notices />
        </Suspense>
      ) : null}
    </div>
  );
}
