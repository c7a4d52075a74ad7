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
    match: /unit/i,
    text: () => ({
      zh: '伺服器不認得這個受測單位。請在「測試資料」從清單選擇單位；改好後會自動重送。',
      en: 'The server does not know this unit. Pick the unit from the list under “Test details”; it is sent again by itself.',
    }),
  },
];

/** The reason in both languages (and the rule it names, when the server said). */
export function rejectionText(error: RejectionError): Text {
  if (Array.isArray(error)) {
    // A cause we know (a closed quarter, an unknown unit) says what to do; otherwise every reason, each in its language.
    for (const e of error) {
      const known = KNOWN.find((k) => k.match.test(e.message?.en ?? ''));
      if (known) return known.text((e.message?.en ?? '').match(known.match)!);
    }
    if (error.length === 1) return rejectionText(error[0]);
    const parts = error.map((e) => rejectionText({ ...e, message: e.message }));
    return { zh: parts.map((p) => p.zh).join(' '), en: parts.map((p) => p.en).join(' ') };
  }
  if (error && typeof error === 'object') {
    const zh = error.message?.zh ?? error.message?.en ?? '';
    const en = error.message?.en ?? error.message?.zh ?? '';
    const where = error.field ? `${error.field}${error.rule ? ` (${error.rule})` : ''}` : '';
    return {
      zh: `${where ? `${where}：` : ''}${zh || '伺服器拒收'}。修正後會自動重送。`,
      en: `${where ? `${where}: ` : ''}${en || 'rejected by the server'}. It is sent again by itself once fixed.`,
    };
  }
  const raw = typeof error === 'string' ? error : '';
  for (const known of KNOWN) {
    const m = raw.match(known.match);
    if (m) return known.text(m);
  }
  return {
    zh: `伺服器拒收${raw ? `（${raw}）` : ''}。資料仍保留在此裝置，稍後會自動重送。`,
    en: `Rejected by the server${raw ? ` (${raw})` : ''}. It stays on this device and is sent again by itself later.`,
  };
}
