// What an admin sees before publishing a version: the form as an outline (every node, its max and
// its choices) and a worked example scored. The example is made by the fill rules themselves:
// every item in sheet order gets its best allowed answer, so it is always a legal, complete sheet
// unless the sheet's own rules make one impossible (then it says which items stayed missing).
import { score } from './evaluate';
import { tapAnswer } from './fillRules';
import { isGroup, itemMax, walkSheet } from './sheet';
import type { AnswerValue, Answers, ItemNode, ScoreResult, Sheet, Text } from './types';

export interface OutlineRow {
  id: string;
  depth: number;
  kind: string;
  label: Text;
  max: number;
  /** Options, bands, variants or outcomes, as "key: label (points)". */
  choices: { key: string; label: Text; points?: string }[];
  note?: Text;
}

export interface SheetPreview {
  sheet: { id: string; version: number; title: Text; max: number; example: boolean; answersFormat: string };
  outline: OutlineRow[];
  example: { answers: Answers; result: ScoreResult };
}

function choicesOf(item: ItemNode): OutlineRow['choices'] {
  switch (item.kind) {
    case 'switch':
      return [{ key: 'true', label: item.yes }, { key: 'false', label: item.no }];
    case 'check':
      return item.na ? [{ key: 'na', label: item.na.label, points: String(item.points) }] : [];
    case 'options':
      return [...item.options.map((o) => ({ key: o.key, label: o.label, points: String(o.points) })), ...(item.na ? [{ key: 'na', label: item.na.label, points: String(item.max) }] : [])];
    case 'band':
      return item.bands.map((b) => ({ key: b.key, label: b.label, points: b.min === b.max ? `${b.min}` : `${b.min}–${b.max}` }));
    case 'variantBand':
      return item.variants.flatMap((v) => v.bands.map((b) => ({ key: `${v.key} ${b.key}`, label: b.label, points: b.min === b.max ? `${b.min}` : `${b.min}–${b.max}` })));
    case 'timing':
      return item.outcomes.map((o) => ({ key: o.key, label: o.label, ...(o.timed ? {} : { points: String(o.points) }) }));
  }
}

/** The answers an item can take, best first (the example picks the first one the rules allow). */
function bestFirst(item: ItemNode): AnswerValue[] {
  switch (item.kind) {
    case 'switch':
      return [true, false];
    case 'check':
      return [true, ...(item.na ? ['na'] : [])];
    case 'options':
      return [...[...item.options].sort((a, b) => b.points - a.points).map((o) => o.key), ...(item.na ? ['na'] : [])];
    case 'band':
      return [...item.bands].sort((a, b) => b.max - a.max).map((b) => ({ band: b.key, points: b.max }));
    case 'variantBand':
      return item.variants.flatMap((v) => [...v.bands].sort((a, b) => b.max - a.max).map((b) => ({ variant: v.key, band: b.key, points: b.max })));
    case 'timing': {
      const timed = item.outcomes.find((o) => o.timed)!;
      // At the reference (e.g. 4 rings): the figure the printed rule starts from.
      return [{ outcome: timed.key, ...Object.fromEntries(item.measures.map((m) => [m.key, m.reference])) } as AnswerValue];
    }
  }
}

export function previewSheet(sheet: Sheet): SheetPreview {
  const outline: OutlineRow[] = [];
  for (const { node, depth } of walkSheet(sheet)) {
    outline.push({
      id: node.id,
      depth,
      kind: node.kind,
      label: node.label,
      max: isGroup(node) ? node.max : itemMax(node),
      choices: isGroup(node) ? [] : choicesOf(node),
      ...(node.note ? { note: node.note } : {}),
    });
  }
  let answers: Answers = {};
  for (const { node } of walkSheet(sheet)) {
    if (isGroup(node) || node.id in answers) continue;
    for (const value of bestFirst(node)) {
      const tapped = tapAnswer(sheet, answers, node.id, value);
      if (tapped.ok && node.id in tapped.answers) {
        answers = tapped.answers;
        break;
      }
    }
  }
  // What the taps filled or cleared is already legal; the scorer confirms it.
  const result = score(sheet, { format: sheet.answersFormat, answers });
  return { sheet: { id: sheet.id, version: sheet.version, title: sheet.title, max: sheet.max, example: Boolean(sheet.example), answersFormat: sheet.answersFormat }, outline, example: { answers, result } };
}

/** The preview as plain text (the CLI's output). */
export function previewText(preview: SheetPreview, lang: keyof Text = 'zh'): string {
  const lines = [`${preview.sheet.title[lang]} — ${preview.sheet.id} v${preview.sheet.version} (max ${preview.sheet.max})${preview.sheet.example ? ' [example]' : ''}`, ''];
  for (const row of preview.outline) {
    const pad = '  '.repeat(row.depth - 1);
    lines.push(`${pad}${row.id}  ${row.label[lang]}${row.kind === 'switch' ? '' : `  [${row.max}]`}`);
    for (const c of row.choices) lines.push(`${pad}    ${c.key}: ${c.label[lang]}${c.points !== undefined ? ` (${c.points})` : ''}`);
  }
  const r = preview.example.result;
  lines.push('', `worked example: ${r.total} / ${r.max}${r.complete ? '' : ` (missing: ${r.missing.join(', ')})`}`);
  lines.push(JSON.stringify({ format: preview.sheet.answersFormat, sheet: { id: preview.sheet.id, version: preview.sheet.version }, answers: preview.example.answers }));
  lines.push(JSON.stringify({ total: r.total, max: r.max, complete: r.complete, sections: r.sections, ...(r.reported ? { reported: r.reported } : {}) }));
  return lines.join('\n') + '\n';
}
