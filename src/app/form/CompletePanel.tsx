// Completing a test: the items still missing, each one tap from its place in the form; once
// completed the test is read-only, and 「更正」 reopens it with a reason (the earlier version is kept).
import { useRef, useState } from 'react';
import type { DeviceTest } from '../../device';
import { findNode, parentOf, type ScoreOutcome, type Sheet, type Text } from '../../scoresheet';
import { useTr } from '../i18n';
import { useTestStore } from '../state/testStore';
import { itemAnchor } from './SheetForm';
import { shortLabel } from './StickyTotals';

/** The groups above an item, e.g. 「一、總機接聽 › （三）總機人員電話禮貌」: item texts such as
 *  「1、接話時…」 repeat between sections, so a missing item is named with where it sits. */
export function itemPath(sheet: Sheet, id: string, tr: (t: Text) => string): string {
  const path: string[] = [];
  for (let p = parentOf(sheet, id); p; p = parentOf(sheet, p.id)) path.unshift(shortLabel(tr(p.label)));
  return path.join(' › ');
}

/** Scroll to an item and put focus on its first control, so a screen reader lands there too. */
export function jumpToItem(id: string): void {
  const block = document.getElementById(itemAnchor(id));
  if (!block) return;
  block.scrollIntoView?.({ block: 'center' });
  // Focus moved by a tap shows no focus ring (:focus-visible), so mark where the tester landed.
  document.querySelectorAll('.jump-target').forEach((el) => el.classList.remove('jump-target'));
  block.classList.add('jump-target');
  const control = block.querySelector<HTMLElement>('input:not([disabled]), button:not([disabled])');
  (control ?? block).focus();
}

export function CompletePanel({ test, outcome, sheet }: { test: DeviceTest; outcome: ScoreOutcome; sheet: Sheet }) {
  const tr = useTr();
  const missingHeading = useRef<HTMLHeadingElement>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const store = useTestStore.getState();
  const missing = outcome.ok ? outcome.result.missing : [];

  if (test.status === 'completed') {
    return (
      <section className="complete-panel" aria-labelledby="complete-title">
        <h2 id="complete-title">{tr({ zh: '已完成', en: 'Completed' })}</h2>
        <p>{tr({ zh: '此測試已完成，為唯讀。如需修改請按「更正」並說明原因，原版本會保留在紀錄中。', en: 'This test is completed and read-only. To change it choose "Correct" and give a reason; the earlier version is kept in its history.' })}</p>
        {correcting ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void store.reopen(reason.trim()).then(() => setCorrecting(false));
            }}
          >
            <div className="field">
              <label htmlFor="correct-reason">{tr({ zh: '更正原因', en: 'Reason for the correction' })}</label>
              <input id="correct-reason" type="text" value={reason} required onChange={(e) => setReason(e.target.value)} />
            </div>
            <button type="submit" className="primary" disabled={!reason.trim()}>
              {tr({ zh: '更正並重新開啟', en: 'Reopen to correct' })}
            </button>
            <button type="button" onClick={() => setCorrecting(false)}>
              {tr({ zh: '取消', en: 'Cancel' })}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setCorrecting(true)}>
            {tr({ zh: '更正', en: 'Correct' })}
          </button>
        )}
      </section>
    );
  }

  return (
    <section className="complete-panel" aria-labelledby="complete-title">
      <h2 id="complete-title">{tr({ zh: '完成測試', en: 'Complete the test' })}</h2>
      {missing.length ? (
        <>
          <h3 ref={missingHeading} tabIndex={-1} id="missing-title">
            {tr({ zh: `尚未填答的項目（${missing.length}）`, en: `Items not answered yet (${missing.length})` })}
          </h3>
          <ul className="missing-list" aria-labelledby="missing-title">
            {missing.map((id) => {
              const node = findNode(sheet, id);
              return (
                <li key={id}>
                  <button type="button" className="link missing-link" onClick={() => jumpToItem(id)}>
                    <span className="path">{itemPath(sheet, id, tr)}</span>
                    <span className="go">
                      {tr({ zh: '前往：', en: 'Go to: ' })}
                      {node ? tr(node.label) : id}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : outcome.ok ? (
        <p>{tr({ zh: '✓ 所有項目都已填答。', en: '✓ Every item is answered.' })}</p>
      ) : null}
      <button
        type="button"
        className="primary big"
        onClick={() => {
          if (!outcome.ok || missing.length) {
            missingHeading.current?.focus();
            return;
          }
          void store.complete();
        }}
      >
        {tr({ zh: '完成測試', en: 'Complete the test' })}
      </button>
      {confirmDiscard ? (
        <div role="group" aria-label={tr({ zh: '確認刪除草稿', en: 'Confirm discarding the draft' })}>
          <p>{tr({ zh: '確定刪除這份草稿？此動作無法復原。', en: 'Discard this draft? This cannot be undone.' })}</p>
          <button type="button" onClick={() => void store.discard().then((ok) => ok && (window.location.hash = '#/'))}>
            {tr({ zh: '確定刪除', en: 'Discard' })}
          </button>
          <button type="button" onClick={() => setConfirmDiscard(false)}>
            {tr({ zh: '保留', en: 'Keep it' })}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirmDiscard(true)}>
          {tr({ zh: '刪除草稿', en: 'Discard draft' })}
        </button>
      )}
    </section>
  );
}
