// A test as the printed 【附表 3】 on A4: the sheet's own texts, every box ☑/☐, points per item,
// the total, the ROC date and the tester's name. Rendered from the sheet tree like the form.
import { useEffect } from 'react';
import type { DeviceTest } from '../../device';
import { formatRocDateTime } from '../../record/quarter';
import { sheetFor, type AnswerValue, type BandAnswer, type ItemNode, type NodeResult, type Sheet, type SheetNode, type TimingAnswer, type VariantBandAnswer } from '../../scoresheet';
import { Loading } from '../shell/Loading';
import { useLang, useTr } from '../i18n';
import { scoreOf } from '../list/testScore';
import { hrefOf } from '../routes';
import { Icon } from '../shell/Icon';
import { colon, listSep, paren, slash } from '../shell/punct';
import { useDeviceStore } from '../state/deviceStore';
import { useTestStore } from '../state/testStore';
import './print.css';

const box = (on: boolean) => (on ? '☑' : '☐');

export default function PrintScreen({ id }: { id: string }) {
  const tr = useTr();
  const ready = useDeviceStore((s) => s.status === 'ready');
  const { test, openedId, loading } = useTestStore();
  useEffect(() => {
    if (ready) void useTestStore.getState().open(id);
  }, [id, ready]);
  if (!ready || loading || openedId !== id) return <Loading />;
  if (!test) return <h1>{tr({ zh: '找不到這份測試', en: 'Test not found' })}</h1>;
  const sheet = sheetFor(test.sheet);
  if (!sheet) return <h1>{tr({ zh: '不認得此測試的量表版本', en: 'Unknown sheet version' })}</h1>;
  return <PrintSheet test={test} sheet={sheet} />;
}

