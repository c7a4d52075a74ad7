// Someone changed this test on the server too: both versions side by side, and the tester chooses.
import type { DeviceTest } from '../../device';
import { sheetFor, sheetItems } from '../../scoresheet';
import { useTr } from '../i18n';
import { scoreOf } from '../list/testScore';
import { answerText } from './answerText';

export function ConflictView({ test, onKeep }: { test: DeviceTest; onKeep(keep: 'mine' | 'server'): void }) {
  const tr = useTr();
  const server = test.sync.server;
  const sheet = sheetFor(test.sheet)!;
  const mine = scoreOf(test);
  const theirs = server ? scoreOf(server) : undefined;
  const differing = sheetItems(sheet).filter((item) => JSON.stringify(test.answers[item.id]) !== JSON.stringify(server?.answers[item.id]));
  const total = (o: typeof mine | undefined) => (o?.ok ? `${o.result.total} / ${o.result.max}` : '—');
  return (
    <section className="conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">⚠ {tr({ zh: '版本衝突', en: 'Conflicting versions' })}</h2>
      <p>{server ? tr({ zh: '伺服器上的版本與此裝置的不同，請比較後選擇保留哪一份。', en: 'The server’s version differs from this device’s. Compare and choose which to keep.' }) : tr({ zh: '此測試已在伺服器上刪除。', en: 'This test was deleted on the server.' })}</p>
      <table>
        <caption>{tr({ zh: '不同之處', en: 'Differences' })}</caption>
        <thead>
          <tr>
            <th scope="col">{tr({ zh: '項目', en: 'Item' })}</th>
            <th scope="col">{tr({ zh: '此裝置（我的）', en: 'This device (mine)' })}</th>
            <th scope="col">{tr({ zh: '伺服器', en: 'Server' })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{tr(sheet.header.total)}</th>
            <td>{total(mine)}</td>
            <td>{total(theirs)}</td>
          </tr>
          {server
            ? differing.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{tr(item.label)}</th>
                  <td>{tr(answerText(item, test.answers[item.id]))}</td>
                  <td>{tr(answerText(item, server.answers[item.id]))}</td>
                </tr>
              ))
            : null}
        </tbody>
      </table>
      <button type="button" onClick={() => onKeep('mine')}>
        {tr({ zh: '保留我的版本', en: 'Keep mine' })}
      </button>
      <button type="button" onClick={() => onKeep('server')}>
        {tr({ zh: '採用伺服器版本', en: 'Take the server’s' })}
      </button>
    </section>
  );
}
