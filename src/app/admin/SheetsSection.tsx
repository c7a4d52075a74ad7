// 量表版本: a revised sheet goes live with no release. The admin loads a sheet version (JSON),
// sees it validated (errors name the node), previews it as the form testers will see — filled with
// a worked example and scored, and tappable — uploads it, then publishes it with the date from
// which it is in force. Devices fetch published versions when online and keep them for offline use.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { applyAnswer, choiceBlocked, exclusions, isEffectiveDate, loadSheet, tryScore, type Answers, type AnswerValue, type Sheet, type SheetPreview, type Text } from '../../scoresheet';
import { api } from '../api';
import { FormContext, type FormApi } from '../form/formContext';
import { SheetForm } from '../form/SheetForm';
import { useLang, useTr } from '../i18n';
import { paren } from '../shell/punct';
import { useLoad } from '../useLoad';
import { useSubmission } from '../useSubmission';
import { Field, fieldMessage, LiveMessages, LoadState } from './ui';

interface Listed {
  library: { id: string; version: number; title: Text; max: number; example: boolean; effectiveFrom?: string }[];
  uploaded: { sheetId: string; version: number; title: Text; max: number; status: 'uploaded' | 'published'; effectiveFrom?: string; uploadedBy: string }[];
}

interface SheetIssue {
  field: string;
  rule: string;
  message: Text;
}

type Checked = { ok: true; preview: SheetPreview; sheet: unknown } | { ok: false; issues: SheetIssue[] };

const docLabel: Text = { zh: '量表定義（JSON）', en: 'Sheet version (JSON)' };
const dateLabel: Text = { zh: '生效日期', en: 'In force from' };

