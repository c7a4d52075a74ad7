// Every item and every option of 附表3 scores as the spec's table says. Table-driven: start from a
// fixed complete document worth 100, change one item (plus the companions the rules demand), and
// check the item's points and the change in the total. Labels are checked against the printed sheet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentSheet, findNode, type SheetNode } from '../../src/scoresheet';
import { fullAnswers, patch, scored, SHEET_ORDER, UNIT_COURTESY_ITEMS, VOICE_ITEMS, OPERATOR_COURTESY_ITEMS } from './helpers';

// ---- the spec's table ------------------------------------------------------------------------

/** Option items: letter → points, straight from the table ("na" where rule 4 allows it). */
const OPTION_TABLE: Record<string, { max: number; options: Record<string, number>; na?: boolean }> = {
  '1.1.1': { max: 5, options: { a: 5, b: 3, c: 0 } },
  '1.1.2': { max: 5, options: { a: 5, b: 3, c: 0 } },
  '1.1.3': { max: 3, options: { a: 3, b: 2, c: 1, d: 0 } },
  '1.1.4': { max: 2, options: { a: 2, b: 1 } },
  '1.3.5': { max: 3, options: { a: 3, b: 2, c: 0 }, na: true },
  '1.3.7': { max: 2, options: { a: 2, b: 0 }, na: true },
  '1.3.8': { max: 2, options: { a: 2, b: 1, c: 0 } },
  '2.1.2': { max: 5, options: { a: 5, b: 0, c: 0 }, na: true },
  '2.2.1': { max: 10, options: { a: 10, b: 5, c: 3, d: 0 } },
};

const CHECK_TABLE: Record<string, number> = {
  '1.3.1': 3,
  '1.3.2': 3,
  '1.3.3': 3,
  '1.3.4': 2,
  '1.3.6': 2,
  '2.2.2': 5,
};

const BANDS_2_2_3: Record<string, [number, number]> = { a: [8, 10], b: [5, 7], c: [3, 4], d: [0, 0] };
const BANDS_2_3: Record<string, Record<string, [number, number]>> = {
  甲: { a: [12, 15], b: [8, 11], c: [4, 7], d: [0, 0] },
  乙: { a: [14, 15], b: [12, 13], c: [10, 11], d: [8, 9], e: [6, 7], f: [0, 0] },
};

const MAXIMA: Record<string, number> = {
  '1': 45, '1.1': 15, '1.2': 10, '1.3': 20, '2': 55, '2.1': 15, '2.2': 25, '2.3': 15,
  '1.1.1': 5, '1.1.2': 5, '1.1.3': 3, '1.1.4': 2,
  '1.3.1': 3, '1.3.2': 3, '1.3.3': 3, '1.3.4': 2, '1.3.5': 3, '1.3.6': 2, '1.3.7': 2, '1.3.8': 2,
  '2.1.1': 10, '2.1.2': 5, '2.2.1': 10, '2.2.2': 5, '2.2.3': 10,
};

/**
 * The companions the rules require when an item takes a given value, from the full document:
 * rule 5 (1.1.1 = c empties 1.1.2–4), rule 4 (1.3.5/1.3.6 na together; 2.1.2 na only when someone
 * answered), rule 6 (2.1.2 a → forwarded, 乙; b/c → 2.2.*, 2.3 absent).
 */
function withValue(id: string, value: unknown): Record<string, unknown> {
  const base = fullAnswers();
  if (id === '1.1.1' && value === 'c') return patch(base, { [id]: value }, ['1.1.2', '1.1.3', '1.1.4']);
  if ((id === '1.3.5' || id === '1.3.6') && value === 'na') return patch(base, { '1.3.5': 'na', '1.3.6': 'na' });
  if (id === '2.1.2' && value !== 'na') {
    const unanswered = { '2.1.1': { outcome: 'unanswered' }, '2.1.2': value };
    if (value === 'a') return patch(base, { ...unanswered, '2.3': { variant: '乙', band: 'a', points: 15 } });
    return patch(base, unanswered, [...UNIT_COURTESY_ITEMS, '2.3']);
  }
  return patch(base, { [id]: value });
}

