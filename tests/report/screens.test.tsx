// @vitest-environment jsdom
// The review, plan and report screens against the real server app over a temp SQLite store (the
// admin screens' harness: fetch → app.request), with tests pushed into the store as a tester would.
import '@testing-library/jest-dom/vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import ReviewScreen from '../../src/app/review/ReviewScreen';
import PlanScreen from '../../src/app/review/PlanScreen';
import ReportScreen from '../../src/app/review/ReportScreen';
import { useLangStore } from '../../src/app/i18n';
import { quarterLabel, quarterOf, quarterRange } from '../../src/record/quarter';
import type { Unit } from '../../src/server/store';
import { makeRecord, op } from '../server/fixtures';
import { wcagViolations } from '../app/admin/axe';
import { signInAs, type TestServer } from '../app/admin/harness';
import { serverPerTest } from '../app/admin/serverPerTest';
import { NINETY, PERFECT, noVoiceSystem } from './fixtures';

let server: TestServer;
let unitA: Unit;
let unitB: Unit;
const now = quarterOf(new Date());
// Minutes after the quarter began: in the current quarter and in the past on any day the tests run.
const at = (minutes: number) => new Date(Date.parse(quarterRange(now).start) + minutes * 60_000).toISOString();

serverPerTest((s) => (server = s));
beforeEach(async () => {
  unitA = await server.store.createUnit({ name: '第一課' });
  unitB = await server.store.createUnit({ name: '嘉義辦事處' });
  const tester = await server.store.createUser({ username: 'tester1', password: 'correct horse battery', role: 'tester', displayName: '測試員甲' });
  const results = await server.store.push({ userId: tester.id, role: 'tester', unitIds: [] }, 'device', [
    op(makeRecord(unitA.id, { answers: PERFECT, testedAt: at(1) })), // 100
    op(makeRecord(unitA.id, { answers: noVoiceSystem(), testedAt: at(2) })), // 92.5
    op(makeRecord(unitB.id, { unitName: '嘉義辦事處', answers: NINETY, answererSurname: '=HYPERLINK("x","y")', testedAt: at(3) })), // 90
  ]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
});

describe('季檢討 screen', () => {
  it('shows a unit head their unit beside the agency, and takes an acknowledgement', async () => {
    await signInAs(server, 'unitHead', [unitA.id]);
    const user = userEvent.setup();
    const { container } = render(<ReviewScreen />);
    const table = await screen.findByRole('table', { name: `${quarterLabel(now)}各單位成績` });
    const rowA = within(table).getByRole('row', { name: /第一課/ });
    // (100 + 92.5) / 2 = 96.25; agency (100 + 92.5 + 90) / 3 = 94.17
    expect(within(rowA).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '96.25', '92.5', '100', '優', '無比較']);
    expect(within(table).getByRole('row', { name: /全局/ })).toHaveTextContent('94.17');
    expect(within(table).queryByRole('row', { name: /嘉義辦事處/ })).toBeNull();
    // Where points are lost: 1.2 lost 7.5 in the call without a voice system → 2.5 for the agency and 3.75 for 第一課
    const losses = screen.getByRole('table', { name: '各項目平均失分（由多至少）' });
    expect(within(losses).getByRole('row', { name: /總機人員接聽速度/ })).toHaveTextContent('2.50');
    expect(within(losses).getByRole('row', { name: /總機人員接聽速度/ })).toHaveTextContent('3.75');
    // The trend: a chart with a title and the table of the same figures
    expect(screen.getByRole('img', { name: /第一課與全局平均分數趨勢/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '各季平均分數（人次）' })).toHaveTextContent('96.25（2）');
    expect(await wcagViolations(container)).toEqual([]);

    const forms = screen.getAllByRole('form');
    expect(forms).toHaveLength(2);
    await user.type(within(forms[0]).getByLabelText('意見（選填）'), '已提醒同仁報明單位');
    await user.click(within(forms[0]).getByRole('button', { name: '確認此結果' }));
    expect(await screen.findByText(/已確認；意見：已提醒同仁報明單位/)).toBeInTheDocument();
    expect(screen.getAllByRole('form')).toHaveLength(1);
    expect((await server.store.listAcknowledgements()).map((a) => a.comment)).toEqual(['已提醒同仁報明單位']);
  });

  it('shows an admin every unit and the results still unacknowledged, masked', async () => {
    await signInAs(server, 'admin');
    render(<ReviewScreen />);
    const table = await screen.findByRole('table', { name: `${quarterLabel(now)}各單位成績` });
    expect(within(table).getByRole('row', { name: /嘉義辦事處/ })).toHaveTextContent('90.00');
    const pending = await screen.findByRole('region', { name: '尚未確認的結果' });
    expect(await within(pending).findAllByRole('listitem')).toHaveLength(3);
    expect(pending).toHaveTextContent('受話者 =○○');
    expect(pending).not.toHaveTextContent('HYPERLINK');
  });

  it('turns testers away in words', async () => {
    await signInAs(server, 'tester');
    render(<ReviewScreen />);
    expect(screen.getByRole('status')).toHaveTextContent('此頁面僅供單位主管及秘書室（研考）使用。');
  });
});