/** `backHref`: where 「回到…」 leads (the review opens a sheet it must not offer to edit). */
export function PrintSheet({ test, sheet, backHref }: { test: DeviceTest; sheet: Sheet; backHref?: string }) {
  const tr = useTr();
  const lang = useLang();
  const outcome = scoreOf(test);
  const results = outcome.ok ? outcome.result.items : {};
  const h = sheet.header;
  return (
    <article className="print-sheet" aria-labelledby="print-title">
      <p className="no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          <Icon name="printer" /> {tr({ zh: '列印', en: 'Print' })}
        </button>{' '}
        <a className="button" href={backHref ?? hrefOf({ name: 'test', id: test.id })}>
          {backHref ? tr({ zh: '回到季檢討', en: 'Back to the review' }) : tr({ zh: '回到測試', en: 'Back to the test' })}
        </a>
      </p>
      <p className="annex">{tr(h.annex)}</p>
      <h1 id="print-title">{tr(sheet.title)}</h1>
      <table className="print-header">
        <tbody>
          <tr>
            <th scope="row">{tr(h.unit)}</th>
            <td>{test.unitName}</td>
            <th scope="row">{tr(h.testedAt)}</th>
            <td>{formatRocDateTime(test.testedAt, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{tr(h.switchboardNumber)}</th>
            <td>{test.switchboardNumber}</td>
            <th scope="row">
              {tr(h.answererSurname)}
              {slash(lang)}
              {tr(h.extension)}
            </th>
            <td>
              {test.answererSurname} {test.extension}
            </td>
          </tr>
        </tbody>
      </table>
      <table className="print-items">
        <thead>
          <tr>
            <th scope="col">{tr(h.content)}</th>
            <th scope="col">{tr(h.itemMax)}</th>
            <th scope="col">{tr(h.result)}</th>
            <th scope="col">{tr(h.sectionScore)}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.sections.map((s) => (
            <Rows key={s.id} node={s} test={test} results={results} />
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {tr(h.total)}
            </th>
            <td className="points">{outcome.ok ? outcome.result.total : '—'}</td>
          </tr>
        </tfoot>
      </table>
      {test.attempts.length ? (
        // 「連打 2 次無人接聽（隔 10 分鐘後再測 1 次）」: the print shows when each try was made.
        <table className="print-attempts">
          <caption>{tr({ zh: '總機撥打紀錄', en: 'Switchboard attempts' })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '次數', en: 'Attempt' })}</th>
              <th scope="col">{tr({ zh: '時間', en: 'Time' })}</th>
              <th scope="col">{tr({ zh: '結果', en: 'Result' })}</th>
            </tr>
          </thead>
          <tbody>
            {test.attempts.map((a, i) => (
              <tr key={i}>
                <th scope="row">{tr({ zh: `第 ${i + 1} 次`, en: `#${i + 1}` })}</th>
                <td>{formatRocDateTime(a.at, lang)}</td>
                <td>{tr(ATTEMPT_TEXT[a.outcome] ?? { zh: a.outcome, en: a.outcome })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!outcome.ok ? <p role="alert">⚠ {outcome.issues.map((i) => `${i.item}${colon(lang)}${tr(i.message)}`).join(listSep(lang))}</p> : null}
      <p className="signature">
        {tr(h.testerSignature)}
        {colon(lang)}
        <span className="sign-line">{test.testerName}</span>
        {test.status !== 'completed' ? <span className="draft-mark">{tr({ zh: '（草稿，尚未完成）', en: '(draft, not completed)' })}</span> : null}
      </p>
    </article>
  );
}

const ATTEMPT_TEXT: Record<string, { zh: string; en: string }> = {
  answered: { zh: '有人接聽', en: 'Answered' },
  unanswered: { zh: '無人接聽', en: 'Unanswered' },
  outOfOrder: { zh: '電話故障', en: 'Out of order' },
};

function Rows({ node, test, results }: { node: SheetNode; test: DeviceTest; results: Record<string, NodeResult> }) {
  const tr = useTr();
  const r = results[node.id];
  if (node.kind === 'group') {
    return (
      <>
        <tr className="group-row">
          <th scope="rowgroup">{tr(node.label)}</th>
          <td className="points">{r ? r.max : node.max}</td>
          <td>{r?.state === 'excluded' ? tr(r.reason) : ''}</td>
          <td className="points">{r ? r.points : ''}</td>
        </tr>
        {node.children.map((c) => (
          <Rows key={c.id} node={c} test={test} results={results} />
        ))}
      </>
    );
  }
  return (
    <tr>
      <th scope="row" className="item-label">
        {tr(node.label)}
        {node.note ? <span className="note">{tr(node.note)}</span> : null}
      </th>
      <td className="points">{r && node.kind !== 'switch' ? r.max : ''}</td>
      <td>
        <Boxes node={node} value={test.answers[node.id]} />
      </td>
      <td className="points">{r && node.kind !== 'switch' ? r.points : ''}</td>
    </tr>
  );
}

/** The printed form's □ boxes, ticked from the answer. */
function Boxes({ node, value }: { node: ItemNode; value: AnswerValue | undefined }) {
  const tr = useTr();
  const lang = useLang();
  const range = (b: { min: number; max: number }) => paren(b.min === b.max ? String(b.min) : `${b.min}–${b.max}`, lang);
  // Chinese indents a sub-choice with a full-width space; English with an en space.
  const indent = lang === 'zh' ? '　' : '\u2002\u2002';
  const lines: string[] = [];
  switch (node.kind) {
    case 'switch':
      lines.push(`${box(value === true)}${tr(node.yes)} ${box(value === false)}${tr(node.no)}`);
      break;
    case 'check':
      lines.push(`${box(value === true)}${tr({ zh: '有', en: 'Yes' })} ${box(value === false)}${tr({ zh: '無', en: 'No' })}`);
      if (node.na) lines.push(`${box(value === 'na')}${tr(node.na.label)}`);
      break;
    case 'options':
      for (const o of node.options) lines.push(`${box(value === o.key)}${tr(o.label)}`);
      if (node.na) lines.push(`${box(value === 'na')}${tr(node.na.label)}`);
      break;
    case 'band': {
      const a = value as BandAnswer | undefined;
      for (const b of node.bands) lines.push(`${box(a?.band === b.key)}${tr(b.label)}${range(b)}${a?.band === b.key && a.points !== undefined ? ` → ${a.points}` : ''}`);
      break;
    }
    case 'variantBand': {
      const a = value as VariantBandAnswer | undefined;
      for (const v of node.variants) {
        lines.push(`${box(a?.variant === v.key)}${tr(v.label)}`);
        for (const b of v.bands) lines.push(`${indent}${box(a?.variant === v.key && a?.band === b.key)}${tr(b.label)}${range(b)}${a?.variant === v.key && a?.band === b.key && a.points !== undefined ? ` → ${a.points}` : ''}`);
      }
      break;
    }
    case 'timing': {
      const a = value as TimingAnswer | undefined;
      for (const o of node.outcomes) lines.push(`${box(a?.outcome === o.key)}${tr(o.label)}`);
      const measured = node.measures.filter((m) => (a as Record<string, unknown> | undefined)?.[m.key] !== undefined);
      if (measured.length) lines.push(measured.map((m) => `${tr(m.label)} ${(a as Record<string, unknown>)[m.key]} ${tr(m.unit)}`).join(listSep(lang)));
      break;
    }
  }
  return (
    <ul className="boxes">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
