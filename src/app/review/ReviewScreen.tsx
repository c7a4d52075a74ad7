// 季檢討: per unit 人次, average, lowest, highest, grade and the change on the previous quarter,
// the agency beside them, where points are lost, the eight-quarter trend, and acknowledgements
// (unit heads acknowledge their results; admins see what is still unacknowledged).
import { useId, useState, type FormEvent } from 'react';
import { quarterKey, quarterOf } from '../../record/quarter';
import type { QuarterlyReview, ReviewTest } from '../../report/review';
import { scoreText } from '../../report/exact';
import { api } from '../api';
import { useLang, useTr } from '../i18n';
import { useSession } from '../session';
import { changeWords, dash, GatedPage, GradeLegend, LoadLine, QuarterPicker, SaveMessages, ScrollTable } from './common';
import { useLoad } from '../useLoad';
import { useSubmission } from '../useSubmission';
import { TrendChart } from './TrendChart';
import './review.css';

export default function ReviewScreen() {
  return (
    <GatedPage route="review" roles={['unitHead', 'admin']}>
      <Review />
    </GatedPage>
  );
}

function Review() {
  const tr = useTr();
  const lang = useLang();
  const user = useSession((s) => s.user)!;
  const [quarter, setQuarter] = useState(quarterKey(quarterOf(new Date())));
  const { data, loading, error, reload } = useLoad<QuarterlyReview>(`/api/review?quarter=${encodeURIComponent(quarter)}`);
  const review = data?.quarter === quarter ? data : undefined;

  return (
    <>
      <div className="rv-toolbar">
        <QuarterPicker id="review-quarter" value={quarter} onChange={setQuarter} />
        <a className="rv-button" href={`/api/review.html?quarter=${encodeURIComponent(quarter)}&lang=${lang}`} target="_blank" rel="noopener">
          {tr({ zh: '列印檢視（A4）', en: 'Print view (A4)' })}
        </a>
      </div>
      <LoadLine loading={loading} error={error} hasData={!!review} />
      {review && (
        <>
          <UnitsTable review={review} />
          <GradeLegend bands={review.bands} />
          <LossesTable review={review} />
          <TrendChart trend={review.trend} />
          {user.role === 'unitHead' ? <Acknowledge tests={review.tests} onDone={reload} /> : <Pending quarter={quarter} tests={review.tests} />}
        </>
      )}
    </>
  );
}

function UnitsTable({ review }: { review: QuarterlyReview }) {
  const tr = useTr();
  const opt = (n: number | null) => (n === null ? '—' : scoreText(n));
  const row = (name: string, s: QuarterlyReview['overall'], key: string, header = false) => (
    <tr key={key} className={header ? 'rv-total' : undefined}>
      <th scope="row">{name}</th>
      <td>{s.testCount}</td>
      <td>{dash(s.averageText)}</td>
      <td>{opt(s.lowest)}</td>
      <td>{opt(s.highest)}</td>
      <td>{dash(s.grade)}</td>
      <td>{changeWords(s.changeText, tr)}</td>
    </tr>
  );
  return (
    <>
    <MixedMaxima maxima={review.overall.maxima ?? []} />
    <ScrollTable captionId="review-units-cap" caption={tr({ zh: `${review.label.zh}各單位成績`, en: `Results per unit, ${review.label.en}` })}>
      <thead>
        <tr>
          <th scope="col">{tr({ zh: '受測單位', en: 'Unit' })}</th>
          <th scope="col">{tr({ zh: '人次', en: 'Tests' })}</th>
          <th scope="col">{tr({ zh: '平均', en: 'Average' })}</th>
          <th scope="col">{tr({ zh: '最低', en: 'Lowest' })}</th>
          <th scope="col">{tr({ zh: '最高', en: 'Highest' })}</th>
          <th scope="col">{tr({ zh: '等第', en: 'Grade' })}</th>
          <th scope="col">{tr({ zh: '較上季', en: 'Change on last quarter' })}</th>
        </tr>
      </thead>
      <tbody>
        {review.units.map((u) => row(u.unitName, u, u.unitKey))}
        {row(tr({ zh: '全局', en: 'Agency' }), review.overall, '__overall', true)}
      </tbody>
    </ScrollTable>
    </>
  );
}

/** When tests on sheet versions with different maxima mix, say that figures are percentages. */
function MixedMaxima({ maxima }: { maxima: number[] }) {
  const tr = useTr();
  if (maxima.length < 2) return null;
  const list = maxima.join('、');
  return (
    <p className="rv-note">
      {tr({ zh: `本季測試使用不同版本的量表（滿分 ${list}），平均、最低、最高與等第皆以百分比（滿分 100）計。`, en: `This quarter mixes sheet versions (max ${maxima.join(', ')}): averages, lowest, highest and grades are percentages (out of 100).` })}
    </p>
  );
}

