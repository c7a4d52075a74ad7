// @vitest-environment jsdom
// A whole test filled by its labels, as a tester would: the total on screen is the scorer's.
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentSheet, findNode, score, type VariantBandItem } from '../../src/scoresheet';
import { useTestStore } from '../../src/app/state/testStore';
import { choice, freshDbName, itemGroup, settle, startApp, stopApp, zhLabel } from './support';

let view: { unmount(): void } | undefined;
afterEach(() => {
  if (view) stopApp(view);
  view = undefined;
});

// A whole sheet is ~60 taps; the shared 2-core machine needs more than the default 5 s.
describe('filling a test', { timeout: 60_000 }, () => {
  it('records the spec example through the labels and shows the scorer’s total', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/new');
    await user.type(await screen.findByLabelText('受測單位'), '第一課');
    await user.type(screen.getByLabelText('總機電話'), '02-2343-1700');
    await user.type(screen.getByLabelText('受話者姓氏'), '王');
    await user.type(screen.getByLabelText('分機號碼'), '1234');
    await user.type(screen.getByLabelText('測試人員'), '林測試');
    expect(screen.getByText(/^民國\d+年\d+月\d+日 \d\d:\d\d$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '開始測試' }));
    await screen.findByRole('heading', { level: 1, name: /經濟部標準檢驗局電話禮貌測試量表/ });

    const voice = currentSheet.sections[0].children[0];
    await user.click(within(screen.getByRole('group', { name: voice.label.zh })).getByRole('radio', { name: /^是/ }));
    await user.click(choice('1.1.1', '（１）4 聲或 10 秒內獲得接聽服務。'));
    await user.click(choice('1.1.2', '（２）語音系統項目說明時間過久'));
    await user.click(choice('1.1.3', '（１）總機代號設於前'));
    await user.click(choice('1.1.4', '（１）語音口氣謙和、熱誠。'));
    // 1.2: answered after 3 rings and 8 seconds, typed in the item's own fields.
    const g12 = itemGroup('1.2');
    await user.click(within(g12).getByRole('radio', { name: /^１、電話鈴響 4 聲或 10 秒內獲得接聽服務/ }));
    await user.type(within(g12).getByLabelText('電話鈴響（聲）'), '3');
    await user.type(within(g12).getByLabelText('接聽秒數（秒）'), '8');
    await user.click(choice('1.3.1', '有'));
    await user.click(choice('1.3.2', '有'));
    await user.click(choice('1.3.3', '無'));
    await user.click(choice('1.3.4', '有'));
    await user.click(choice('1.3.5', '毋需轉接即能充分提供所詢問之資訊（給分）'));
    // No transfer applies to 5 and 6 together: the form ticks 6 as well.
    expect(choice('1.3.6', '毋需轉接即能充分提供所詢問之資訊（給分）')).toBeChecked();
    await user.click(choice('1.3.7', '（１）向來電者委婉說明'));
    await user.click(choice('1.3.8', '（２）語調平淡，態度尚佳。'));
    const g211 = itemGroup('2.1.1');
    await user.click(within(g211).getByRole('radio', { name: /^有人接聽/ }));
    await user.type(within(g211).getByLabelText('接聽秒數（秒）'), '12.5');
    // Someone answered: 2.1.2 is 「有人接聽（給分）」 by rule 4.
    expect(choice('2.1.2', '有人接聽（給分）')).toBeChecked();
    await user.click(choice('2.2.1', '（２）清晰報明單位名稱或自己姓名（氏）。'));
    await user.click(choice('2.2.2', '有'));
    await user.click(choice('2.2.3', '（１）語調謙和、熱誠。'));
    await user.click(within(screen.getByRole('group', { name: `${zhLabel('2.2.3')} — 分數（8–10）` })).getByRole('radio', { name: /^9 分/ }));
    await user.click(choice('2.3', '甲、業務承辦單位'));
    const jia = findNode(currentSheet, '2.3') as VariantBandItem;
    await user.click(within(screen.getByRole('group', { name: jia.variants[0].label.zh })).getByRole('radio', { name: /^２、解說尚可/ }));
    await user.click(within(screen.getByRole('group', { name: `${jia.variants[0].label.zh} — 分數（8–11）` })).getByRole('radio', { name: /^10 分/ }));
    await settle();

    const answers = useTestStore.getState().test!.answers;
    const expected = score(currentSheet, { format: 'courtesy-answers/1', answers });
    expect(expected.total).toBe(79);
    expect(expected.complete).toBe(true);
    expect(answers['1.2']).toEqual({ outcome: 'answered', rings: 3, seconds: 8 });
    const totalLine = screen.getByText((_, el) => el?.classList.contains('total') === true);
    expect(totalLine).toHaveTextContent(`總得分：${expected.total} / 100`);
    expect(totalLine).toHaveTextContent('已填完');
    // Every item shows its points and the reason: 1.2 says the higher of rings and seconds counts.
    expect(screen.getByText(/3 聲 → 9 分；8 秒 → 8 分；取高者 9 分/)).toBeInTheDocument();
  });

  it('hides 1.1 without a voice system and shows 1.2 ×2.5', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/new');
    await user.click(await screen.findByRole('button', { name: '開始測試' }));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    expect(itemGroup('1.1.1')).toBeInTheDocument();
    const voice = currentSheet.sections[0].children[0];
    await user.click(within(screen.getByRole('group', { name: voice.label.zh })).getByRole('radio', { name: /^否/ }));
    expect(screen.queryByRole('group', { name: zhLabel('1.1.1') })).toBeNull();
    expect(screen.getByText(/無電話語音系統，本項不計分，改計（二）之分數/, { selector: '.excluded-note' })).toBeInTheDocument();
    const g12 = itemGroup('1.2');
    await user.click(within(g12).getByRole('radio', { name: /^１、電話鈴響/ }));
    await user.type(within(g12).getByLabelText('電話鈴響（聲）'), '4');
    await settle();
    // 4 rings → 8, ×2.5 = 20 of 25.
    expect(screen.getByText(/4 聲 → 8 分 ×2.5 = 20 分/)).toBeInTheDocument();
    expect(screen.getByText(/^20 \/ 25/)).toBeInTheDocument();
    const answers = useTestStore.getState().test!.answers;
    expect(score(currentSheet, { format: 'courtesy-answers/1', answers }).sections['1.2']).toBe(20);
  });

  it('blocks a choice an earlier answer rules out, and says why', async () => {
    const user = userEvent.setup();
    view = await startApp(freshDbName(), '#/new');
    await user.click(await screen.findByRole('button', { name: '開始測試' }));
    await screen.findByRole('heading', { level: 1, name: /電話禮貌測試量表/ });
    await user.click(within(itemGroup('2.1.1')).getByRole('radio', { name: /^無人接聽/ }));
    await user.click(choice('2.1.2', '（１）無人接聽，電話系統自動轉接總機人員服務'));
    // Forwarded to someone else: 2.3 must be 乙 (rule 6); 甲 is blocked with the rule's message.
    expect(choice('2.3', '甲、')).toBeDisabled();
    expect(screen.getByText(/2.3 必須選乙/)).toBeInTheDocument();
    await user.click(choice('2.1.2', '（２）無人接聽（電話鈴響 9 聲以上'));
    // Nobody answered at all: 2.2 and 2.3 score 0 and show why.
    expect(screen.getAllByText('業務單位無人接聽，本項 0 分').length).toBeGreaterThan(0);
    await waitFor(() => expect(useTestStore.getState().pending).toBe(0));
  });
});
