import type { AnswersDocument, AnswersIssue, ItemNode, Sheet, Text, Band } from './types';
import { sheetItems } from './sheet';

/** An answers document that breaks a rule. It is never scored; `issues` name each item and rule. */
export class AnswersRejected extends Error {
  constructor(readonly issues: AnswersIssue[]) {
    super(issues.map((i) => issueText(i)).join('; '));
    this.name = 'AnswersRejected';
  }
}

export function issueText(issue: AnswersIssue, lang: keyof Text = 'en'): string {
  return `${issue.item}: ${issue.message[lang]} (${issue.rule})`;
}

export function issue(item: string, rule: string, en: string, zh: string): AnswersIssue {
  return { item, rule, message: { en, zh } };
}

const FORMAT_RULE = 'answers format';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function unknownFields(id: string, value: Record<string, unknown>, allowed: string[]): AnswersIssue[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => issue(id, FORMAT_RULE, `unknown field "${key}" (allowed: ${allowed.join(', ')})`, `不認得的欄位「${key}」（可用：${allowed.join('、')}）`));
}

function checkBandPoints(id: string, bands: Band[], value: Record<string, unknown>, where: string): AnswersIssue[] {
  if (value.band === undefined) {
    return value.points === undefined ? [] : [issue(id, 'rule 7 (bands)', 'points given without a band', '有分數但未選級距')];
  }
  const band = bands.find((b) => b.key === value.band);
  if (!band) {
    const keys = bands.map((b) => b.key).join(', ');
    return [issue(id, FORMAT_RULE, `unknown band ${show(value.band)}${where} (one of ${keys})`, `不認得的級距 ${show(value.band)}${where}（可選 ${keys}）`)];
  }
  if (value.points === undefined) return [];
  if (typeof value.points !== 'number' || !Number.isInteger(value.points)) {
    return [issue(id, 'rule 7 (bands)', `points must be a whole number, not ${show(value.points)}`, `分數必須是整數，不可為 ${show(value.points)}`)];
  }
  if (value.points < band.min || value.points > band.max) {
    return [issue(id, 'rule 7 (bands)', `points ${value.points} are outside band ${band.key} (${band.min}–${band.max})`, `分數 ${value.points} 不在級距 ${band.key}（${band.min}–${band.max}）內`)];
  }
  return [];
}