/** Total lost versus 100 by the companions alone (what withValue changes besides the item). */
function companionLoss(id: string, value: unknown): number {
  if (id === '1.1.1' && value === 'c') return 5 + 3 + 2; // 1.1.2–4 score 0 (rule 5)
  if (id === '2.1.2' && value !== 'na') return value === 'a' ? 10 : 10 + 25 + 15; // 2.1.1 unanswered = 0; b/c also lose 2.2 and 2.3
  return 0;
}

describe('the full reference document', () => {
  it('is complete and worth exactly 100', () => {
    const r = scored(fullAnswers());
    expect(r.total).toBe(100);
    expect(r.max).toBe(100);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.sections).toEqual({ '1': 45, '1.1': 15, '1.2': 10, '1.3': 20, '2': 55, '2.1': 15, '2.2': 25, '2.3': 15 });
  });

  it.each(Object.entries(MAXIMA))('item %s has max %d as the table says', (id, max) => {
    const r = scored(fullAnswers());
    expect(r.items[id].max).toBe(max);
    expect(r.items[id].points).toBe(max);
    expect(r.items[id].state).toBe('answered');
  });

  it('reports the sheet id and version that scored it', () => {
    const r = scored(fullAnswers());
    expect(r.sheet).toEqual({ id: currentSheet.id, version: currentSheet.version });
    expect(typeof r.sheet.version).toBe('number');
  });
});

