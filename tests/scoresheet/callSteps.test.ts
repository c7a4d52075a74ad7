// The live call's steps are sheet data: every item in exactly one step, tools on timing items.
import { describe, expect, it } from 'vitest';
import { currentSheet, loadSheet, sheetItems } from '../../src/scoresheet';
import fubiao3 from '../../src/scoresheet/sheets/bsmi-fubiao3.v1.json';

const withSteps = (steps: unknown) => ({ ...structuredClone(fubiao3), callSteps: steps });

describe('callSteps', () => {
  it('附表3 has its six steps, covering every item once', () => {
    const steps = currentSheet.callSteps!;
    expect(steps.map((s) => s.label.zh)).toEqual(['撥號／語音系統', '總機', '轉接', '業務單位', '答話內容', '結束']);
    expect(steps.flatMap((s) => s.items).sort()).toEqual(sheetItems(currentSheet).map((i) => i.id).sort());
  });

  it('refuses a step naming an unknown item, an item twice, a non-timing timer, or a left-out item', () => {
    const steps = structuredClone(fubiao3.callSteps);
    expect(() => loadSheet(withSteps([{ ...steps[0], items: [...steps[0].items, 'nope'] }, ...steps.slice(1)]))).toThrow(/callSteps.dial.*"nope"/);
    expect(() => loadSheet(withSteps([{ ...steps[0], items: [...steps[0].items, '2.2.2'] }, ...steps.slice(1)]))).toThrow(/already in step/);
    expect(() => loadSheet(withSteps([{ ...steps[0], timer: '1.3.1' }, ...steps.slice(1)]))).toThrow(/timer must name a timing item/);
    expect(() => loadSheet(withSteps(steps.slice(0, 5)))).toThrow(/missing: 2.2.2/);
  });

  it('is optional: a sheet without steps still loads', () => {
    const { callSteps: _drop, ...rest } = structuredClone(fubiao3);
    expect(loadSheet(rest).callSteps).toBeUndefined();
  });
});