function LossesTable({ review }: { review: QuarterlyReview }) {
  const tr = useTr();
  const lang = useLang();
  const losing = review.losses.filter((l) => (l.averageLost ?? 0) > 0);
  // Rows are per sheet version and item: name the version when more than one is in play.
  const versioned = new Set(review.losses.flatMap((l) => l.versions ?? [])).size > 1;
  return (
    <section aria-labelledby="review-losses-h">
      <h2 id="review-losses-h">{tr({ zh: '失分項目', en: 'Where points are lost' })}</h2>
      {losing.length === 0 ? (
        <p>{tr({ zh: '本季沒有失分項目。', en: 'No points lost this quarter.' })}</p>
      ) : (
        <ScrollTable captionId="review-losses-cap" caption={tr({ zh: '各項目平均失分（由多至少）', en: 'Average points lost per item (most first)' })}>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '項目', en: 'Item' })}</th>
              <th scope="col">{tr({ zh: '配分', en: 'Max' })}</th>
              <th scope="col">{tr({ zh: '全局平均失分', en: 'Agency average lost' })}</th>
              {review.units.map((u) => (
                <th scope="col" key={u.unitKey}>
                  {tr({ zh: `${u.unitName}平均失分`, en: `${u.unitName}: average lost` })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {losing.map((l) => (
              <tr key={l.key ?? l.itemId}>
                <th scope="row">
                  {l.groupLabel && <span className="rv-group">{l.groupLabel[lang]} </span>}
                  {l.label[lang]}
                  {versioned && l.versions ? tr({ zh: `（第 ${l.versions.join('、')} 版）`, en: ` (version ${l.versions.join(', ')})` }) : null}
                </th>
                <td>{l.max}</td>
                <td>{l.averageLostText}</td>
                {review.units.map((u) => (
                  <td key={u.unitKey}>{dash(l.byUnit[u.unitKey]?.averageLostText)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

function Acknowledge({ tests, onDone }: { tests: ReviewTest[]; onDone(): void }) {
  const tr = useTr();
  return (
    <section aria-labelledby="review-ack-h">
      <h2 id="review-ack-h">{tr({ zh: '主管確認', en: 'Acknowledge results' })}</h2>
      {tests.length === 0 && <p>{tr({ zh: '本季尚無測試結果。', en: 'No results this quarter.' })}</p>}
      <ul className="rv-list">
        {tests.map((t) => (
          <li key={t.id}>
            <AckItem test={t} onDone={onDone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function testLine(t: ReviewTest, lang: 'zh' | 'en') {
  return lang === 'zh'
    ? `${t.testedAtText.zh}　${t.unitName}　${scoreText(t.total)}${outOf(t)} 分（${t.grade ?? '—'}）　受話者 ${dash(t.answererSurname)}`
    : `${t.testedAtText.en}  ${t.unitName}  ${scoreText(t.total)}${outOf(t)} (${t.grade ?? '—'})  answerer ${dash(t.answererSurname)}`;
}

/** A total carries its max when the sheet version is not out of 100 (「84 / 105 分」). */
function outOf(t: ReviewTest): string {
  return t.max !== undefined && t.max !== 100 ? ` / ${scoreText(t.max)}` : '';
}

function AckItem({ test, onDone }: { test: ReviewTest; onDone(): void }) {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const [comment, setComment] = useState('');
  const [action, setAction] = useState('');
  const { status, setStatus, error, setError, busy, send } = useSubmission();
  const ack = test.acknowledgement;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    await send(async () => {
      await api('/api/acknowledgements', { body: { testId: test.id, comment: comment || undefined, correctiveAction: action || undefined } });
      setStatus(tr({ zh: '已確認。', en: 'Acknowledged.' }));
      onDone();
    });
  }

  return (
    <div className="rv-ack">
      <p className="rv-ack-line">{testLine(test, lang)}</p>
      {ack ? (
        <p>
          {tr({ zh: '已確認', en: 'Acknowledged' })}
          {ack.comment ? tr({ zh: `；意見：${ack.comment}`, en: `; comment: ${ack.comment}` }) : ''}
          {ack.correctiveAction ? tr({ zh: `；改善措施：${ack.correctiveAction}`, en: `; corrective action: ${ack.correctiveAction}` }) : ''}
        </p>
      ) : (
        <form onSubmit={submit} aria-label={tr({ zh: `確認 ${testLine(test, 'zh')}`, en: `Acknowledge ${testLine(test, 'en')}` })}>
          <div className="rv-field">
            <label htmlFor={`${id}-c`}>{tr({ zh: '意見（選填）', en: 'Comment (optional)' })}</label>
            <textarea id={`${id}-c`} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} rows={2} />
          </div>
          <div className="rv-field">
            <label htmlFor={`${id}-a`}>{tr({ zh: '改善措施（選填）', en: 'Corrective action (optional)' })}</label>
            <textarea id={`${id}-a`} value={action} maxLength={2000} onChange={(e) => setAction(e.target.value)} rows={2} />
          </div>
          <button type="submit" disabled={busy}>
            {tr({ zh: '確認此結果', en: 'Acknowledge this result' })}
          </button>
        </form>
      )}
      <SaveMessages status={status} error={error} />
    </div>
  );
}

function Pending({ quarter, tests }: { quarter: string; tests: ReviewTest[] }) {
  const tr = useTr();
  const lang = useLang();
  const { data, loading, error } = useLoad<{ id: string }[]>(`/api/acknowledgements/pending?quarter=${encodeURIComponent(quarter)}`);
  const pending = new Set((data ?? []).map((p) => p.id));
  const list = tests.filter((t) => pending.has(t.id));
  return (
    <section aria-labelledby="review-pending-h">
      <h2 id="review-pending-h">{tr({ zh: '尚未確認的結果', en: 'Results not yet acknowledged' })}</h2>
      <LoadLine loading={loading} error={error} hasData={!!data} />
      {data && list.length === 0 && <p>{tr({ zh: '本季結果均已由單位主管確認。', en: 'Every result of this quarter has been acknowledged.' })}</p>}
      {list.length > 0 && (
        <ul className="rv-list">
          {list.map((t) => (
            <li key={t.id}>
              {testLine(t, lang)}
              {t.testerName ? tr({ zh: `　測試人員 ${t.testerName}`, en: `  tester ${t.testerName}` }) : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
