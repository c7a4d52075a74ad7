import { conditionItems } from './conditions';
import type { Condition, GroupNode, ItemNode, Sheet, SheetNode } from './types';

/** A sheet definition that cannot be used; names the node at fault. */
export class SheetError extends Error {
  constructor(
    readonly node: string,
    detail: string,
  ) {
    super(`sheet node ${node}: ${detail}`);
    this.name = 'SheetError';
  }
}

export function isGroup(node: SheetNode): node is GroupNode {
  return node.kind === 'group';
}

/** Every node in sheet (document) order, with its depth (sections are depth 1). */
export function* walkSheet(sheet: Sheet): Generator<{ node: SheetNode; depth: number; parent?: GroupNode }> {
  function* visit(node: SheetNode, depth: number, parent?: GroupNode): Generator<{ node: SheetNode; depth: number; parent?: GroupNode }> {
    yield { node, depth, parent };
    if (isGroup(node)) for (const child of node.children) yield* visit(child, depth + 1, node);
  }
  for (const section of sheet.sections) yield* visit(section, 1);
}

/** The answerable items in sheet order. */
export function sheetItems(sheet: Sheet): ItemNode[] {
  const items: ItemNode[] = [];
  for (const { node } of walkSheet(sheet)) if (!isGroup(node)) items.push(node);
  return items;
}

export function findNode(sheet: Sheet, id: string): SheetNode | undefined {
  for (const { node } of walkSheet(sheet)) if (node.id === id) return node;
  return undefined;
}

/** The greatest points an item can give before any scale. */
export function itemMax(item: ItemNode): number {
  switch (item.kind) {
    case 'switch':
      return 0;
    case 'check':
      return item.points;
    default:
      return item.max;
  }
}

const KINDS = new Set(['group', 'switch', 'check', 'options', 'band', 'variantBand', 'timing']);

function isText(value: unknown): boolean {
  const t = value as { zh?: unknown; en?: unknown } | null;
  return typeof t === 'object' && t !== null && typeof t.zh === 'string' && t.zh !== '' && typeof t.en === 'string' && t.en !== '';
}

function checkConditionShape(id: string, where: string, condition: Condition): void {
  const c = condition as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null) throw new SheetError(id, `${where} must be a condition object`);
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    for (const part of (c.all ?? c.any) as Condition[]) checkConditionShape(id, where, part);
    return;
  }
  if ('not' in c) return checkConditionShape(id, where, c.not as Condition);
  if (typeof c.item !== 'string') throw new SheetError(id, `${where} needs "item", or "all", "any", "not"`);
  if (!('equals' in c) && !Array.isArray(c.in)) throw new SheetError(id, `${where} on "${c.item}" needs "equals" or an "in" list`);
}

function checkCondition(id: string, where: string, condition: Condition, known: Set<string>): void {
  checkConditionShape(id, where, condition);
  for (const ref of conditionItems(condition)) {
    if (!known.has(ref)) throw new SheetError(id, `${where} reads unknown item "${ref}"`);
  }
}

function checkUniqueKeys(id: string, what: string, keys: string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (typeof key !== 'string' || key === '') throw new SheetError(id, `every ${what} needs a key`);
    if (seen.has(key)) throw new SheetError(id, `${what} "${key}" appears twice`);
    seen.add(key);
  }
}

const isPoints = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

function checkBands(id: string, bands: { key: string; min: number; max: number }[], max: number): void {
  if (!Array.isArray(bands) || bands.length === 0) throw new SheetError(id, 'needs at least one band');
  checkUniqueKeys(id, 'band', bands.map((b) => b.key));
  for (const band of bands) {
    if (!Number.isInteger(band.min) || !Number.isInteger(band.max) || band.min < 0 || band.min > band.max || band.max > max) {
      throw new SheetError(id, `band "${band.key}" range ${band.min}–${band.max} must be whole points inside 0–${max}`);
    }
  }
}

