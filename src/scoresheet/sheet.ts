import { conditionItems } from './conditions';
import type { Condition, GroupNode, ItemNode, Sheet, SheetNode, TimingItem } from './types';

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

export interface WalkedNode {
  node: SheetNode;
  depth: number;
  parent?: GroupNode;
}

interface SheetIndex {
  walk: readonly WalkedNode[];
  items: readonly ItemNode[];
  byId: ReadonlyMap<string, SheetNode>;
  parents: ReadonlyMap<string, GroupNode>;
}

/**
 * A published sheet is frozen (deepFreeze), so its walk is computed once and shared: the form walks
 * the sheet for every item on every tap, and tap → total is measured (bench: interaction). A sheet
 * still being built (not frozen) is walked afresh each time, so an edit is never hidden by a cache.
 */
const indexes = new WeakMap<Sheet, SheetIndex>();

function indexOf(sheet: Sheet): SheetIndex {
  const hit = indexes.get(sheet);
  if (hit) return hit;
  const walk: WalkedNode[] = [];
  const visit = (node: SheetNode, depth: number, parent?: GroupNode) => {
    walk.push({ node, depth, parent });
    if (isGroup(node)) for (const child of node.children) visit(child, depth + 1, node);
  };
  for (const section of sheet.sections) visit(section, 1);
  const index: SheetIndex = {
    walk: Object.freeze(walk),
    items: Object.freeze(walk.map((w) => w.node).filter((n): n is ItemNode => !isGroup(n))),
    byId: new Map(walk.map((w) => [w.node.id, w.node])),
    parents: new Map(walk.flatMap((w) => (w.parent ? [[w.node.id, w.parent] as const] : []))),
  };
  if (Object.isFrozen(sheet) && Object.isFrozen(sheet.sections)) indexes.set(sheet, index);
  return index;
}

/** Every node in sheet (document) order, with its depth (sections are depth 1) and its group. */
export function walkSheet(sheet: Sheet): readonly WalkedNode[] {
  return indexOf(sheet).walk;
}

/** The answerable items in sheet order. */
export function sheetItems(sheet: Sheet): readonly ItemNode[] {
  return indexOf(sheet).items;
}

export function findNode(sheet: Sheet, id: string): SheetNode | undefined {
  return indexOf(sheet).byId.get(id);
}

/** The group an item or group sits in (undefined for a section). */
export function parentOf(sheet: Sheet, id: string): GroupNode | undefined {
  return indexOf(sheet).parents.get(id);
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

const COMMON_KEYS = ['id', 'kind', 'label', 'note', 'when', 'scale'];
/** The keys each kind of node may carry: a misspelt key ("optons") is an error, not a silent default. */
const NODE_KEYS: Record<string, string[]> = {
  group: ['max', 'children', 'reportedAs'],
  switch: ['yes', 'no'],
  check: ['points', 'na'],
  options: ['max', 'options', 'na'],
  band: ['max', 'bands'],
  variantBand: ['max', 'variants'],
  timing: ['max', 'outcomes', 'measures', 'live'],
};
const SHEET_KEYS = ['format', 'id', 'version', 'title', 'header', 'max', 'answersFormat', 'sections', 'constraints', 'example', 'carriesOver', 'callSteps'];
const OUTCOME_KINDS = new Set(['answered', 'unanswered', 'outOfOrder']);

function checkKeys(id: string, what: string, value: object, allowed: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new SheetError(id, `unknown key "${key}" on ${what} (allowed: ${allowed.join(', ')})`);
  }
}

