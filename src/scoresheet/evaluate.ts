import { AnswersRejected, checkAnswersShape, issue } from './answers';
import { conditionItems, evaluateCondition } from './conditions';
import { isGroup, itemMax, walkSheet } from './sheet';
import { measurePoints } from './timing';
import type {
  Answers,
  AnswersIssue,
  Applicability,
  ItemNode,
  NodeResult,
  ScoreResult,
  Sheet,
  SheetNode,
  Text,
  TimingAnswer,
  BandAnswer,
  VariantBandAnswer,
} from './types';

const NOT_ANSWERED: Text = { zh: '未填', en: 'Not answered' };

const fmt = (n: number) => String(n);
const pts = (n: number): Text => ({ zh: `${fmt(n)} 分`, en: `${fmt(n)} pt${n === 1 ? '' : 's'}` });
const join = (parts: Text[], zhSep: string, enSep: string): Text => ({
  zh: parts.map((p) => p.zh).join(zhSep),
  en: parts.map((p) => p.en).join(enSep),
});
const arrow = (what: Text, n: number): Text => ({ zh: `${what.zh} → ${pts(n).zh}`, en: `${what.en} → ${pts(n).en}` });

interface Scored {
  points: number;
  reason: Text;
  /** false when the answer is there but not finished (a band with no points yet). */
  complete: boolean;
}

/** Points of one present, well-formed answer, before any scale. */
function scoreItem(item: ItemNode, value: unknown): Scored {
  switch (item.kind) {
    case 'switch':
      return { points: 0, complete: true, reason: value ? item.yes : item.no };
    case 'check':
      if (value === 'na') return { points: item.points, complete: true, reason: arrow(item.na!.label, item.points) };
      return value
        ? { points: item.points, complete: true, reason: arrow({ zh: '有', en: 'Yes' }, item.points) }
        : { points: 0, complete: true, reason: arrow({ zh: '無', en: 'No' }, 0) };
    case 'options': {
      if (value === 'na') return { points: item.max, complete: true, reason: arrow(item.na!.label, item.max) };
      const option = item.options.find((o) => o.key === value)!;
      return { points: option.points, complete: true, reason: arrow(shortLabel(option.label), option.points) };
    }
    case 'band': {
      const answer = value as BandAnswer;
      const band = item.bands.find((b) => b.key === answer.band)!;
      return bandScore(band, answer.points);
    }
    case 'variantBand': {
      const answer = value as VariantBandAnswer;
      const variant = item.variants.find((v) => v.key === answer.variant)!;
      const band = variant.bands.find((b) => b.key === answer.band);
      if (!band) return { points: 0, complete: false, reason: { zh: `${variant.key}：未選級距`, en: `${variant.key}: no band chosen` } };
      const scored = bandScore(band, answer.points);
      return { ...scored, reason: { zh: `${variant.key}${scored.reason.zh}`, en: `${variant.key} ${scored.reason.en}` } };
    }
    case 'timing': {
      const answer = value as TimingAnswer;
      const outcome = item.outcomes.find((o) => o.key === answer.outcome)!;
      if (!outcome.timed) return { points: outcome.points!, complete: true, reason: arrow(shortLabel(outcome.label), outcome.points!) };
      const parts: Text[] = [];
      let best = -1;
      for (const measure of item.measures) {
        const x = (answer as unknown as Record<string, number | undefined>)[measure.key];
        if (x === undefined) continue;
        const p = measurePoints(measure, x, item.max);
        best = Math.max(best, p);
        parts.push(arrow({ zh: `${fmt(x)} ${measure.unit.zh}`, en: `${fmt(x)} ${measure.unit.en}` }, p));
      }
      const reason = parts.length > 1 ? join([...parts, { zh: `取高者 ${fmt(best)} 分`, en: `the higher counts: ${fmt(best)}` }], '；', '; ') : parts[0];
      return { points: best, complete: true, reason };
    }
  }
}

function bandScore(band: { key: string; label: Text; min: number; max: number }, points: number | undefined): Scored {
  const range = band.min === band.max ? `${band.min}` : `${band.min}–${band.max}`;
  const what: Text = { zh: `${shortLabel(band.label).zh}（${range}）`, en: `${shortLabel(band.label).en} (${range})` };
  if (points === undefined) return { points: 0, complete: false, reason: { zh: `${what.zh}：未給分`, en: `${what.en}: points not given` } };
  return { points, complete: true, reason: arrow(what, points) };
}

/** The leading number of a label, （２） or ２、, keeps reasons short; the full label is on screen. */
function shortLabel(label: Text): Text {
  const zh = /^(（[０-９0-9]+）|[０-９0-9]+、)/.exec(label.zh)?.[1] ?? label.zh;
  const en = /^(\([0-9]+\)|[0-9]+\.)/.exec(label.en)?.[1] ?? label.en;
  return { zh, en };
}

interface Walk {
  answers: Answers;
  items: Record<string, NodeResult>;
  missing: string[];
  issues: AnswersIssue[];
}

function excludedResult(node: SheetNode, exclusion: Applicability, max: number): NodeResult {
  return { points: 0, max: exclusion.otherwise === 'notScored' ? 0 : max, state: 'excluded', reason: exclusion.reason };
}

/**
 * Score a node. `inherited` is an ancestor's exclusion: once a node is ruled out, every answer
 * under it must be absent, and a present one is an issue naming the rule.
 */
