// A test's printed sheet from the review (#/review?print=<id>): read from the server as the reviewer
// may see it (a unit head: masked, no tester), so it works on any device, synced or not.
import type { DeviceTest } from '../../device';
import { sheetFor } from '../../scoresheet';
import type { ServerRecord } from '../../sync/protocol';
import { useTr } from '../i18n';
import { PrintSheet } from '../print/PrintScreen';
import { useLoad } from '../useLoad';
import { LoadLine } from './common';

export function ReviewPrint({ id }: { id: string }) {
  const tr = useTr();
  const { data, loading, error } = useLoad<ServerRecord>(`/api/review/tests/${encodeURIComponent(id)}`);
  const sheet = data ? sheetFor(data.score?.sheet ?? data.sheet) : undefined;
  return (
    <>
      <p>
        <a className="rv-button rv-secondary" href="#/review">
          {tr({ zh: '回到季檢討', en: 'Back to the review' })}
        </a>
      </p>
      <LoadLine loading={loading} error={error} hasData={!!data} />
      {data && !sheet && <p role="alert">{tr({ zh: '不認得此測試的量表版本', en: 'Unknown sheet version' })}</p>}
      {data && sheet && <PrintSheet test={{ ...data, sync: { state: 'confirmed' } } as unknown as DeviceTest} sheet={sheet} backHref="#/review" />}
    </>
  );
}
