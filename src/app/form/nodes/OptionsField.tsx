import type { OptionsItem } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { useForm } from '../formContext';
import { RadioGroup, type Choice } from './RadioGroup';

/** One of the printed （１）（２）… options, or the sheet's N/A choice where rule 4 allows it. */
export function OptionsField({ node }: { node: OptionsItem }) {
  const form = useForm();
  const tr = useTr();
  const pts = (n: number) => tr({ zh: `${n} 分`, en: `${n} pts` });
  const choices: Choice[] = node.options.map((o) => ({ value: o.key, label: tr(o.label), hint: pts(o.points), blocked: form.blocked(node.id, o.key) }));
  if (node.na) choices.push({ value: 'na', label: tr(node.na.label), hint: pts(node.max), blocked: form.blocked(node.id, 'na') });
  const value = form.answers[node.id];
  return (
    <RadioGroup
      name={`item-${node.id}`}
      legend={tr(node.label)}
      value={typeof value === 'string' ? value : undefined}
      disabled={form.readOnly}
      choices={choices}
      onChange={(v) => form.setAnswer(node.id, v)}
    />
  );
}
