import type { BandAnswer, BandItem } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { useForm } from '../formContext';
import { BandPicker } from './BandPicker';

export function BandField({ node }: { node: BandItem }) {
  const form = useForm();
  const tr = useTr();
  const value = form.answers[node.id] as BandAnswer | undefined;
  return (
    <BandPicker
      name={`item-${node.id}`}
      legend={tr(node.label)}
      bands={node.bands}
      band={value?.band}
      points={value?.points}
      disabled={form.readOnly}
      onChange={(band, points) => form.setAnswer(node.id, points === undefined ? { band } : { band, points })}
    />
  );
}