function checkNode(node: SheetNode, ids: Set<string>): void {
  const id = typeof node?.id === 'string' ? node.id : '(no id)';
  if (typeof node?.id !== 'string' || node.id === '') throw new SheetError(id, 'needs a string id');
  if (!KINDS.has(node.kind)) throw new SheetError(id, `unknown kind "${String(node.kind)}"`);
  if (ids.has(node.id)) throw new SheetError(id, 'id appears twice');
  ids.add(node.id);
  if (!isText(node.label)) throw new SheetError(id, 'needs a label with zh and en');
  if (node.when && node.when.otherwise !== 'zero' && node.when.otherwise !== 'notScored') {
    throw new SheetError(id, `when.otherwise must be "zero" or "notScored", not ${JSON.stringify(node.when.otherwise)}`);
  }
  if (node.when && !isText(node.when.reason)) throw new SheetError(id, 'when needs a reason with zh and en');
  if ('na' in node && node.na !== undefined && !isText(node.na.label)) throw new SheetError(id, 'na needs a label with zh and en');
  if (node.scale && !(typeof node.scale.factor === 'number' && node.scale.factor > 0 && Number.isInteger(node.scale.factor * 4))) {
    // Quarter steps keep every score exact in binary floating point (no rounding anywhere).
    throw new SheetError(id, `scale factor ${node.scale.factor} must be a positive multiple of 0.25`);
  }
  switch (node.kind) {
    case 'group':
      if (!Array.isArray(node.children) || node.children.length === 0) throw new SheetError(id, 'a group needs children');
      for (const child of node.children) checkNode(child, ids);
      return;
    case 'switch':
      if (!isText(node.yes) || !isText(node.no)) throw new SheetError(id, 'a switch needs yes and no texts');
      return;
    case 'check':
      if (!isPoints(node.points) || node.points === 0) throw new SheetError(id, 'a check needs positive points');
      return;
    case 'options': {
      if (!isPoints(node.max)) throw new SheetError(id, 'needs a numeric max');
      const keys = new Set<string>();
      for (const option of node.options ?? []) {
        if (option.key === 'na' || keys.has(option.key)) throw new SheetError(id, `option key "${option.key}" is reserved or repeated`);
        keys.add(option.key);
        if (!isPoints(option.points) || option.points > node.max) throw new SheetError(id, `option "${option.key}" points outside 0–${node.max}`);
        if (!isText(option.label)) throw new SheetError(id, `option "${option.key}" needs a label`);
      }
      if (keys.size === 0) throw new SheetError(id, 'needs options');
      if (Math.max(...node.options.map((o) => o.points)) !== node.max) throw new SheetError(id, `no option reaches the max ${node.max}`);
      return;
    }
    case 'band':
      if (!isPoints(node.max)) throw new SheetError(id, 'needs a numeric max');
      checkBands(id, node.bands, node.max);
      return;
    case 'variantBand':
      if (!isPoints(node.max)) throw new SheetError(id, 'needs a numeric max');
      if (!Array.isArray(node.variants) || node.variants.length === 0) throw new SheetError(id, 'needs variants');
      checkUniqueKeys(id, 'variant', node.variants.map((v) => v.key));
      for (const variant of node.variants) checkBands(`${id} ${variant.key}`, variant.bands, node.max);
      return;
    case 'timing':
      if (!isPoints(node.max)) throw new SheetError(id, 'needs a numeric max');
      if (!Array.isArray(node.outcomes) || !node.outcomes.some((o) => o.timed)) throw new SheetError(id, 'needs a timed outcome');
      checkUniqueKeys(id, 'outcome', node.outcomes.map((o) => o.key));
      if (!Array.isArray(node.measures) || !node.measures.length) throw new SheetError(id, 'needs at least one measure');
      checkUniqueKeys(id, 'measure', node.measures.map((m) => m.key));
      for (const outcome of node.outcomes) {
        if (outcome.retest !== undefined && !(Number.isInteger(outcome.retest.attempts) && outcome.retest.attempts >= 1 && typeof outcome.retest.minutesApart === 'number' && outcome.retest.minutesApart >= 0)) {
          throw new SheetError(id, `outcome "${outcome.key}": retest needs whole attempts ≥ 1 and minutesApart ≥ 0`);
        }
        if (!outcome.timed && !(typeof outcome.points === 'number' && outcome.points >= 0 && outcome.points <= node.max)) {
          throw new SheetError(id, `outcome "${outcome.key}" needs points inside 0–${node.max}`);
        }
      }
      for (const measure of node.measures) {
        if (!(typeof measure.step === 'number' && measure.step > 0)) throw new SheetError(id, `measure "${measure.key}" needs a positive step`);
        for (const field of ['reference', 'referencePoints'] as const) {
          if (typeof measure[field] !== 'number' || !Number.isFinite(measure[field])) throw new SheetError(id, `measure "${measure.key}" needs a numeric ${field}`);
        }
        if (typeof measure.integer !== 'boolean' || !isText(measure.unit)) throw new SheetError(id, `measure "${measure.key}" needs integer (true/false) and a unit text`);
      }
      return;
  }
}

