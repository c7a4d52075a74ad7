// After a tap that cleared other answers (語音系統 changed to 否 wipes the voice system's items), a bar at the
// bottom says what was cleared and offers 「復原」 for UNDO_MS: one tap restores exactly what was there.
import { useEffect, useState } from 'react';
import { findNode, sheetFor } from '../../scoresheet';
import { useLang, useTr } from '../i18n';
import { useTestStore } from '../state/testStore';

/** At least 10 seconds (the issue's floor), with room for a tester who is still listening. */
export const UNDO_MS = 15_000;

export function UndoBar() {
  const tr = useTr();
  const lang = useLang();
  const undo = useTestStore((s) => s.undo);
  const test = useTestStore((s) => s.test);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!undo) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [undo]);
  if (!undo || !test || test.id !== undo.testId || test.status === 'completed') return null;
  const left = Math.ceil((undo.at + UNDO_MS - now) / 1000);
  if (left <= 0) return null;
  const sheet = sheetFor(test.sheet);
  const name = (id: string) => {
    const label = sheet ? findNode(sheet, id)?.label[lang] ?? '' : '';
    const short = label.length > 14 ? `${label.slice(0, 14)}…` : label;
    return `${id}${short ? ` ${short}` : ''}`;
  };
  const list = undo.cleared.map(name).join(lang === 'zh' ? '、' : '; ');
  return (
    <div className="undo-bar" role="status" aria-live="polite">
      <p>
        {tr({ zh: `已清除 ${undo.cleared.length} 項：`, en: `Cleared ${undo.cleared.length}: ` })}
        <span className="undo-list">{list}</span>
      </p>
      <button type="button" className="primary" onClick={() => useTestStore.getState().undoClear()}>
        {tr({ zh: `復原（${left} 秒）`, en: `Undo (${left} s)` })}
      </button>
      <button type="button" aria-label={tr({ zh: '關閉復原提示', en: 'Dismiss' })} onClick={() => useTestStore.getState().dismissUndo()}>
        ×
      </button>
    </div>
  );
}
