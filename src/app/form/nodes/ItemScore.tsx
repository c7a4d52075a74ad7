// Each item's points and the reason for them, in words (never a colour alone).
import { useTr } from '../../i18n';
import type { NodeResult } from '../../../scoresheet';

export function ItemScore({ result, id }: { result: NodeResult | undefined; id: string }) {
  const tr = useTr();
  if (!result) return null;
  const state = {
    answered: { zh: '', en: '' },
    missing: { zh: '未完成：', en: 'Not done: ' },
    excluded: { zh: '不適用：', en: 'Ruled out: ' },
  }[result.state];
  return (
    <p className={`item-score is-${result.state}`} id={`score-${id}`}>
      <strong>
        {result.points} / {result.max} {tr({ zh: '分', en: 'pts' })}
      </strong>{' '}
      <span>
        {result.state === 'missing' ? <span aria-hidden="true">○ </span> : result.state === 'answered' ? <span aria-hidden="true">✓ </span> : null}
        {tr(state)}
        {tr(result.reason)}
      </span>
    </p>
  );
}
