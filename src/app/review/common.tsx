// Pieces the review, plan and report screens share: the sign-in gate, load states, scrolling tables,
// form outcomes, the quarter and year choices, the grade legend and the change text (words and a
// sign, never colour alone).
import type { ReactNode } from 'react';
import type { Text } from '../../scoresheet';
import { previousQuarter, quarterKey, quarterLabel, quarterOf, type Quarter } from '../../record/quarter';
import type { GradeBands } from '../../report/grades';
import { useTr, useLang } from '../i18n';
import { useSession, type Role } from '../session';
import { NAV_LABELS } from '../shell/labels';

export const T = {
  loading: { zh: '載入中…', en: 'Loading…' },
  couldNotLoad: { zh: '無法載入：', en: 'Could not load: ' },
  signIn: { zh: '請先登入。', en: 'Please sign in first.' },
  notAllowed: { zh: '此頁面僅供單位主管及秘書室（研考）使用。', en: 'This page is for unit heads and the secretariat.' },
  adminOnly: { zh: '此頁面僅供秘書室（研考）使用。', en: 'This page is for the secretariat only.' },
  error: { zh: '錯誤：', en: 'Error: ' },
} satisfies Record<string, Text>;

/**
 * The frame of the review, plan and report pages: the heading, in the same words as the page's link
 * in the menu, over the role gate.
 */
export function GatedPage(props: { route: 'review' | 'plan' | 'report'; roles: Role[]; deniedText?: Text; children: ReactNode }) {
  const tr = useTr();
  const titleId = `${props.route}-title`;
  return (
    <section aria-labelledby={titleId} className="rv">
      <h1 id={titleId}>{tr(NAV_LABELS[props.route])}</h1>
      <RoleGate roles={props.roles} deniedText={props.deniedText}>
        {props.children}
      </RoleGate>
    </section>
  );
}

/** Renders children only for the given roles; otherwise says why, as text. */
export function RoleGate(props: { roles: Role[]; children: ReactNode; deniedText?: Text }) {
  const tr = useTr();
  const user = useSession((s) => s.user);
  if (!user) return <p role="status">{tr(T.signIn)}</p>;
  if (!props.roles.includes(user.role)) return <p role="status">{tr(props.deniedText ?? T.notAllowed)}</p>;
  return <>{props.children}</>;
}

export function LoadLine(props: { loading: boolean; error?: string; hasData: boolean }) {
  const tr = useTr();
  if (props.error)
    return (
      <p className="rv-error" role="alert">
        {tr(T.couldNotLoad)}
        {props.error}
      </p>
    );
  if (props.loading && !props.hasData) return <p role="status">{tr(T.loading)}</p>;
  return null;
}

/**
 * A captioned table inside a scrolling region named by that caption. The region takes keyboard focus
 * so a table wider than the phone can be scrolled without a pointer, and is announced by its caption.
 */
export function ScrollTable(props: { captionId: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="rv-scroll" role="region" aria-labelledby={props.captionId} tabIndex={0}>
      <table>
        <caption id={props.captionId}>{props.caption}</caption>
        {props.children}
      </table>
    </div>
  );
}

/**
 * A form's outcome, in the page: the success line in a polite live region that is always present
 * (so it is announced), and a failure as an alert with the server's text, which names the field.
 */
export function SaveMessages(props: { status?: string; error?: string; errorId?: string }) {
  const tr = useTr();
  return (
    <>
      <div role="status" aria-live="polite">
        {props.status}
      </div>
      {props.error && (
        <p className="rv-error" role="alert" id={props.errorId}>
          {tr(T.error)}
          {props.error}
        </p>
      )}
    </>
  );
}

/** The current quarter and the eleven before it, newest first. */
export function recentQuarters(now: Date = new Date(), count = 12): Quarter[] {
  const out = [quarterOf(now)];
  while (out.length < count) out.push(previousQuarter(out[out.length - 1]));
  return out;
}

export function QuarterPicker(props: { id: string; value: string; onChange(key: string): void }) {
  const tr = useTr();
  const lang = useLang();
  return (
    <div className="rv-field">
      <label htmlFor={props.id}>{tr({ zh: '季別', en: 'Quarter' })}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {recentQuarters().map((q) => (
          <option key={quarterKey(q)} value={quarterKey(q)}>
            {quarterLabel(q, lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function YearPicker(props: { id: string; value: number; onChange(year: number): void }) {
  const tr = useTr();
  const current = quarterOf(new Date()).rocYear;
  const years = Array.from({ length: 6 }, (_, i) => current - i);
  return (
    <div className="rv-field">
      <label htmlFor={props.id}>{tr({ zh: '年度（民國）', en: 'Year (ROC)' })}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {tr({ zh: `${y} 年`, en: `ROC ${y} (${y + 1911})` })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function GradeLegend(props: { bands: GradeBands }) {
  const tr = useTr();
  const parts = props.bands.bands.map((b, i) => {
    const upper = i === 0 ? undefined : props.bands.bands[i - 1].min;
    return upper === undefined
      ? tr({ zh: `${b.grade}：${b.min} 分以上`, en: `${b.grade}: ${b.min} and above` })
      : tr({ zh: `${b.grade}：${b.min} 分以上未滿 ${upper} 分`, en: `${b.grade}: ${b.min} to below ${upper}` });
  });
  return (
    <p className="rv-legend">
      {tr({ zh: '等第：', en: 'Grades: ' })}
      {parts.join(tr({ zh: '；', en: '; ' }))}
    </p>
  );
}

/** "+6.50（上升）": the direction in words, so it never rests on colour. */
export function changeWords(changeText: string, tr: (t: Text) => string): string {
  if (!changeText) return tr({ zh: '無比較', en: 'n/a' });
  if (changeText.startsWith('+')) return `${changeText}${tr({ zh: '（上升）', en: ' (up)' })}`;
  if (changeText.startsWith('-')) return `${changeText}${tr({ zh: '（下降）', en: ' (down)' })}`;
  return `${changeText}${tr({ zh: '（持平）', en: ' (same)' })}`;
}

export const dash = (text: string | null | undefined) => (text === null || text === undefined || text === '' ? '—' : text);
