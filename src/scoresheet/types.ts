// The sheet as data. A sheet is a JSON document (see sheets/*.json) that the one generic evaluator
// walks; nothing in this folder knows an item id of 附表3. Keep these types JSON-serialisable.

/** A text in both UI languages; `zh` is the printed sheet's wording, verbatim. */
export interface Text {
  zh: string;
  en: string;
}

/**
 * A condition over answers. It is three-valued: an absent answer makes it unknown, and an unknown
 * condition neither excludes a node nor triggers a rule (a partial sheet is never rejected for
 * what has not been answered yet).
 */
export type Condition =
  | { item: string; field?: string; equals: AnswerScalar }
  | { item: string; field?: string; in: AnswerScalar[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export type AnswerScalar = string | number | boolean;

/** When a node applies. Known false: its items must be absent and it scores 0. */
export interface Applicability {
  condition: Condition;
  /** `notScored`: the node's max leaves the total too (it is substituted); `zero`: it keeps its max and scores 0. */
  otherwise: 'notScored' | 'zero';
  /** Which rule of the scoring contract this is, named in messages, e.g. "rule 2". */
  rule: string;
  /** Shown as the reason of every item it excludes. */
  reason: Text;
}

/** Multiply a node's points and max when a condition is known true (e.g. ×2.5 without a voice system). */
export interface Scale {
  factor: number;
  when: Condition;
  rule: string;
}

/** "Not applicable" is an allowed answer, and it earns full marks. */
export interface NotApplicable {
  label: Text;
  rule: string;
}

/**
 * A figure reported next to a group's points on another scale, e.g. a city that reports its
 * 45-point switchboard part on 100 (× 2.22). It never changes the total; it is rounded half away
 * from zero to `decimals` places because the factor is the sheet's own, already rounded, number.
 */
export interface ReportedAs {
  factor: number;
  max: number;
  decimals: number;
  label: Text;
}

interface NodeBase {
  id: string;
  label: Text;
  /** The sheet's own note on the item, e.g. （註：毋需轉接…）. */
  note?: Text;
  when?: Applicability;
  scale?: Scale;
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  max: number;
  children: SheetNode[];
  reportedAs?: ReportedAs;
}

/** A yes/no answer that scores nothing itself but steers other nodes (□是□否 設電話語音系統). */
export interface SwitchItem extends NodeBase {
  kind: 'switch';
  yes: Text;
  no: Text;
}

export interface CheckItem extends NodeBase {
  kind: 'check';
  points: number;
  na?: NotApplicable;
}

export interface Option {
  key: string;
  label: Text;
  points: number;
}

export interface OptionsItem extends NodeBase {
  kind: 'options';
  max: number;
  options: Option[];
  na?: NotApplicable;
}

export interface Band {
  key: string;
  label: Text;
  min: number;
  max: number;
}

export interface BandItem extends NodeBase {
  kind: 'band';
  max: number;
  bands: Band[];
}

export interface Variant {
  key: string;
  label: Text;
  bands: Band[];
}

/** Pick a variant (甲/乙), then a band of it, then whole points inside the band. */
export interface VariantBandItem extends NodeBase {
  kind: 'variantBand';
  max: number;
  variants: Variant[];
}

/**
 * One way of timing an answer. Points = clamp(referencePoints − ceil((x − reference) / step), 0, max):
 * "4 聲或 10 秒內 8 分；每增減一聲或 3 秒，即增減 1 分，最多 10 分".
 */
export interface Measure {
  key: string;
  label: Text;
  unit: Text;
  integer: boolean;
  reference: number;
  referencePoints: number;
  step: number;
}

/**
 * What kind of call an outcome is, as the live-call tools see it. The words are the attempt log's
 * (a record's `attempts[].outcome`): `answered` is timed by the tools; an `unanswered` or
 * `outOfOrder` outcome is one tap that logs the attempt and sets the answer.
 */
export type OutcomeKind = 'answered' | 'unanswered' | 'outOfOrder';

export interface Outcome {
  key: string;
  label: Text;
  /** true: scored by the measures (the better one counts); false: scores `points`. */
  timed: boolean;
  points?: number;
  /** Optional: a timed outcome is `answered`; an untimed one without a kind gets no live-call button. */
  kind?: OutcomeKind;
  retest?: RetestRule;
}

/** Which measures the live-call tools fill: a stopwatch (seconds from dialling) and a tap counter. */
export interface LiveTools {
  /** Key of a measure counted in seconds, filled by the stopwatch. */
  stopwatch?: string;
  /** Key of a whole-number measure, counted one tap at a time (rings). */
  counter?: string;
}

/**
 * 「連打 2 次無人接聽（隔 10 分鐘後再測 1 次）」 as data, on the outcome it leads to: the outcome stands
 * only after `attempts` logged unanswered attempts; the record contract asks the first and last to be at
 * least `minutesApart` apart, and the form asks each attempt to wait that long after the previous one.
 */
export interface RetestRule {
  attempts: number;
  minutesApart: number;
}

export interface TimingItem extends NodeBase {
  kind: 'timing';
  max: number;
  outcomes: Outcome[];
  measures: Measure[];
  live?: LiveTools;
}

export type ItemNode = SwitchItem | CheckItem | OptionsItem | BandItem | VariantBandItem | TimingItem;
export type SheetNode = GroupNode | ItemNode;
export type ItemKind = ItemNode['kind'];

/** A cross-item rule: whenever `if` is known true, `then` must not be known false. */
export interface Constraint {
  id: string;
  if: Condition;
  then: Condition;
  rule: string;
  /** Names the items and what is expected of them. */
  message: Text;
}

export interface Sheet {
  format: 'courtesy-sheet/1';
  /** Stable id of the form, e.g. "bsmi-fubiao3". */
  id: string;
  /** Bumped on any change that could change a score. */
  version: number;
  title: Text;
  /** Texts of the printed form that are not items (header fields, total line). */
  header: Record<string, Text>;
  max: number;
  /** The answers format this sheet reads, e.g. "courtesy-answers/1". */
  answersFormat: string;
  sections: GroupNode[];
  constraints: Constraint[];
  /** Marks a sheet shipped as an example (another agency's variant), never one in force for BSMI. */
  example?: boolean;
  /**
   * Items that carry over from an earlier version of this sheet, by id in that version → id here,
   * so item losses can follow an item across versions: { "1": { "1.3.1": "1.3.1" } }. An item of
   * an earlier version not listed here is a different item (reported apart).
   */
  carriesOver?: Record<string, Record<string, string>>;
  /** The call, step by step, for the live-call screen (optional: without it the full sheet is the only view). */
  callSteps?: CallStep[];
}

/** Which sheet a record was filled on. */
export interface SheetRef {
  id: string;
  version: number;
}

/**
 * One step of a live call, in the order the call happens (撥號 → 總機 → 轉接 → …). The live-call
 * screen reads these and knows no item ids: another sheet brings its own steps.
 */
export interface CallStep {
  id: string;
  label: Text;
  /** What the tester hears at this step, shown small under its name. */
  hint?: Text;
  /** The items this step settles, in the order they come up; every item of the sheet is in exactly one step. */
  items: string[];
  /** A timing item whose stopwatch and ring counter are this step's big tools (it may be settled in a later step). */
  timer?: string;
  /** A timing item whose unanswered-call log and 10-minute retest countdown this step offers. */
  retest?: string;
}

// ---- answers ---------------------------------------------------------------------------------

export type TimingAnswer = { outcome: string; rings?: number; seconds?: number };
export type BandAnswer = { band: string; points?: number };
export type VariantBandAnswer = { variant: string; band?: string; points?: number };
export type AnswerValue = boolean | string | TimingAnswer | BandAnswer | VariantBandAnswer;
export type Answers = Record<string, AnswerValue>;

export interface AnswersDocument {
  format: string;
  answers: Answers;
  [extra: string]: unknown;
}

// ---- results ---------------------------------------------------------------------------------

/**
 * answered: scored from the answer; missing: required but not (fully) answered, counts 0;
 * excluded: a known condition rules it out (scores 0, and its max leaves the total when notScored).
 */
export type ItemState = 'answered' | 'missing' | 'excluded';

export interface NodeResult {
  points: number;
  max: number;
  state: ItemState;
  /** A short human reason, e.g. 「3 聲 → 9 分」. */
  reason: Text;
}

export interface ScoreResult {
  sheet: { id: string; version: number };
  total: number;
  max: number;
  complete: boolean;
  /** Ids of required items not answered, in sheet order. */
  missing: string[];
  /** Points of every group and scored item down to the second level (as the spec's example). */
  sections: Record<string, number>;
  /** Points, max, state and reason of every node (groups and items). */
  items: Record<string, NodeResult>;
  /** Groups the sheet also reports on another scale (see ReportedAs), by group id. */
  reported?: Record<string, { points: number; max: number }>;
}

/** One broken rule in an answers document. */
export interface AnswersIssue {
  /** The item (or field) at fault, e.g. "1.1.2" or "format". */
  item: string;
  /** The rule broken, e.g. "rule 5" or "format". */
  rule: string;
  message: Text;
}