describe('測試計畫 screen', () => {
  it('shows due units and rotation, and refuses a bad frequency naming the field', async () => {
    await signInAs(server, 'admin');
    const user = userEvent.setup();
    const { container } = render(<PlanScreen />);
    const due = await screen.findByRole('table', { name: '逾期者列於最前' });
    expect(within(due).getByRole('row', { name: /第一課/ })).toHaveTextContent('2 / 1');
    expect(screen.getByRole('table', { name: '各測試人員測試各單位的次數' })).toHaveTextContent('測試員甲');
    const count = screen.getByLabelText('每期至少測試次數');
    await user.clear(count);
    await user.type(count, '0');
    await user.click(screen.getByRole('button', { name: '儲存測試頻率' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/testsPerPeriod/);
    expect(count).toHaveAttribute('aria-invalid', 'true');
    await user.clear(count);
    await user.type(count, '2');
    await user.selectOptions(screen.getByLabelText('期間'), '3');
    await user.click(screen.getByRole('button', { name: '儲存測試頻率' }));
    expect(await screen.findByText('已儲存：每季（3 個月）至少測試 2 次')).toBeInTheDocument();
    expect(await server.store.getSetting('report.plan')).toEqual({ periodMonths: 3, testsPerPeriod: 2 });
    expect(await wcagViolations(container)).toEqual([]);
  });
});

describe('年度報告 screen', () => {
  it('shows the sentence, the tables and the download links', async () => {
    await signInAs(server, 'admin');
    const { container } = render(<ReportScreen />);
    // 282.5 / 3 = 94.1666… → 94.2; 嘉義辦事處 90 is the lowest
    expect(await screen.findByText(`${now.rocYear} 年共執行電話禮貌測試 3 人次，平均 94.2 分，等第「優」；2 個受測單位中，以嘉義辦事處平均 90.0 分最低。`)).toBeInTheDocument();
    const links = within(screen.getByRole('navigation', { name: '匯出與列印' })).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `/api/report/annual.ods?year=${now.rocYear}&lang=zh`,
      `/api/report/annual.odt?year=${now.rocYear}&lang=zh`,
      `/api/report/annual.xlsx?year=${now.rocYear}&lang=zh`,
      `/api/report/annual.csv?year=${now.rocYear}&lang=zh`,
      `/api/report/annual.html?year=${now.rocYear}&lang=zh`,
    ]);
    expect(screen.getByRole('table', { name: '各單位各季平均分數（人次）' })).toHaveTextContent('96.25（2）');
    expect(await wcagViolations(container)).toEqual([]);

    act(() => useLangStore.setState({ lang: 'en' }));
    expect(await screen.findByText(/3 telephone-courtesy tests were carried out, averaging 94\.2 points/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download ODS spreadsheet (ODF)' })).toHaveAttribute('href', `/api/report/annual.ods?year=${now.rocYear}&lang=en`);
  });
});