/**
 * Check a sheet document before anything uses it, so a broken tree fails on load with the node
 * named, not later as a wrong score. The maxima are checked by scoring an empty answers document
 * for every setting of the switch items: each must reach the sheet's declared max.
 */
export function validateSheet(input: unknown, scoreMaxFor: (sheet: Sheet, switches: Record<string, boolean>) => Record<string, number>): Sheet {
  const sheet = input as Sheet;
  if (typeof sheet !== 'object' || sheet === null) throw new SheetError('(sheet)', 'is not an object');
  if (sheet.format !== 'courtesy-sheet/1') throw new SheetError('(sheet)', `format must be "courtesy-sheet/1", not ${JSON.stringify(sheet.format)}`);
  if (typeof sheet.id !== 'string' || !sheet.id) throw new SheetError('(sheet)', 'needs an id');
  if (!Number.isInteger(sheet.version) || sheet.version < 1) throw new SheetError('(sheet)', 'version must be a whole number ≥ 1');
  if (!isText(sheet.title)) throw new SheetError('(sheet)', 'needs a title with zh and en');
  if (typeof sheet.answersFormat !== 'string' || !sheet.answersFormat) throw new SheetError('(sheet)', 'needs an answersFormat, e.g. "courtesy-answers/1"');
  if (!isPoints(sheet.max)) throw new SheetError('(sheet)', 'needs a numeric max');
  if (!Array.isArray(sheet.constraints)) throw new SheetError('(sheet)', 'needs a constraints list (may be empty)');
  if (!Array.isArray(sheet.sections) || sheet.sections.length === 0) throw new SheetError('(sheet)', 'needs sections');
  const ids = new Set<string>();
  for (const section of sheet.sections) {
    if (section.kind !== 'group') throw new SheetError(section.id, 'a top-level node must be a group');
    checkNode(section, ids);
  }
  const switchIds = new Set(sheetItems(sheet).filter((item) => item.kind === 'switch').map((item) => item.id));
  for (const { node } of walkSheet(sheet)) {
    if (node.when) checkCondition(node.id, 'when', node.when.condition, ids);
    if (node.scale) checkCondition(node.id, 'scale', node.scale.when, ids);
    // What changes a max may read only switch items: the maxima are then checkable, setting by setting.
    const maxChanging = [...(node.scale ? [node.scale.when] : []), ...(node.when?.otherwise === 'notScored' ? [node.when.condition] : [])];
    for (const ref of maxChanging.flatMap(conditionItems)) {
      if (!switchIds.has(ref)) throw new SheetError(node.id, `a scale or a notScored condition may read only switch items, not "${ref}"`);
    }
  }
  for (const constraint of sheet.constraints) {
    checkCondition(constraint.id, 'constraint if', constraint.if, ids);
    checkCondition(constraint.id, 'constraint then', constraint.then, ids);
    if (!isText(constraint.message)) throw new SheetError(constraint.id, 'a constraint needs a message');
  }
  const switches = [...switchIds];
  for (let mask = 0; mask < 1 << switches.length; mask++) {
    const setting = Object.fromEntries(switches.map((id, i) => [id, Boolean(mask & (1 << i))]));
    const maxima = scoreMaxFor(sheet, setting);
    for (const { node } of walkSheet(sheet)) {
      if (!isGroup(node)) continue;
      const reached = maxima[node.id];
      // A group excluded by a switch scores nothing at all; otherwise its children must add up.
      if (reached !== 0 && reached !== node.max) {
        throw new SheetError(node.id, `children add up to ${reached}, not the declared max ${node.max} (with ${JSON.stringify(setting)})`);
      }
    }
    if (maxima['(total)'] !== sheet.max) {
      throw new SheetError('(sheet)', `sections add up to ${maxima['(total)']}, not the declared max ${sheet.max} (with ${JSON.stringify(setting)})`);
    }
  }
  return sheet;
}
