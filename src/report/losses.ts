// Where points are lost: per item of the sheet, the average points lost (item max − points) over
// the tests where the item counts. An item counts when its max in that test's result is above 0:
// an item left out of the total (1.1 without a voice system) is not a loss, but an item that keeps
// its max and scores 0 (1.3.* when the operator never answered) is. So the losses of one test add
// up to max − total, and a unit head sees exactly where the missing points went.
import { currentSheet, sheetFor, type SheetNode, type Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { ExactSum, mean, scoreText, toFixed, toNumber, type Fraction } from './exact';

/** a / b for fractions (b > 0). */
const divFraction = (a: Fraction, b: Fraction): Fraction => {
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
};
import { TABLE_DECIMALS } from './stats';
import { unitKeyOf } from './units';

export interface LossFigure {
  /** Tests in which the item counted. */
  applicable: number;
  lostSum: number;
  averageLost: number | null;
  averageLostText: string;
  /**
   * The item's maximum as the tests had it (issue 13): a scale changes it per test (1.2 is 10, or
   * 25 without a voice system). Lowest and highest max over the applicable tests, the text for the
   * 配分 column ("10" or "10／25"), and the points lost as a share of the maximum ("34.1%").
   */
  maxLow: number | null;
  maxHigh: number | null;
  maxText: string;
  maxSum: number;
  lostShare: number | null;
  lostShareText: string;
}

export interface ItemLoss extends LossFigure {
  itemId: string;
  /** The sheet's own label, verbatim (e.g. 「１、接話時，首先清晰報明單位。」). */
  label: Text;
  /** The label of the section and group it sits in, e.g. 「（三）總機人員電話禮貌」. */
  groupLabel?: Text;
  /** The item's nominal max on the sheet (before a scale). */
  max: number;
  byUnit: Record<string, LossFigure>;
}

interface Acc {
  applicable: number;
  lost: ExactSum;
  max: ExactSum;
  low: number;
  high: number;
}

function figure(acc: Acc | undefined): LossFigure {
  if (!acc || acc.applicable === 0) return { applicable: 0, lostSum: 0, averageLost: null, averageLostText: '', maxLow: null, maxHigh: null, maxText: '', maxSum: 0, lostShare: null, lostShareText: '' };
  const lost = acc.lost.value();
  const avg = mean(lost, acc.applicable)!;
  const maxSum = acc.max.value();
  const share = maxSum.n > 0n ? divFraction(lost, maxSum) : null;
  return {
    applicable: acc.applicable,
    lostSum: toNumber(lost),
    averageLost: toNumber(avg),
    averageLostText: toFixed(avg, TABLE_DECIMALS),
    maxLow: acc.low,
    maxHigh: acc.high,
    maxText: acc.low === acc.high ? scoreText(acc.high) : `${scoreText(acc.low)}／${scoreText(acc.high)}`,
    maxSum: toNumber(maxSum),
    lostShare: share ? toNumber(share) : null,
    lostShareText: share ? `${toFixed({ n: share.n * 100n, d: share.d }, 1)}%` : '',
  };
}

/** Items in sheet order with their labels; the current sheet first, then items only older sheets have. */
function itemCatalogue(records: ServerRecord[]) {
  const catalogue = new Map<string, { label: Text; groupLabel?: Text; max: number; order: number }>();
  const addSheet = (sheet: typeof currentSheet) => {
    const visit = (nodes: SheetNode[], parentLabel?: Text) => {
      for (const node of nodes) {
        if (node.kind === 'group') {
          visit(node.children, node.label);
        } else if (node.kind !== 'switch' && !catalogue.has(node.id)) {
          const max = node.kind === 'check' ? node.points : node.max;
          catalogue.set(node.id, { label: node.label, groupLabel: parentLabel, max, order: catalogue.size });
        }
      }
    };
    visit(sheet.sections);
  };
  addSheet(currentSheet);
  for (const r of records) {
    const sheet = sheetFor(r.score?.sheet ?? r.sheet);
    if (sheet && sheet !== currentSheet) addSheet(sheet);
  }
  return catalogue;
}

/** Average points lost per item, overall and per unit, most lost first (ties in sheet order). */
export function itemLosses(records: ServerRecord[]): ItemLoss[] {
  const catalogue = itemCatalogue(records);
  const overall = new Map<string, Acc>();
  const perUnit = new Map<string, Map<string, Acc>>();
  const bump = (map: Map<string, Acc>, id: string, lost: number, max: number) => {
    const acc = map.get(id) ?? { applicable: 0, lost: new ExactSum(), max: new ExactSum(), low: max, high: max };
    acc.applicable += 1;
    acc.lost.add(lost);
    acc.max.add(max);
    acc.low = Math.min(acc.low, max);
    acc.high = Math.max(acc.high, max);
    map.set(id, acc);
  };
  for (const r of records) {
    if (!r.score) continue;
    const unitKey = unitKeyOf(r);
    const unitMap = perUnit.get(unitKey) ?? new Map<string, Acc>();
    perUnit.set(unitKey, unitMap);
    for (const id of catalogue.keys()) {
      const item = r.score.items?.[id];
      if (!item || !(item.max > 0)) continue;
      const lost = Math.max(0, item.max - item.points);
      bump(overall, id, lost, item.max);
      bump(unitMap, id, lost, item.max);
    }
  }
  const out: (ItemLoss & { order: number })[] = [];
  for (const [id, info] of catalogue) {
    const byUnit: Record<string, LossFigure> = {};
    for (const [unitKey, map] of perUnit) if (map.has(id)) byUnit[unitKey] = figure(map.get(id));
    out.push({ itemId: id, label: info.label, groupLabel: info.groupLabel, max: info.max, ...figure(overall.get(id)), byUnit, order: info.order });
  }
  out.sort((a, b) => (b.averageLost ?? -1) - (a.averageLost ?? -1) || a.order - b.order);
  return out.map(({ order: _order, ...rest }) => rest);
}
