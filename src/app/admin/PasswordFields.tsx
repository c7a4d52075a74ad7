// The new-password pair the 使用者 section and the first-admin setup share: 密碼 (at least 10
// characters, said in its hint) and 確認密碼, each naming its own error. One component, so both
// screens ask for a password the same way and check it by the same rule (./password).
import type { Text } from '../../scoresheet';
import { useTr } from '../i18n';
import { confirmLabel, passwordLabel, passwordProblems } from './password';
import { Field, fieldMessage } from './ui';

export type PasswordErrors = { password?: string; confirm?: string };

/** The pair's validation messages, each starting with its field's name ("密碼：至少需 10 個字元"). */
export function passwordErrors(tr: (t: Text) => string, password: string, confirm: string): PasswordErrors {
  const found: PasswordErrors = {};
  const pw = passwordProblems(password, confirm);
  if (pw.password) found.password = fieldMessage(tr, passwordLabel, pw.password);
  if (pw.confirm) found.confirm = fieldMessage(tr, confirmLabel, pw.confirm);
  return found;
}

/**
 * The two inputs, ids `${idPrefix}-password` and `${idPrefix}-confirm`; `data-field` lets a form move
 * focus to the first field to fix.
 */
export function PasswordFields(props: {
  idPrefix: string;
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: PasswordErrors;
}) {
  const tr = useTr();
  const passwordId = `${props.idPrefix}-password`;
  const confirmId = `${props.idPrefix}-confirm`;
  const { errors } = props;
  return (
    <>
      <Field id={passwordId} label={tr(passwordLabel)} hint={tr({ zh: '至少 10 個字元', en: 'At least 10 characters' })} error={errors.password}>
        {(control) => (
          <input
            {...control}
            data-field="password"
            type="password"
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
            required
            aria-required="true"
            autoComplete="new-password"
          />
        )}
      </Field>
      <Field id={confirmId} label={tr(confirmLabel)} error={errors.confirm}>
        {(control) => (
          <input
            {...control}
            data-field="confirm"
            type="password"
            value={props.confirm}
            onChange={(e) => props.onConfirm(e.target.value)}
            required
            aria-required="true"
            autoComplete="new-password"
          />
        )}
      </Field>
    </>
  );
}
