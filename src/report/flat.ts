// The flat per-test export, as ODK and KoboToolbox give: one row per counted test with its id, the
// sheet and version that scored it, the unit, date, total and every item's points (items of older
// sheet versions get their own columns). Masked as every export is.
import { currentSheet, sheetFor, type Sheet, type SheetNode } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { maskExtension, maskSurname } from '../record/mask';
import { dateCell, int, num, quarterName, text, type Cell, type Lang, type ReportDocument } from './document';
import { DEFAULT_GRADES, gradeOf, type GradeBands } from './grades';
import { countedTests, exactMean, totalOf } from './stats';
import { reportUnits, unitKeyOf, type UnitInfo } from './units';
import { quarterKey } from '../record/quarter';

function scoredItems(sheet: Sheet, into: Map<string, string>): void {
  const visit = (nodes: SheetNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'group') visit(n.children);
      else if (n.kind !== 'switch' && !into.has(n.id)) into.set(n.id, n.id);
    }
  };
  visit(sheet.sections);
}

export function flatDocument(input: { rocYear: number; records: ServerRecord[]; units: UnitInfo[]; bands?: GradeBands; asOf: string }, lang: Lang = 'zh'): ReportDocument {
  const zh = lang === 'zh';
  const bands = input.bands ?? DEFAULT_GRADES;
  const keys = ([1, 2, 3, 4] as const).map((quarter) => quarterKey({ rocYear: input.rocYear, quarter }));
  const records = countedTests(input.records)
    .filter((r) => keys.includes(r.quarter))
    .sort((a, b) => Date.parse(a.testedAt) - Date.parse(b.testedAt) || a.id.localeCompare(b.id));
  const items = new Map<string, string>();
  scoredItems(currentSheet, items);
  for (const r of records) {
    const sheet = sheetFor(r.score?.sheet ?? r.sheet);
    if (sheet && sheet !== currentSheet) scoredItems(sheet, items);
  }
  const names = new Map(reportUnits(input.units, records).map((u) => [u.unitKey, u.unitName]));
  const itemIds = [...items.keys()];
  const rows: Cell[][] = records.map((r) => {
    const sheet = r.score?.sheet ?? r.sheet;
    return [
      text(r.id),
      text(sheet.id),
      int(sheet.version),
      dateCell(r.testedAt, lang),
      text(quarterName(Number(r.quarter.slice(-1)), lang)),
      text(names.get(unitKeyOf(r)) ?? r.unitName),
      text(r.testerName),
      text(maskSurname(r.answererSurname)),
      text(maskExtension(r.extension)),
      num(totalOf(r)),
      num(r.score!.max),
      text(gradeOf(exactMean([r]), bands) ?? ''),
      text(r.score!.complete ? (zh ? '是' : 'yes') : zh ? '否' : 'no'),
      // An item that does not apply in this test (1.1 without a voice system) is blank, not 0.
      ...itemIds.map((id) => {
        const item = r.score!.items?.[id];
        return item && item.max > 0 ? num(item.points) : text('');
      }),
    ];
  });
  return {
    title: zh ? `${input.rocYear} 年電話禮貌測試逐筆資料` : `Telephone-courtesy tests, ROC ${input.rocYear}: one row per test`,
    paragraphs: [],
    tables: [
      {
        name: zh ? '逐筆資料' : 'Tests',
        title: zh ? '逐筆資料（各項目得分；受話者姓氏及分機已遮蔽）' : 'One row per test (item points; answerer masked)',
        header: [
          zh ? '測試編號' : 'Test id',
          zh ? '量表' : 'Sheet',
          zh ? '量表版本' : 'Sheet version',
          zh ? '測試日期' : 'Date',
          zh ? '季' : 'Quarter',
          zh ? '受測單位' : 'Unit',
          zh ? '測試人員' : 'Tester',
          zh ? '受話者姓氏' : 'Answerer',
          zh ? '分機號碼' : 'Extension',
          zh ? '總分' : 'Total',
          zh ? '滿分' : 'Max',
          zh ? '等第' : 'Grade',
          zh ? '填答完整' : 'Complete',
          ...itemIds,
        ],
        rows,
      },
    ],
    date: input.asOf,
    lang,
  };
}
