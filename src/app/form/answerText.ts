// One answer in words, for the conflict view and the correction history (the form shows controls).
import type { AnswerValue, BandAnswer, ItemNode, Text, TimingAnswer, VariantBandAnswer } from '../../scoresheet';

const t = (zh: string, en: string): Text => ({ zh, en });

export function answerText(node: ItemNode, value: AnswerValue | undefined): Text {
  if (value === undefined) return t('未填', 'Not answered');
  switch (node.kind) {
    case 'switch':
      return value ? node.yes : node.no;
    case 'check':
      return value === 'na' && node.na ? node.na.label : value ? t('有', 'Yes') : t('無', 'No');
    case 'options':
      return value === 'na' && node.na ? node.na.label : (node.options.find((o) => o.key === value)?.label ?? t(String(value), String(value)));
    case 'band': {
      const a = value as BandAnswer;
      const band = node.bands.find((b) => b.key === a.band);
      return t(`${band?.label.zh ?? a.band} ${a.points ?? '–'} 分`, `${band?.label.en ?? a.band} ${a.points ?? '–'} pts`);
    }
    case 'variantBand': {
      const a = value as VariantBandAnswer;
      const variant = node.variants.find((v) => v.key === a.variant);
      const band = variant?.bands.find((b) => b.key === a.band);
      return t(`${a.variant} ${band?.label.zh ?? ''} ${a.points ?? '–'} 分`, `${a.variant} ${band?.label.en ?? ''} ${a.points ?? '–'} pts`);
    }
    case 'timing': {
      const a = value as TimingAnswer;
      const outcome = node.outcomes.find((o) => o.key === a.outcome);
      const parts = node.measures
        .filter((m) => (a as Record<string, unknown>)[m.key] !== undefined)
        .map((m) => ({ zh: `${(a as Record<string, unknown>)[m.key]} ${m.unit.zh}`, en: `${(a as Record<string, unknown>)[m.key]} ${m.unit.en}` }));
      const label = outcome?.label ?? t(a.outcome, a.outcome);
      return t([label.zh, ...parts.map((p) => p.zh)].join('，'), [label.en, ...parts.map((p) => p.en)].join(', '));
    }
  }
}