/** The shape of one item's answer, by its kind. Cross-item rules are checked by the evaluator. */
export function checkItemAnswer(item: ItemNode, value: unknown): AnswersIssue[] {
  const id = item.id;
  switch (item.kind) {
    case 'switch':
      return typeof value === 'boolean' ? [] : [issue(id, FORMAT_RULE, `must be true or false, not ${show(value)}`, `必須是 true 或 false，不可為 ${show(value)}`)];
    case 'check':
      if (typeof value === 'boolean' || (value === 'na' && item.na)) return [];
      if (value === 'na') return [issue(id, 'rule 4 (not applicable)', '"na" is not allowed for this item', '本項不可填 na（不適用）')];
      return [issue(id, FORMAT_RULE, `must be true or false${item.na ? ' or "na"' : ''}, not ${show(value)}`, `必須是 true 或 false${item.na ? ' 或 "na"' : ''}，不可為 ${show(value)}`)];
    case 'options': {
      if (value === 'na') {
        return item.na ? [] : [issue(id, 'rule 4 (not applicable)', '"na" is not allowed for this item', '本項不可填 na（不適用）')];
      }
      if (typeof value === 'string' && item.options.some((o) => o.key === value)) return [];
      const keys = item.options.map((o) => o.key).join(', ') + (item.na ? ', na' : '');
      return [issue(id, FORMAT_RULE, `unknown option ${show(value)} (one of ${keys})`, `不認得的選項 ${show(value)}（可選 ${keys}）`)];
    }
    case 'band':
      if (!isPlainObject(value)) return [issue(id, FORMAT_RULE, 'must be { "band", "points" }', '必須是 { "band", "points" }')];
      if (value.band === undefined && value.points === undefined) {
        // An answer object names at least its band; "not answered" is an absent key.
        return [issue(id, FORMAT_RULE, 'must name a band (leave the item out when it is not answered)', '必須選級距（未作答時請省略此項）')];
      }
      return [...unknownFields(id, value, ['band', 'points']), ...checkBandPoints(id, item.bands, value, '')];
    case 'variantBand': {
      if (!isPlainObject(value)) return [issue(id, FORMAT_RULE, 'must be { "variant", "band", "points" }', '必須是 { "variant", "band", "points" }')];
      const issues = unknownFields(id, value, ['variant', 'band', 'points']);
      const variant = item.variants.find((v) => v.key === value.variant);
      if (!variant) {
        const keys = item.variants.map((v) => v.key).join(', ');
        return [...issues, issue(id, FORMAT_RULE, `variant must be one of ${keys}, not ${show(value.variant)}`, `情形必須是 ${keys} 之一，不可為 ${show(value.variant)}`)];
      }
      return [...issues, ...checkBandPoints(id, variant.bands, value, ` in variant ${variant.key}`)];
    }
    case 'timing': {
      if (!isPlainObject(value)) return [issue(id, FORMAT_RULE, 'must be { "outcome", "rings"?, "seconds"? }', '必須是 { "outcome", "rings"?, "seconds"? }')];
      const issues = unknownFields(id, value, ['outcome', ...item.measures.map((m) => m.key)]);
      const outcome = item.outcomes.find((o) => o.key === value.outcome);
      if (!outcome) {
        const keys = item.outcomes.map((o) => o.key).join(', ');
        issues.push(issue(id, 'rule 1 (timing)', `outcome must be one of ${keys}, not ${show(value.outcome)}`, `結果必須是 ${keys} 之一，不可為 ${show(value.outcome)}`));
      }
      let measured = 0;
      for (const measure of item.measures) {
        const x = value[measure.key];
        if (x === undefined) continue;
        measured++;
        const ok = typeof x === 'number' && Number.isFinite(x) && x >= 0 && (!measure.integer || Number.isInteger(x));
        if (!ok) {
          const kind = measure.integer ? 'a whole number ≥ 0' : 'a number ≥ 0';
          issues.push(issue(id, 'rule 1 (timing)', `${measure.key} must be ${kind}, not ${show(x)}`, `${measure.label.zh}必須是${measure.integer ? '≥ 0 的整數' : '≥ 0 的數字'}，不可為 ${show(x)}`));
        }
      }
      if (outcome?.timed && measured === 0) {
        const keys = item.measures.map((m) => m.key).join(' or ');
        issues.push(issue(id, 'rule 1 (timing)', `outcome ${outcome.key} needs ${keys}`, `「${outcome.label.zh.slice(0, 12)}」須填${item.measures.map((m) => m.label.zh).join('或')}`));
      }
      return issues;
    }
  }
}

/** The envelope and every answer's shape. Returns the issues; empty means the shapes are right. */
export function checkAnswersShape(sheet: Sheet, doc: unknown): AnswersIssue[] {
  if (!isPlainObject(doc)) return [issue('(document)', FORMAT_RULE, 'an answers document must be a JSON object', '答案文件必須是 JSON 物件')];
  if (doc.format !== sheet.answersFormat) {
    return [issue('format', FORMAT_RULE, `must be "${sheet.answersFormat}", not ${show(doc.format)}`, `必須是 "${sheet.answersFormat}"，不可為 ${show(doc.format)}`)];
  }
  if (!isPlainObject(doc.answers)) return [issue('answers', FORMAT_RULE, 'must be an object of item id → answer', '必須是「項目編號 → 答案」的物件')];
  const items = new Map(sheetItems(sheet).map((item) => [item.id, item]));
  const issues: AnswersIssue[] = [];
  for (const [key, value] of Object.entries(doc.answers)) {
    const item = items.get(key);
    if (!item) {
      issues.push(issue(key, FORMAT_RULE, `unknown item "${key}" on sheet ${sheet.id} v${sheet.version}`, `量表 ${sheet.id} v${sheet.version} 沒有項目「${key}」`));
      continue;
    }
    issues.push(...checkItemAnswer(item, value));
  }
  return issues;
}

export function asAnswersDocument(doc: unknown): AnswersDocument {
  return doc as AnswersDocument;
}