export default function SheetsSection() {
  const tr = useTr();
  const lang = useLang();
  const id = useId();
  const list = useLoad<Listed>('/api/admin/sheets');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string>();
  const [checked, setChecked] = useState<Checked>();
  const [dates, setDates] = useState<Record<string, string>>({});
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const { status, setStatus, error, setError, busy, send } = useSubmission();

  const parse = (): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      setTextError(fieldMessage(tr, docLabel, { zh: `不是有效的 JSON（${(e as Error).message}）`, en: `is not valid JSON (${(e as Error).message})` }));
      return undefined;
    }
  };

  async function check(event: FormEvent) {
    event.preventDefault();
    setTextError(undefined);
    setStatus(undefined);
    setChecked(undefined);
    const doc = parse();
    if (doc === undefined) return;
    await send(async () => setChecked(await api<Checked>('/api/admin/sheets/preview', { body: { sheet: doc } })));
  }

  async function upload() {
    if (!checked?.ok) return;
    await send(async () => {
      await api('/api/admin/sheets', { body: { sheet: checked.sheet } });
      const s = checked.preview.sheet;
      setStatus(tr({ zh: `已上傳 ${s.id} 第 ${s.version} 版；發布並設定生效日期後才會用於新測試。`, en: `Uploaded ${s.id} version ${s.version}; it is used for new tests once published with a date.` }));
      list.reload();
    });
  }

  async function publish(sheetId: string, version: number) {
    const key = `${sheetId}@${version}`;
    const date = dates[key] ?? '';
    if (!isEffectiveDate(date)) {
      setDateErrors((d) => ({ ...d, [key]: fieldMessage(tr, dateLabel, { zh: '必填，格式 YYYY-MM-DD', en: 'is required, as YYYY-MM-DD' }) }));
      return;
    }
    setDateErrors((d) => ({ ...d, [key]: '' }));
    setError(undefined);
    await send(async () => {
      await api(`/api/admin/sheets/${encodeURIComponent(sheetId)}/${version}/publish`, { body: { effectiveFrom: date } });
      setStatus(tr({ zh: `已發布 ${sheetId} 第 ${version} 版，自 ${date} 起生效。`, en: `Published ${sheetId} version ${version}, in force from ${date}.` }));
      list.reload();
    });
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tr({ zh: '量表版本', en: 'Sheet versions' })}</h2>
      <p>
        {tr({
          zh: '修訂量表時，上傳新版本的 JSON，檢查並預覽後發布，設定生效日期。新測試自該日起使用新版本；舊測試仍以原版本計分。不需改版或重新部署。',
          en: 'To revise the sheet, upload the new version’s JSON, check and preview it, then publish it with a date. New tests use it from that date; older tests keep the version they were filled on. No release or redeploy.',
        })}
      </p>
      <LoadState loading={list.loading} error={list.error} hasData={!!list.data} empty={false} emptyText={{ zh: '', en: '' }} />
      {list.data && (
        <table>
          <caption>{tr({ zh: '已知的量表版本', en: 'Known sheet versions' })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr({ zh: '量表', en: 'Sheet' })}</th>
              <th scope="col">{tr({ zh: '版本', en: 'Version' })}</th>
              <th scope="col">{tr({ zh: '滿分', en: 'Max' })}</th>
              <th scope="col">{tr({ zh: '狀態', en: 'State' })}</th>
              <th scope="col">{tr(dateLabel)}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.library.map((s) => (
              <tr key={`lib-${s.id}@${s.version}`}>
                <th scope="row">{tr(s.title)}</th>
                <td>{s.version}</td>
                <td>{s.max}</td>
                <td>{s.example ? tr({ zh: '內建範例（非標準檢驗局量表）', en: 'Built-in example (not BSMI’s)' }) : tr({ zh: '內建', en: 'Built in' })}</td>
                <td>{s.effectiveFrom ?? '—'}</td>
              </tr>
            ))}
            {list.data.uploaded.map((s) => {
              const key = `${s.sheetId}@${s.version}`;
              return (
                <tr key={`up-${key}`}>
                  <th scope="row">{tr(s.title)}</th>
                  <td>{s.version}</td>
                  <td>{s.max}</td>
                  <td>{s.status === 'published' ? tr({ zh: '已發布', en: 'Published' }) : tr({ zh: '已上傳，未發布', en: 'Uploaded, not published' })}</td>
                  <td>
                    {s.status === 'published' ? (
                      s.effectiveFrom
                    ) : (
                      <div className="adm-actions">
                        <Field id={`${id}-date-${key}`} label={`${tr(dateLabel)}${paren(key, lang)}`} error={dateErrors[key] || undefined}>
                          {(control) => <input {...control} type="date" value={dates[key] ?? ''} onChange={(e) => setDates((d) => ({ ...d, [key]: e.target.value }))} />}
                        </Field>
                        <button type="button" disabled={busy} onClick={() => void publish(s.sheetId, s.version)}>
                          {tr({ zh: `發布 ${key}`, en: `Publish ${key}` })}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <form onSubmit={check} noValidate>
        <Field id={`${id}-file`} label={tr({ zh: '選擇 JSON 檔', en: 'Choose a JSON file' })}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void file.text().then(setText);
              }}
            />
          )}
        </Field>
        <Field id={`${id}-doc`} label={tr(docLabel)} error={textError} hint={tr({ zh: '或直接貼上量表 JSON。', en: 'Or paste the sheet JSON here.' })}>
          {(control) => <textarea {...control} rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />}
        </Field>
        <div className="adm-actions">
          <button type="submit" disabled={busy || !text.trim()}>
            {tr({ zh: '檢查並預覽', en: 'Check and preview' })}
          </button>
        </div>
      </form>

      {checked && !checked.ok && (
        <div role="alert">
          <h3>{tr({ zh: '量表定義有誤，無法上傳', en: 'The sheet has errors and cannot be uploaded' })}</h3>
          <ul>
            {checked.issues.map((issue, i) => (
              <li key={i} className="adm-error">
                {issue.field}
                {tr({ zh: '：', en: ': ' })}
                {tr(issue.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {checked?.ok && <Preview preview={checked.preview} doc={checked.sheet} onUpload={() => void upload()} busy={busy} />}
      <LiveMessages status={status} error={error} />
    </section>
  );
}

/** The form as testers will see it, with the worked example filled in and scored; the admin may tap. */
function Preview(props: { preview: SheetPreview; doc: unknown; onUpload(): void; busy: boolean }) {
  const tr = useTr();
  const sheet: Sheet = useMemo(() => loadSheet(props.doc), [props.doc]);
  const [answers, setAnswers] = useState<Answers>(props.preview.example.answers);
  const scored = tryScore(sheet, { format: sheet.answersFormat, answers });
  const form: FormApi = {
    testId: `preview-${sheet.id}@${sheet.version}`,
    sheet,
    answers,
    results: scored.ok ? scored.result.items : {},
    exclusions: exclusions(sheet, answers),
    readOnly: false,
    setAnswer: (item: string, value: AnswerValue | undefined) => setAnswers((a) => applyAnswer(sheet, a, item, value)),
    blocked: (item: string, value: AnswerValue) => choiceBlocked(sheet, answers, item, value),
    attempts: [],
    addAttempt: () => undefined,
  };
  const s = props.preview.sheet;
  return (
    <section aria-label={tr({ zh: '預覽', en: 'Preview' })} className="adm-preview">
      <h3>
        {tr({ zh: '預覽：', en: 'Preview: ' })}
        {tr(s.title)} {tr({ zh: `第 ${s.version} 版，滿分 ${s.max}`, en: `version ${s.version}, max ${s.max}` })}
      </h3>
      <p role="status">
        {scored.ok
          ? tr({ zh: `範例計分：${scored.result.total} / ${scored.result.max} 分`, en: `Worked example: ${scored.result.total} / ${scored.result.max} points` })
          : tr({ zh: '範例違反規則', en: 'The example breaks a rule' })}
      </p>
      <div className="adm-actions">
        <button type="button" onClick={props.onUpload} disabled={props.busy}>
          {tr({ zh: `上傳 ${s.id} 第 ${s.version} 版`, en: `Upload ${s.id} version ${s.version}` })}
        </button>
      </div>
      <FormContext.Provider value={form}>
        <SheetForm />
      </FormContext.Provider>
    </section>
  );
}
