// A refusal from the server, shown in the tester's language with what to do, whether the server
// sent today's plain string or the record contract's {field, rule, message: {zh, en}}.
import { describe, expect, it } from 'vitest';
import { rejectionText } from '../../../src/app/list/rejection';
import { syncLabel } from '../../../src/app/list/syncLabel';

describe('rejection text', () => {
  it('explains a closed quarter in both languages and says it heals by itself', () => {
    const t = rejectionText('quarter 115-Q4 is closed for new tests');
    expect(t.zh).toContain('115-Q4 季已結算');
    expect(t.zh).toContain('自動重送');
    expect(t.en).toContain('reopen');
  });

  it('reads the error as data: field, rule and the message in each language', () => {
    const t = rejectionText({ field: 'unitId', rule: 'known unit', message: { zh: '不是清單中的單位', en: 'not a unit on the list' } });
    expect(t.zh).toBe('unitId (known unit)：不是清單中的單位。修正後會自動重送。');
    expect(t.en).toBe('unitId (known unit): not a unit on the list. It is sent again by itself once fixed.');
  });

  it('an unknown string is still shown, wrapped in words the tester can act on', () => {
    expect(rejectionText('teapot').zh).toBe('伺服器拒收（teapot）。資料仍保留在此裝置，稍後會自動重送。');
    expect(rejectionText(undefined).en).toContain('Rejected by the server');
  });

  it('another account’s unsent test says it waits for that tester', () => {
    expect(syncLabel({ state: 'local' }, '林測試').text.zh).toContain('另一個帳號（林測試）尚未傳送的測試');
    expect(syncLabel({ state: 'confirmed', rev: 2 }, '林測試').text.zh).toContain('伺服器已確認');
  });
});
