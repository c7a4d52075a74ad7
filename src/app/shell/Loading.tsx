// What a screen shows while it (or its data) loads.
import { useTr } from '../i18n';

export function Loading() {
  const tr = useTr();
  return (
    <p className="loading" role="status">
      {tr({ zh: '載入中…', en: 'Loading…' })}
    </p>
  );
}