function checkLiveAndRetest(id: string, node: TimingItem): void {
  if (node.live !== undefined) {
    const live = node.live as unknown as Record<string, unknown>;
    if (typeof live !== 'object' || live === null) throw new SheetError(id, 'live must be { stopwatch?, counter? }');
    checkKeys(id, 'live', live, ['stopwatch', 'counter']);
    const measure = (key: unknown) => node.measures.find((m) => m.key === key);
    if (live.stopwatch !== undefined && (!measure(live.stopwatch) || measure(live.stopwatch)!.integer)) {
      throw new SheetError(id, `live.stopwatch must name a measure in seconds (not whole numbers), not ${JSON.stringify(live.stopwatch)}`);
    }
    if (live.counter !== undefined && !measure(live.counter)?.integer) {
      throw new SheetError(id, `live.counter must name a whole-number measure, not ${JSON.stringify(live.counter)}`);
    }
    if (live.stopwatch !== undefined && live.stopwatch === live.counter) throw new SheetError(id, 'live.stopwatch and live.counter must differ');
  }
  for (const outcome of node.outcomes) {
    if (outcome.kind === undefined) continue;
    if (!OUTCOME_KINDS.has(outcome.kind)) throw new SheetError(id, `outcome "${outcome.key}" kind must be answered, unanswered or outOfOrder, not ${JSON.stringify(outcome.kind)}`);
    if ((outcome.kind === 'answered') !== outcome.timed) throw new SheetError(id, `outcome "${outcome.key}": only a timed outcome is of kind answered`);
  }
  // The retest rule sits on the outcome it leads to (「連打 2 次無人接聽」); the record contract reads it too.
  const retested = node.outcomes.filter((o) => o.retest !== undefined);
  if (retested.length > 1) throw new SheetError(id, `only one outcome may carry a retest rule, not ${retested.map((o) => o.key).join(' and ')}`);
  for (const outcome of retested) {
    checkKeys(id, `outcome "${outcome.key}" retest`, outcome.retest as object, ['attempts', 'minutesApart']);
    if (outcome.timed || outcome.kind !== 'unanswered') throw new SheetError(id, `outcome "${outcome.key}": a retest rule belongs on an untimed outcome of kind unanswered`);
  }
}

function checkReportedAs(id: string, node: GroupNode): void {
  const r = node.reportedAs as unknown as Record<string, unknown> | undefined;
  if (r === undefined) return;
  if (typeof r !== 'object' || r === null) throw new SheetError(id, 'reportedAs must be { factor, max, decimals, label }');
  checkKeys(id, 'reportedAs', r, ['factor', 'max', 'decimals', 'label']);
  if (!(typeof r.factor === 'number' && Number.isFinite(r.factor) && r.factor > 0)) throw new SheetError(id, 'reportedAs.factor must be a positive number');
  if (!(isPoints(r.max) && (r.max as number) > 0)) throw new SheetError(id, 'reportedAs.max must be a positive number');
  if (!(Number.isInteger(r.decimals) && (r.decimals as number) >= 0 && (r.decimals as number) <= 4)) throw new SheetError(id, 'reportedAs.decimals must be a whole number from 0 to 4');
  if (!isText(r.label)) throw new SheetError(id, 'reportedAs needs a label with zh and en');
}

function checkNode(node: SheetNode, ids: Set<string>): void {
  const id = typeof node?.id === 'string' ? node.id : '(no id)';
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new SheetError(id, 'a node must be an object');
  if (typeof node?.id !== 'string' || node.id === '') throw new SheetError(id, 'needs a string id');
  if (!KINDS.has(node.kind)) throw new SheetError(id, `unknown kind "${String(node.kind)}"`);
  checkKeys(id, `a ${node.kind} node`, node, [...COMMON_KEYS, ...NODE_KEYS[node.kind]]);
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
      checkReportedAs(id, node);
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
      checkLiveAndRetest(id, node);
      return;
  }
}

/** { "<earlier version>": { "<its item id>": "<item id here>" } }: every target an item of this sheet. */
function checkCarriesOver(sheet: Sheet, ids: Set<string>): void {
  if (sheet.carriesOver === undefined) return;
  const map = sheet.carriesOver as unknown;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new SheetError('carriesOver', 'must be { "<earlier version>": { "<item id then>": "<item id now>" } }');
  const items = new Set(sheetItems(sheet).map((i) => i.id));
  for (const [version, pairs] of Object.entries(map as Record<string, unknown>)) {
    const v = Number(version);
    if (!Number.isInteger(v) || v < 1 || v >= sheet.version) throw new SheetError(`carriesOver.${version}`, `must name an earlier version (1–${sheet.version - 1})`);
    if (typeof pairs !== 'object' || pairs === null || Array.isArray(pairs)) throw new SheetError(`carriesOver.${version}`, 'must be an object of item id then → item id now');
    const targets = new Set<string>();
    for (const [from, to] of Object.entries(pairs as Record<string, unknown>)) {
      if (typeof to !== 'string' || !items.has(to)) throw new SheetError(`carriesOver.${version}.${from}`, `must name an item of this sheet, not ${JSON.stringify(to)}`);
      if (targets.has(to)) throw new SheetError(`carriesOver.${version}.${from}`, `item "${to}" is the target twice`);
      targets.add(to);
    }
  }
  void ids;
}

