// Where points are lost: per item of the sheet, the average points lost (item max − points) over
// the tests where the item counts. An item counts when its max in that test's result is above 0:
// an item left out of the total (1.1 without a voice system) is not a loss, but an item that keeps
// its max and scores 0 (1.3.* when the operator never answered) is. So the losses of one test add
// up to max − total, and a unit head sees exactly where the missing points went.
//
// Versions (issue 11): a loss is keyed by sheet version and item — the version where the item
// first appeared. A later version's item counts under that key only when the later sheet says
// it carries over (its `carriesOver` map); any other item, even one with the same id, is a row
// of its own, labelled with its version.
import { currentSheet, sheetFor, type Sheet, type SheetNode, type SheetRef, type Text } from '../scoresheet';
import type { ServerRecord } from '../sync/protocol';
import { ExactSum, mean, toFixed, toNumber } from './exact';
import { TABLE_DECIMALS } from './stats';
import { unitKeyOf } from './units';

export interface LossFigure {
  /** Tests in which the item counted. */
  applicable: number;
  lostSum: number;
  averageLost: number | null;
  averageLostText: string;
}

export interface ItemLoss extends LossFigure {
  /** sheetId@version/itemId of the version where the item first appeared (see the head comment). */
  key: string;
  /** That version. */
  sheet: SheetRef;
  /** The versions whose tests count in this row. */
  versions: number[];
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
}

function figure(acc: Acc | undefined): LossFigure {
  if (!acc || acc.applicable === 0) return { applicable: 0, lostSum: 0, averageLost: null, averageLostText: '' };
  const lost = acc.lost.value();
  const avg = mean(lost, acc.applicable)!;
  return { applicable: acc.applicable, lostSum: toNumber(lost), averageLost: toNumber(avg), averageLostText: toFixed(avg, TABLE_DECIMALS) };
}

/** Where an item of a sheet version came from: itself, or the earlier item it carries over. */
function originOf(sheet: Sheet, itemId: string, depth = 0): { ref: SheetRef; itemId: string } {
  for (const [version, pairs] of Object.entries(sheet.carriesOver ?? {}).sort((a, b) => Number(b[0]) - Number(a[0]))) {
    const from = Object.entries(pairs).find(([, to]) => to === itemId)?.[0];
    if (from === undefined) continue;
    const earlier = sheetFor({ id: sheet.id, version: Number(version) });
    // Follow the chain while the earlier version is known here; else its own id is the key.
    return earlier && depth < 50 ? originOf(earlier, from, depth + 1) : { ref: { id: sheet.id, version: Number(version) }, itemId: from };
  }
  return { ref: { id: sheet.id, version: sheet.version }, itemId };
}

const keyOf = (o: { ref: SheetRef; itemId: string }) => `${o.ref.id}@${o.ref.version}/${o.itemId}`;

interface CatalogueEntry {
  sheet: SheetRef;
  itemId: string;
  label: Text;
  groupLabel?: Text;
  max: number;
  order: number;
  versions: Set<number>;
}

/** Rows in sheet order, keyed by origin; the sheets of the records, or 附表3 v1 when there are none. */
function itemCatalogue(records: ServerRecord[]) {
  const catalogue = new Map<string, CatalogueEntry>();
  /** Per sheet version: item id → row key. */
  const keys = new Map<string, Map<string, string>>();
  const addSheet = (sheet: Sheet) => {
    const ref = `${sheet.id}@${sheet.version}`;
    if (keys.has(ref)) return keys.get(ref)!;
    const map = new Map<string, string>();
    keys.set(ref, map);
    const visit = (nodes: SheetNode[], parentLabel?: Text) => {
      for (const node of nodes) {
        if (node.kind === 'group') {
          visit(node.children, node.label);
        } else if (node.kind !== 'switch') {
          const origin = originOf(sheet, node.id);
          const key = keyOf(origin);
          map.set(node.id, key);
          const max = node.kind === 'check' ? node.points : node.max;
          const entry = catalogue.get(key);
          if (entry) {
            entry.versions.add(sheet.version);
          } else {
            catalogue.set(key, { sheet: origin.ref, itemId: origin.itemId, label: node.label, groupLabel: parentLabel, max, order: catalogue.size, versions: new Set([sheet.version]) });
          }
        }
      }
    };
    visit(sheet.sections);
    return map;
  };
  const sheets = new Map<string, Sheet>();
  for (const r of records) {
    const sheet = sheetFor(r.score?.sheet ?? r.sheet);
    if (sheet) sheets.set(`${sheet.id}@${String(sheet.version).padStart(6, '0')}`, sheet);
  }
  // Oldest version first, so an item's row is labelled where it first appeared.
  const ordered = [...sheets.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, s]) => s);
  for (const sheet of ordered.length ? ordered : [currentSheet]) addSheet(sheet);
  return { catalogue, keysFor: (sheet: Sheet) => addSheet(sheet) };
}

/** Average points lost per item, overall and per unit, most lost first (ties in sheet order). */
export function itemLosses(records: ServerRecord[]): ItemLoss[] {
  const { catalogue, keysFor } = itemCatalogue(records);
  const overall = new Map<string, Acc>();
  const perUnit = new Map<string, Map<string, Acc>>();
  const bump = (map: Map<string, Acc>, id: string, lost: number) => {
    const acc = map.get(id) ?? { applicable: 0, lost: new ExactSum() };
    acc.applicable += 1;
    acc.lost.add(lost);
    map.set(id, acc);
  };
  for (const r of records) {
    if (!r.score) continue;
    const sheet = sheetFor(r.score.sheet ?? r.sheet);
    if (!sheet) continue; // a version this process does not know cannot be itemised
    const unitKey = unitKeyOf(r);
    const unitMap = perUnit.get(unitKey) ?? new Map<string, Acc>();
    perUnit.set(unitKey, unitMap);
    for (const [id, key] of keysFor(sheet)) {
      const item = r.score.items?.[id];
      if (!item || !(item.max > 0)) continue;
      const lost = Math.max(0, item.max - item.points);
      bump(overall, key, lost);
      bump(unitMap, key, lost);
    }
  }
  const out: (ItemLoss & { order: number })[] = [];
  for (const [key, info] of catalogue) {
    const byUnit: Record<string, LossFigure> = {};
    for (const [unitKey, map] of perUnit) if (map.has(key)) byUnit[unitKey] = figure(map.get(key));
    out.push({
      key,
      sheet: info.sheet,
      versions: [...info.versions].sort((a, b) => a - b),
      itemId: info.itemId,
      label: info.label,
      groupLabel: info.groupLabel,
      max: info.max,
      ...figure(overall.get(key)),
      byUnit,
      order: info.order,
    });
  }
  out.sort((a, b) => (b.averageLost ?? -1) - (a.averageLost ?? -1) || a.order - b.order);
  return out.map(({ order: _order, ...rest }) => rest);
}
