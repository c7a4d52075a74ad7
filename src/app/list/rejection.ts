// Why the server refused a test, in the tester's language, and what to do about it. The server's
// answer is today a plain (English) string and, with the record contract, data
// {field, rule, message: {zh, en}}: both are read here, so the list never shows raw English to a
// zh-TW tester when the server said it in both languages.
import type { Text } from '../../scoresheet';

export interface RejectionData {
  field?: string;
  rule?: string;
  message?: Partial<Text>;
}

export type RejectionError = string | RejectionData | RejectionData[] | undefined | null;

/** Known causes of today's string answers, each with what the tester should do. */
const KNOWN: { match: RegExp; text: (m: RegExpMatchArray) => Text }[] = [
  {
    match: /quarter\s+(\S+?)\s+is closed/i,
    text: (m) => ({
      zh: `${m[1]} 季已結算，伺服器暫不收件。請聯絡研考（管理者）重新開放該季；開放後會自動重送，不必重填。`,
      en: `Quarter ${m[1]} is closed. Ask the secretariat (admin) to reopen it; the test is sent again by itself once it is open.`,
    }),
  },
  {
    match: /must name its unit from the unit list|no unit with id .* in the unit list|unknown unit/i,
    text: () => ({
      zh: '伺服器不認得這個受測單位。請在「測試資料」從清單選擇單位；改好後會自動重送。',
      en: 'The server does not know this unit. Pick the unit from the list under “Test details”; it is sent again by itself.',
    }),
  },
];

/** What the tester is told about every refusal (beside the reason): nothing is lost, it heals by itself. */
export const REJECTION_HINT: Text = {
  zh: '資料仍保留在此裝置；原因排除後會自動重送。',
  en: 'It stays on this device and is sent again by itself once the cause is gone.',
};

/** The reason in both languages: a cause we know says what to do; otherwise the server's words, field first. */
export function rejectionText(error: RejectionError): Text {
  const list: RejectionData[] = Array.isArray(error) ? error : error && typeof error === 'object' ? [error] : [];
  const raw = typeof error === 'string' ? error : '';
  for (const text of [raw, ...list.map((e) => e.message?.en ?? '')]) {
    for (const known of KNOWN) {
      const m = text.match(known.match);
      if (m) return known.text(m);
    }
  }
  if (list.length) {
    const zh = list.map((e) => `${e.field ? `${e.field}：` : ''}${e.message?.zh ?? e.message?.en ?? ''}`).join('；');
    const en = list.map((e) => `${e.field ? `${e.field}: ` : ''}${e.message?.en ?? e.message?.zh ?? ''}`).join('; ');
    return { zh: `伺服器拒收：${zh}`, en: `Rejected by the server: ${en}` };
  }
  return { zh: `伺服器拒收：${raw}`, en: `Rejected by the server: ${raw}` };
}
