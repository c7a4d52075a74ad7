import type { Text } from '../../scoresheet';
import type { Route } from '../routes';

export const APP_NAME: Text = { zh: '電話禮貌測試', en: 'Telephone-courtesy tests' };

/** Each page's name: its link in the menu and, for the review and admin pages, its heading, so the two always match. */
export const NAV_LABELS: Record<Route['name'], Text> = {
  home: { zh: '測試清單', en: 'Tests' },
  new: { zh: '新增測試', en: 'New test' },
  test: { zh: '測試', en: 'Test' },
  print: { zh: '列印', en: 'Print' },
  settings: { zh: '設定', en: 'Settings' },
  review: { zh: '季檢討', en: 'Quarterly review' },
  plan: { zh: '測試計畫', en: 'Test plan' },
  report: { zh: '年度報告', en: 'Annual report' },
  admin: { zh: '系統管理', en: 'Administration' },
  setup: { zh: '建立第一位管理者', en: 'First administrator' },
};
