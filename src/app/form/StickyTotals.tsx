// The running total and the section subtotals, updated after every tap and announced politely.
// If the answers ever break a rule (they should not: the form prevents it) the issues are listed.
import { walkSheet, type ScoreOutcome, type Sheet } from '../../scoresheet';
import { useTr } from '../i18n';

export function StickyTotals({ sheet, outcome, saving }: { sheet: Sheet; outcome: ScoreOutcome; saving: boolean }) {
  const tr = useTr();
  // The same lines as the score result's `sections`: every node down to the second level.
  const groups = [...walkSheet(sheet)].filter(({ node, depth }) => node.kind !== 'switch' && depth <= 2);
  return (
    <div className="sticky-totals" role="region" aria-label={tr({ zh: '得分', en: 'Score' })}>
      {outcome.ok ? (
        <>
          <p className="total" aria-live="polite" aria-atomic="true">
            {tr(sheet.header.total)}：<strong>{outcome.result.total}</strong> / {outcome.result.max}
            {outcome.result.complete ? tr({ zh: '（已填完）', en: ' (all answered)' }) : tr({ zh: `（尚缺 ${outcome.result.missing.length} 項）`, en: ` (${outcome.result.missing.length} missing)` })}
          </p>
          <ul className="subtotals">
            {groups.map(({ node, depth }) => {
              const r = outcome.result.items[node.id];
              if (!r || (r.state === 'excluded' && r.max === 0)) return null;
              return (
                <li key={node.id} className={`depth-${depth}`}>
                  {shortLabel(tr(node.label))} {r.points}/{r.max}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <div role="alert">
          <p className="total">⚠ {tr({ zh: '答案違反計分規則，無法計分：', en: 'The answers break a scoring rule and cannot be scored:' })}</p>
          <ul>
            {outcome.issues.map((i, n) => (
              <li key={n}>
                {i.item}：{tr(i.message)}（{i.rule}）
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="save-state" role="status">
        {saving ? tr({ zh: '⟳ 儲存中…', en: '⟳ Saving…' }) : tr({ zh: '✓ 已儲存在此裝置', en: '✓ Saved on this device' })}
      </p>
    </div>
  );
}

/** 「一、總機接聽」→「一、總機接聽」, 「（三）答話內容：分甲、乙…」→「（三）答話內容」: headings stay short in the bar. */
function shortLabel(label: string): string {
  return label.split(/[：:（(](?![一二三四五六七八九十0-9]+[）)])/)[0];
}
