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

  it('reads the errors as data: the field and the message in each language', () => {
    const t = rejectionText([{ field: 'unitName', rule: 'max length', message: { zh: '最多 100 個字', en: 'at most 100 characters' } }]);
    expect(t.zh).toBe('伺服器拒收：unitName：最多 100 個字');
    expect(t.en).toBe('Rejected by the server: unitName: at most 100 characters');
  });

  it('a unit not on the list says what to do, from the contract’s data or a plain string', () => {
    const data = [{ field: 'unitId', rule: 'known unit', message: { zh: '受測單位清單中沒有編號 "x"', en: 'no unit with id "x" in the unit list' } }];
    expect(rejectionText(data).zh).toContain('請在「測試資料」從清單選擇單位');
    expect(rejectionText('a completed test must name its unit from the unit list').en).toContain('Pick the unit from the list');
  });

  it('an unknown string is still shown', () => {
    expect(rejectionText('teapot').zh).toBe('伺服器拒收：teapot');
  });

  it('another account’s unsent test says it waits for that tester', () => {
    expect(syncLabel({ state: 'local' }, '林測試').text.zh).toContain('另一個帳號（林測試）尚未傳送的測試');
    expect(syncLabel({ state: 'confirmed', rev: 2 }, '林測試').text.zh).toContain('伺服器已確認');
  });
});