/** Freeze a loaded sheet all the way down: a sheet version never changes once loaded. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Check a sheet document before anything uses it, so a broken tree fails on load with the node
 * named, not later as a wrong score. The maxima are checked by scoring an empty answers document
 * for every setting of the switch items: each must reach the sheet's declared max.
 */
export function validateSheet(input: unknown, scoreMaxFor: (sheet: Sheet, switches: Record<string, boolean>) => Record<string, number>): Sheet {
  const sheet = input as Sheet;
  if (typeof sheet !== 'object' || sheet === null || Array.isArray(sheet)) throw new SheetError('(sheet)', 'is not an object');
  checkKeys('(sheet)', 'the sheet', sheet, SHEET_KEYS);
  if (sheet.format !== 'courtesy-sheet/1') throw new SheetError('(sheet)', `format must be "courtesy-sheet/1", not ${JSON.stringify(sheet.format)}`);
  if (typeof sheet.id !== 'string' || !sheet.id) throw new SheetError('(sheet)', 'needs an id');
  if (!Number.isInteger(sheet.version) || sheet.version < 1) throw new SheetError('(sheet)', 'version must be a whole number ≥ 1');
  if (!isText(sheet.title)) throw new SheetError('(sheet)', 'needs a title with zh and en');
  if (typeof sheet.header !== 'object' || sheet.header === null || Array.isArray(sheet.header)) throw new SheetError('(sheet)', 'needs a header object of texts (may be empty)');
  for (const [key, text] of Object.entries(sheet.header)) if (!isText(text)) throw new SheetError(`header.${key}`, 'needs zh and en');
  if (sheet.example !== undefined && typeof sheet.example !== 'boolean') throw new SheetError('(sheet)', 'example must be true or false');
  // The live-call steps belong to the step-by-step screen (its own validator); here only the list.
  if (sheet.callSteps !== undefined && !Array.isArray(sheet.callSteps)) throw new SheetError('(sheet)', 'callSteps must be a list');
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
  checkCarriesOver(sheet, ids);
  if (sheet.callSteps !== undefined) validateCallSteps(sheet);
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

/**
 * The live call's steps: each names items of this sheet, every item is in exactly one step (so the
 * step-by-step screen can finish a test), and the tools point at timing items.
 */
export function validateCallSteps(sheet: Sheet): void {
  const steps = sheet.callSteps;
  if (!Array.isArray(steps) || steps.length === 0) throw new SheetError('callSteps', 'must be a non-empty list when given');
  const items = new Map(sheetItems(sheet).map((item) => [item.id, item]));
  const placed = new Map<string, string>();
  const stepIds = new Set<string>();
  for (const step of steps) {
    const where = `callSteps.${step?.id ?? '?'}`;
    if (typeof step?.id !== 'string' || !step.id || stepIds.has(step.id)) throw new SheetError(where, 'needs a unique id');
    stepIds.add(step.id);
    if (!isText(step.label)) throw new SheetError(where, 'needs a label with zh and en');
    if (step.hint !== undefined && !isText(step.hint)) throw new SheetError(where, 'hint must have zh and en');
    if (!Array.isArray(step.items)) throw new SheetError(where, 'needs an items list');
    for (const id of step.items) {
      if (!items.has(id)) throw new SheetError(where, `names "${id}", which is not an item of the sheet`);
      if (placed.has(id)) throw new SheetError(where, `"${id}" is already in step "${placed.get(id)}"`);
      placed.set(id, step.id);
    }
    for (const tool of ['timer', 'retest'] as const) {
      const id = step[tool];
      if (id !== undefined && items.get(id)?.kind !== 'timing') throw new SheetError(where, `${tool} must name a timing item, not "${id}"`);
    }
  }
  const left = [...items.keys()].filter((id) => !placed.has(id));
  if (left.length) throw new SheetError('callSteps', `every item must be in a step; missing: ${left.join(', ')}`);
}
