// The running total, updated after every tap and announced politely. On a 390 × 844 phone the bar
// must stay small (it sits over the form the whole call), so it is one line by default: total,
// what is still missing (one tap jumps to the next missing item) and whether every tap is saved.
// The section subtotals fold out on demand. If the answers ever break a rule (they should not:
// the form prevents it) the issues are listed instead.
import { useState } from 'react';
import { walkSheet, type ScoreOutcome, type Sheet } from '../../scoresheet';
import { useTr } from '../i18n';
import { Icon } from '../shell/Icon';

export function StickyTotals({ sheet, outcome, saving, onJump }: { sheet: Sheet; outcome: ScoreOutcome & { unfinished?: string[] }; saving: boolean; onJump?(id: string): void }) {
  const tr = useTr();
  const [open, setOpen] = useState(false);
  // The same lines as the score result's `sections`: every node down to the second level.
  const groups = [...walkSheet(sheet)].filter(({ node, depth }) => node.kind !== 'switch' && depth <= 2);
  const colon = tr({ zh: '：', en: ': ' });
  const missing = outcome.ok ? outcome.result.missing : [];
  return (
    <div className={`sticky-totals${open ? ' is-open' : ''}`} role="region" aria-label={tr({ zh: '得分', en: 'Score' })}>
      {outcome.ok ? (
        <>
          <div className="bar">
            <div className="bar-text">
              <p className="total" aria-live="polite" aria-atomic="true">
                {tr(sheet.header.total)}
                {colon}
                <strong>{outcome.result.total}</strong> / {outcome.result.max}
                <span className="total-state">
                  {outcome.result.complete ? tr({ zh: '（已填完）', en: ' (all answered)' }) : tr({ zh: `（尚缺 ${missing.length} 項）`, en: ` (${missing.length} missing)` })}
                </span>
                {outcome.unfinished?.length ? (
                  // In between (answered, rings not counted yet; a number being retyped): counted 0 for now.
                  <span className="unfinished">{tr({ zh: ` 未完成：${outcome.unfinished.join('、')}`, en: ` unfinished: ${outcome.unfinished.join(', ')}` })}</span>
                ) : null}
              </p>
              <SaveState saving={saving} />
            </div>
            {missing.length && onJump ? (
              <button type="button" className="compact" onClick={() => onJump(missing[0])}>
                {tr({ zh: '下一個未填', en: 'Next missing' })}
              </button>
            ) : null}
            <button type="button" className="compact" aria-expanded={open} aria-controls="sticky-subtotals" onClick={() => setOpen((x) => !x)}>
              {tr({ zh: '小計', en: 'Subtotals' })} <Icon name={open ? 'chevronUp' : 'chevronDown'} />
            </button>
          </div>
          <ul className="subtotals" id="sticky-subtotals" hidden={!open}>
            {groups.map(({ node, depth }) => {
              const r = outcome.result.items[node.id];
              if (!r || (r.state === 'excluded' && r.max === 0)) return null;
              return (
                <li key={node.id} className={`depth-${depth}`}>
                  <span>{shortLabel(tr(node.label))}</span> <span className="num">{r.points}/{r.max}</span>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <div role="alert">
          <p className="total">
            <Icon name="warning" /> {tr({ zh: '答案違反計分規則，無法計分：', en: 'The answers break a scoring rule and cannot be scored:' })}
          </p>
          <ul>
            {outcome.issues.map((i, n) => (
              <li key={n}>
                {i.item}
                {colon}
                {tr(i.message)}
                {tr({ zh: `（${i.rule}）`, en: ` (${i.rule})` })}
              </li>
            ))}
          </ul>
          <SaveState saving={saving} />
        </div>
      )}
    </div>
  );
}

function SaveState({ saving }: { saving: boolean }) {
  const tr = useTr();
  return (
    <p className="save-state" role="status">
      {saving ? tr({ zh: '⟳ 儲存中…', en: '⟳ Saving…' }) : tr({ zh: '✓ 已儲存在此裝置', en: '✓ Saved on device' })}
    </p>
  );
}

/** 「一、總機接聽」→「一、總機接聽」, 「（三）答話內容：分甲、乙…」→「（三）答話內容」: headings stay short in the bar. */
export function shortLabel(label: string): string {
  return label.split(/[：:（(](?![一二三四五六七八九十0-9]+[）)])/)[0];
}