describe('option items: every option scores as the table says', () => {
  const rows = Object.entries(OPTION_TABLE).flatMap(([id, row]) => [
    ...Object.entries(row.options).map(([key, points]) => ({ id, key, points, max: row.max })),
    ...(row.na ? [{ id, key: 'na', points: row.max, max: row.max }] : []),
  ]);

  it.each(rows)('$id = $key → $points', ({ id, key, points, max }) => {
    const r = scored(withValue(id, key));
    expect(r.items[id].points).toBe(points);
    expect(r.items[id].max).toBe(max);
    expect(r.total).toBe(100 - (max - points) - companionLoss(id, key));
    expect(r.complete).toBe(true);
    // Every item has a human reason in both languages.
    expect(r.items[id].reason.zh.length).toBeGreaterThan(0);
    expect(r.items[id].reason.en.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(OPTION_TABLE))('%s offers exactly the options of the printed sheet', (id, row) => {
    const node = findNode(currentSheet, id);
    expect(node?.kind).toBe('options');
    if (node?.kind !== 'options') return;
    expect(node.options.map((o) => [o.key, o.points])).toEqual(Object.entries(row.options));
    expect(node.max).toBe(row.max);
    expect(Boolean(node.na)).toBe(Boolean(row.na));
  });
});

describe('check items', () => {
  it.each(Object.entries(CHECK_TABLE))('%s: true → %d, false → 0', (id, points) => {
    const yes = scored(withValue(id, true));
    const no = scored(withValue(id, false));
    expect(yes.items[id].points).toBe(points);
    expect(no.items[id].points).toBe(0);
    expect(yes.total - no.total).toBe(points);
    expect(no.total).toBe(100 - points);
  });

  it('1.3.6 = na (with 1.3.5 = na) earns its full 2', () => {
    const r = scored(withValue('1.3.6', 'na'));
    expect(r.items['1.3.6'].points).toBe(2);
    expect(r.items['1.3.5'].points).toBe(3);
    expect(r.total).toBe(100);
  });
});

describe('band items', () => {
  const rows223 = Object.entries(BANDS_2_2_3).flatMap(([band, [lo, hi]]) =>
    Array.from({ length: hi - lo + 1 }, (_, i) => ({ band, points: lo + i })),
  );
  it.each(rows223)('2.2.3 band $band, $points points', ({ band, points }) => {
    const r = scored(withValue('2.2.3', { band, points }));
    expect(r.items['2.2.3'].points).toBe(points);
    expect(r.total).toBe(100 - (10 - points));
    expect(r.sections['2.2']).toBe(15 + points);
  });

  const rows23 = Object.entries(BANDS_2_3).flatMap(([variant, bands]) =>
    Object.entries(bands).flatMap(([band, [lo, hi]]) =>
      Array.from({ length: hi - lo + 1 }, (_, i) => ({ variant, band, points: lo + i })),
    ),
  );
  it.each(rows23)('2.3 variant $variant band $band, $points points', ({ variant, band, points }) => {
    const r = scored(withValue('2.3', { variant, band, points }));
    expect(r.items['2.3'].points).toBe(points);
    expect(r.sections['2.3']).toBe(points);
    expect(r.total).toBe(100 - (15 - points));
  });

  it('the bands of 2.2.3 and both variants of 2.3 are exactly the printed ones', () => {
    const n223 = findNode(currentSheet, '2.2.3');
    expect(n223?.kind).toBe('band');
    if (n223?.kind === 'band') expect(Object.fromEntries(n223.bands.map((b) => [b.key, [b.min, b.max]]))).toEqual(BANDS_2_2_3);
    const n23 = findNode(currentSheet, '2.3');
    expect(n23?.kind).toBe('variantBand');
    if (n23?.kind === 'variantBand') {
      expect(Object.fromEntries(n23.variants.map((v) => [v.key, Object.fromEntries(v.bands.map((b) => [b.key, [b.min, b.max]]))]))).toEqual(BANDS_2_3);
    }
  });
});

describe('timing items and outcomes', () => {
  it.each([
    ['1.2', { outcome: 'answered', rings: 4 }, 8],
    ['1.2', { outcome: 'answered', seconds: 10 }, 8],
    ['2.1.1', { outcome: 'answered', rings: 5 }, 7],
    ['2.1.1', { outcome: 'answered', seconds: 12.5 }, 7],
  ])('%s %j → %d', (id, value, points) => {
    const r = scored(withValue(id, value));
    expect(r.items[id].points).toBe(points);
    expect(r.total).toBe(100 - (10 - points));
  });

  it.each(['unansweredTwice', 'outOfOrder'])('1.2 outcome %s scores 0 and takes 1.3 down to 0 (rule 3)', (outcome) => {
    const r = scored(patch(fullAnswers(), { '1.2': { outcome } }, OPERATOR_COURTESY_ITEMS));
    expect(r.items['1.2'].points).toBe(0);
    expect(r.sections['1.3']).toBe(0);
    expect(r.sections['1']).toBe(15);
    expect(r.total).toBe(100 - 10 - 20);
    expect(r.complete).toBe(true);
  });

  it('2.1.1 unanswered scores 0', () => {
    const r = scored(withValue('2.1.2', 'b'));
    expect(r.items['2.1.1'].points).toBe(0);
    expect(r.total).toBe(100 - 10 - 5 - 25 - 15);
  });
});

describe('no voice system (rule 2) on the reference document', () => {
  it('1.1 leaves the sheet, 1.2 counts ×2.5, max stays 100', () => {
    const r = scored(patch(fullAnswers(), { voiceSystem: false }, VOICE_ITEMS));
    expect(r.items['1.2'].points).toBe(25);
    expect(r.items['1.2'].max).toBe(25);
    expect(r.sections['1']).toBe(45);
    expect(r.total).toBe(100);
    expect(r.max).toBe(100);
  });
});

// ---- labels: verbatim from the printed sheet ------------------------------------------------

const seedLines = readFileSync(new URL('../fixtures/seeds/000_07bcc5c31e86cc3b.txt', import.meta.url), 'utf8').split('\n');
const annexStart = seedLines.findIndex((l) => l.includes('【附表 3】'));
const annex = seedLines.slice(annexStart).join('\n');
/** The printed sheet wraps long lines; compare with whitespace removed. */
const squash = (s: string) => s.replace(/\s+/g, '');
const annexSquashed = squash(annex);

describe('labels are the printed sheet, verbatim', () => {
  it('finds 【附表 3】 in the seed', () => {
    expect(annexStart).toBeGreaterThan(1000);
    expect(annex).toContain('經濟部標準檢驗局電話禮貌測試量表');
  });

  const label = (id: string) => findNode(currentSheet, id)?.label.zh;
  const optionLabel = (id: string, key: string) => {
    const node = findNode(currentSheet, id);
    return node?.kind === 'options' ? node.options.find((o) => o.key === key)?.label.zh : undefined;
  };
  const bandLabel = (id: string, key: string, variant?: string) => {
    const node = findNode(currentSheet, id);
    if (node?.kind === 'band') return node.bands.find((b) => b.key === key)?.label.zh;
    if (node?.kind === 'variantBand') return node.variants.find((v) => v.key === variant)?.bands.find((b) => b.key === key)?.label.zh;
    return undefined;
  };

  // Typed from the seed text (lines ~1499–1850), full-width numbering and the sheet's own typos included.
  it.each([
    [() => label('1'), '一、總機接聽'],
    [() => label('1.1'), '（一）電話語音系統接聽速度'],
    [() => label('1.1.1'), '１、電話語音總機接聽情形'],
    [() => optionLabel('1.1.1', 'a'), '（１）4 聲或 10 秒內獲得接聽服務。'],
    [() => label('1.1.3'), '３、電話語音系統於 10 秒內能讓民眾獲知總機號碼之轉接服務：'],
    [() => optionLabel('1.1.4', 'b'), '（２）語音口氣平淡。'],
    [() => label('1.3'), '（三）總機人員電話禮貌'],
    [() => label('1.3.1'), '１、接話時，首先清晰報明單位。'],
    [() => label('1.3.2'), '２、說「您好」、「早安」等問候語。'],
    [() => label('1.3.6'), '６、轉接電話時，說「幫您轉接，請稍候」等禮貌用語。'],
    [() => optionLabel('1.3.8', 'c'), '（３）語調急躁、不耐煩。'],
    [() => label('2'), '二、業務單位接聽電話'],
    [() => label('2.1'), '（一）接聽速度'],
    [() => label('2.2.1'), '１、接話應對情形'],
    [() => label('2.2.2'), '２、結束時，有禮貌性用語（如「謝謝」、「再見」、「不客氣」等），並讓來電先掛電話。'],
    [() => bandLabel('2.2.3', 'c'), '（３）語調急燥、不耐煩。'],
    [() => bandLabel('2.3', 'f', '乙'), '６、逕回答他不在/非所承辦業務，無意進一步處理。'],
    [() => bandLabel('2.3', 'b', '甲'), '２、解說尚可（對相關作業程序及主管法規簡單說明）。'],
    [() => label('2.3'), '（三）答話內容：分甲、乙兩種情形，依實際接聽情形擇一選填。'],
  ])('label %# is verbatim', (get, expected) => {
    expect(get()).toBe(expected);
    expect(annexSquashed).toContain(squash(expected));
  });

  it('the 1.3.5 note is the printed one', () => {
    expect(findNode(currentSheet, '1.3.5')?.note?.zh).toBe('（註：毋需轉接即能充分提供所詢問之資訊時，第５、６項給分）');
  });

  it('every item, option, band and variant label appears in the printed sheet (line wraps aside)', () => {
    const texts: string[] = [];
    const visit = (node: SheetNode) => {
      texts.push(node.label.zh);
      if (node.note) texts.push(node.note.zh);
      switch (node.kind) {
        case 'group':
          node.children.forEach(visit);
          break;
        case 'switch':
          texts.push(node.yes.zh, node.no.zh);
          break;
        case 'options':
          texts.push(...node.options.map((o) => o.label.zh));
          break;
        case 'band':
          texts.push(...node.bands.map((b) => b.label.zh));
          break;
        case 'variantBand':
          for (const v of node.variants) texts.push(v.label.zh, ...v.bands.map((b) => b.label.zh));
          break;
        case 'timing':
          texts.push(...node.outcomes.map((o) => o.label.zh));
          break;
      }
    };
    currentSheet.sections.forEach(visit);
    expect(texts.length).toBeGreaterThan(60);
    const notFound = texts.filter((t) => !annexSquashed.includes(squash(t)));
    expect(notFound).toEqual([]);
  });

  it('every item of the table is on the sheet, in the printed order', () => {
    const ids: string[] = [];
    const visit = (node: SheetNode) => (node.kind === 'group' ? node.children.forEach(visit) : ids.push(node.id));
    currentSheet.sections.forEach(visit);
    expect(ids).toEqual(SHEET_ORDER);
  });
});
