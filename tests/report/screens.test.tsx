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
import { NINETY, PERFECT, noVoiceSystem, switchboardUnanswered, twoTries } from './fixtures';
import AuditSection from '../../src/app/admin/AuditSection';
import { App } from '../../src/app/App';
import { useDeviceStore } from '../../src/app/state/deviceStore';
import { freshDbName, openOn } from '../app/support';

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
    // Where points are lost, ranked by 第一課's own losses: 1.2 lost 7.5 in the call without a voice
    // system → 3.75 for 第一課, 2.50 for the agency beside it; 配分 says 10／25; 7.5 of 35 = 21.4%.
    const losses = screen.getByRole('table', { name: '各項目平均失分（由多至少）' });
    const row12 = within(losses).getByRole('row', { name: /總機人員接聽速度/ });
    expect(within(row12).getAllByRole('cell').map((c) => c.textContent)).toEqual(['10／25', '3.75', '21.4%', '2.50']);
    expect(within(losses).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['項目', '配分', '本單位平均失分', '失分率', '全局平均失分']);
    expect(screen.getByRole('img', { name: /失分最多的項目/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /本季等第分布/ })).toBeInTheDocument();
    // Each result links to its printed sheet, for coaching.
    const sheetLinks = screen.getAllByRole('link', { name: '檢視測試量表' });
    expect(sheetLinks).toHaveLength(2);
    expect(sheetLinks[0].getAttribute('href')).toMatch(/^#\/review\?print=/);
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

describe('issue 13 on screen', () => {
  async function pushLow() {
    const tester = (await server.store.listUsers()).find((u) => u.username === 'tester1')!;
    const low = makeRecord(unitA.id, { answers: switchboardUnanswered(), attempts: twoTries(at(4)), testedAt: at(4) }); // 70
    await server.store.push({ userId: tester.id, role: 'tester', unitIds: [] }, 'device', [op(low)]);
    return low;
  }

  it('a unit head writes the improvement report for a result under 90; drafts are stated', async () => {
    const low = await pushLow();
    const tester = (await server.store.listUsers()).find((u) => u.username === 'tester1')!;
    await server.store.push({ userId: tester.id, role: 'tester', unitIds: [] }, 'device', [op(makeRecord(unitA.id, { answers: {}, status: 'draft', testedAt: at(5) }))]);
    await signInAs(server, 'unitHead', [unitA.id]);
    const user = userEvent.setup();
    const { container } = render(<ReviewScreen />);
    expect(await screen.findByText('另有 1 份草稿未列入。')).toBeInTheDocument();
    const form = await screen.findByRole('form', { name: /^改善報告：/ });
    expect(form).toHaveAccessibleName(expect.stringContaining('70 分（乙）'));
    await user.click(within(form).getByRole('button', { name: '送出改善報告' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/cause.*required/);
    expect(within(form).getByLabelText('失分原因')).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(form).getByLabelText('失分原因'), '總機人員離座');
    await user.type(within(form).getByLabelText('改善措施'), '設定代理接聽');
    await user.type(within(form).getByLabelText('預定完成日期'), '2099-01-31');
    await user.click(within(form).getByRole('button', { name: '送出改善報告' }));
    expect(await screen.findByText('已送出改善報告。')).toBeInTheDocument();
    expect((await server.store.listImprovements([low.id]))[0]).toMatchObject({ cause: '總機人員離座', measures: '設定代理接聽', dueOn: '2099-01-31' });
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('the head’s start screen reminds them of reports owed and never offers to continue a tester’s draft', async () => {
    await pushLow();
    await signInAs(server, 'unitHead', [unitA.id]);
    window.location.hash = '#/';
    const view = render(<App />);
    await act(() => useDeviceStore.getState().init(() => openOn(freshDbName())));
    const device = useDeviceStore.getState().device!;
    await act(async () => {
      await device.createTest({ unitId: unitA.id, unitName: '第一課', switchboardNumber: '1', answererSurname: '王', extension: '1', testerName: '測試員甲', testedAt: at(6) });
    });
    const reminder = await screen.findByRole('region', { name: '待辦的改善報告' });
    expect(reminder).toHaveTextContent('有 1 份測試結果低於 90 分待提報改善情形');
    expect(within(reminder).getByRole('link', { name: '前往季檢討填寫' })).toHaveAttribute('href', '#/review');
    expect(await screen.findByText('第一課')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '繼續填寫' })).toBeNull();
    // The head's list opens the printed sheet, never the form.
    expect(screen.getByRole('link', { name: /第一課/ }).getAttribute('href')).toMatch(/\/print$/);
    view.unmount();
    useDeviceStore.getState().device?.close();
    useDeviceStore.getState().reset();
  });

  it('the admin tracks improvement reports and closes them; calibration is on the plan screen', async () => {
    const low = await pushLow();
    const head = await server.store.createUser({ username: 'head1', password: 'correct horse battery', role: 'unitHead', unitIds: [unitA.id] });
    await server.store.submitImprovement({ testId: low.id, unitId: unitA.id, cause: '離座', measures: '代理', dueOn: '2000-01-31', submittedBy: head.id, submittedAt: new Date().toISOString() });
    await signInAs(server, 'admin');
    const user = userEvent.setup();
    const { container } = render(<PlanScreen />);
    const table = await screen.findByRole('table', { name: '改善報告（逾期 1 件）' });
    const row = within(table).getByRole('row', { name: /70 分/ });
    expect(row).toHaveTextContent('改善中（逾期）');
    expect(row).toHaveTextContent('離座／代理');
    await user.click(within(row).getByRole('button', { name: /^結案/ }));
    expect(await screen.findByText(/^已結案：/)).toBeInTheDocument();
    expect((await server.store.listImprovements([low.id]))[0].closedAt).toBeDefined();
    const cal = await screen.findByRole('table', { name: '各測試人員與他人於相同單位之平均差距' });
    expect(within(cal).getByRole('row', { name: /測試員甲/ })).toHaveTextContent('無其他測試人員可比較');
    expect(screen.getByLabelText('低於此分數須提報（分）')).toHaveValue(90);
    expect(await wcagViolations(container)).toEqual([]);
  });

  it('the annual report screen counts each compliance state and offers the per-test export', async () => {
    await signInAs(server, 'admin');
    render(<ReportScreen />);
    expect(await screen.findByText(/個單位中達成 \d+ 個、未達成 \d+ 個、進行中 \d+ 個、免測 \d+ 個。/)).toBeInTheDocument();
    const flat = within(screen.getByRole('navigation', { name: '逐筆資料匯出' })).getAllByRole('link');
    expect(flat.map((a) => a.getAttribute('href'))).toEqual(['ods', 'xlsx', 'csv'].map((f) => `/api/report/tests.${f}?year=${now.rocYear}&lang=zh`));
    expect(screen.getByRole('img', { name: new RegExp(`${now.rocYear} 年等第分布`) })).toBeInTheDocument();
  });

  it('the audit log speaks the user’s language', async () => {
    await signInAs(server, 'admin');
    await server.store.audit({ actor: 'admin', action: 'quarter-close', target: '115-Q3' });
    render(<AuditSection />);
    const table = await screen.findByRole('table', { name: /稽核紀錄/ });
    expect(within(table).getByRole('row', { name: /關閉季別/ })).toHaveTextContent('115-Q3');
    expect(within(table).getAllByRole('row', { name: /登入/ }).length).toBeGreaterThan(0);
    expect(table).not.toHaveTextContent('quarter-close');
    expect(table).not.toHaveTextContent(/\bpush\b|\blogin\b/);
    act(() => useLangStore.setState({ lang: 'en' }));
    expect(within(table).getByRole('row', { name: /Quarter closed/ })).toBeInTheDocument();
  });
});