function scoreNode(node: SheetNode, walk: Walk, inherited?: Applicability): NodeResult {
  const own = node.when && evaluateCondition(node.when.condition, walk.answers) === false ? node.when : undefined;
  const exclusion = inherited ?? own;
  const scaled = node.scale && evaluateCondition(node.scale.when, walk.answers) === true ? node.scale.factor : 1;

  let result: NodeResult;
  if (isGroup(node)) {
    const children = node.children.map((child) => scoreNode(child, walk, exclusion));
    const points = children.reduce((sum, r) => sum + r.points, 0) * scaled;
    const max = children.reduce((sum, r) => sum + r.max, 0) * scaled;
    result = exclusion
      ? { ...excludedResult(node, exclusion, max), max: exclusion.otherwise === 'notScored' ? 0 : max }
      : { points, max, state: children.some((r) => r.state === 'missing') ? 'missing' : 'answered', reason: pts(points) };
  } else {
    const max = itemMax(node) * scaled;
    const value = walk.answers[node.id];
    if (exclusion) {
      if (value !== undefined) {
        walk.issues.push(
          issue(node.id, exclusion.rule, `must be absent: ${exclusion.reason.en}`, `此項必須空白：${exclusion.reason.zh}`),
        );
      }
      result = excludedResult(node, exclusion, max);
    } else if (value === undefined) {
      walk.missing.push(node.id);
      result = { points: 0, max, state: 'missing', reason: NOT_ANSWERED };
    } else {
      const scored = scoreItem(node, value);
      if (!scored.complete) walk.missing.push(node.id);
      const points = scored.points * scaled;
      const reason =
        scaled === 1
          ? scored.reason
          : { zh: `${scored.reason.zh} ×${scaled} = ${fmt(points)} 分`, en: `${scored.reason.en} ×${scaled} = ${fmt(points)}` };
      result = { points, max, state: scored.complete ? 'answered' : 'missing', reason };
    }
  }
  walk.items[node.id] = result;
  return result;
}

/**
 * A group's points on the scale it is also reported on (45 points × 2.22 → on 100), rounded half
 * away from zero to the sheet's decimals; capped at that max (45 × 2.22 = 99.9, 55 × 1.82 = 100.1).
 */
export function rescale(points: number, as: { factor: number; max: number; decimals: number }): number {
  const p = 10 ** as.decimals;
  // The tiny nudge keeps 0.5-ish products that floats store as …4999 from rounding down.
  const x = Math.round(points * as.factor * p * (1 + Number.EPSILON * 8)) / p;
  return Math.min(as.max, x);
}

/** Score an answers document that has already passed the shape check. */
function scoreChecked(sheet: Sheet, answers: Answers): { result: ScoreResult; issues: AnswersIssue[] } {
  const walk: Walk = { answers, items: {}, missing: [], issues: [] };
  const sectionResults = sheet.sections.map((section) => scoreNode(section, walk));
  for (const constraint of sheet.constraints) {
    if (evaluateCondition(constraint.if, answers) === true && evaluateCondition(constraint.then, answers) === false) {
      // The item at fault is the one the rule constrains: the first the `then` reads.
      walk.issues.push({ item: conditionItems(constraint.then)[0], rule: constraint.rule, message: constraint.message });
    }
  }
  const sections: Record<string, number> = {};
  for (const { node, depth } of walkSheet(sheet)) {
    if (depth <= 2 && node.kind !== 'switch') sections[node.id] = walk.items[node.id].points;
  }
  const total = sectionResults.reduce((sum, r) => sum + r.points, 0);
  const max = sectionResults.reduce((sum, r) => sum + r.max, 0);
  const reported: Record<string, { points: number; max: number }> = {};
  for (const { node } of walkSheet(sheet)) {
    if (isGroup(node) && node.reportedAs) reported[node.id] = { points: rescale(walk.items[node.id].points, node.reportedAs), max: node.reportedAs.max };
  }
  const result: ScoreResult = {
    sheet: { id: sheet.id, version: sheet.version },
    total,
    max,
    complete: walk.missing.length === 0,
    missing: walk.missing,
    sections,
    items: walk.items,
    ...(Object.keys(reported).length ? { reported } : {}),
  };
  return { result, issues: walk.issues };
}

export type ScoreOutcome = { ok: true; result: ScoreResult } | { ok: false; issues: AnswersIssue[] };

/** Score an answers document, or say every rule it breaks. Never throws for bad input. */
export function tryScore(sheet: Sheet, doc: unknown): ScoreOutcome {
  const shapeIssues = checkAnswersShape(sheet, doc);
  if (shapeIssues.length) return { ok: false, issues: shapeIssues };
  const { result, issues } = scoreChecked(sheet, (doc as { answers: Answers }).answers);
  return issues.length ? { ok: false, issues } : { ok: true, result };
}

/** Score an answers document; throws AnswersRejected (naming item and rule) for one that breaks a rule. */
export function score(sheet: Sheet, doc: unknown): ScoreResult {
  const outcome = tryScore(sheet, doc);
  if (!outcome.ok) throw new AnswersRejected(outcome.issues);
  return outcome.result;
}

/** Group maxima for a setting of the switch items: how validateSheet checks a tree's arithmetic. */
export function maximaFor(sheet: Sheet, switches: Record<string, boolean>): Record<string, number> {
  const { result } = scoreChecked(sheet, switches);
  const maxima: Record<string, number> = { '(total)': result.max };
  for (const [id, r] of Object.entries(result.items)) maxima[id] = r.max;
  return maxima;
}
