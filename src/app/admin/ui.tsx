// Small accessible building blocks shared by the admin sections and the setup screen: a labelled
// field with its error text, live regions for status and errors, and the load-state line.
import { type ReactNode } from 'react';
import type { Text } from '../../scoresheet';
import { useTr } from '../i18n';

/** A label above its control; the error (if any) is text naming the field, tied by aria-describedby. */
/** What a control needs to be tied to its <Field>: its id, and the hint and error read with it. */
export interface FieldControl {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled control with its hint and error. The field hands the control its id and ARIA wiring,
 * so the hint and error a screen reader hears can never drift from the ones on screen.
 */
export function Field(props: { id: string; label: string; error?: string; hint?: string; children: (control: FieldControl) => ReactNode }) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  const control: FieldControl = {
    id: props.id,
    ...(props.error ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
  return (
    <div className="adm-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children(control)}
      {props.hint && (
        <p className="adm-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

export function FieldError(props: { id: string; message?: string }) {
  const tr = useTr();
  if (!props.message) return null;
  // The "錯誤：" prefix keeps the error recognisable without its colour.
  return (
    <p className="adm-error" id={props.id}>
      {tr({ zh: '錯誤：', en: 'Error: ' })}
      {props.message}
    </p>
  );
}

/**
 * Two live regions that are always in the DOM (a region that appears together with its text is
 * often not announced): polite for outcomes, assertive for failures.
 */
export function LiveMessages(props: { status?: string; error?: string }) {
  const tr = useTr();
  return (
    <>
      <div role="status" aria-live="polite" className="adm-status">
        {props.status}
      </div>
      <div role="alert" aria-live="assertive" className="adm-status">
        {props.error && (
          <p className="adm-error">
            {tr({ zh: '錯誤：', en: 'Error: ' })}
            {props.error}
          </p>
        )}
      </div>
    </>
  );
}

/** "Loading…" / the load error / the empty-state text, or nothing when there is data to show. */
export function LoadState(props: { loading: boolean; error?: string; empty: boolean; emptyText: Text; hasData: boolean }) {
  const tr = useTr();
  if (props.error)
    return (
      <p className="adm-error" role="alert">
        {tr({ zh: '無法載入：', en: 'Could not load: ' })}
        {props.error}
      </p>
    );
  if (props.loading && !props.hasData)
    return (
      <p role="status" aria-live="polite">
        {tr({ zh: '載入中…', en: 'Loading…' })}
      </p>
    );
  if (props.empty) return <p>{tr(props.emptyText)}</p>;
  return null;
}

/** "欄位：規則" — every validation message starts with the field's name. */
export function fieldMessage(tr: (t: Text) => string, field: Text, rule: Text): string {
  return `${tr(field)}${tr({ zh: '：', en: ': ' })}${tr(rule)}`;
}
