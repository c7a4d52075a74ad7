import type { CheckItem } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { useForm } from '../formContext';
import { RadioGroup, type Choice } from './RadioGroup';

/** A box the tester ticks or not: 有 / 無 (and the sheet's N/A text where it allows one). */
export function CheckField({ node }: { node: CheckItem }) {
  const form = useForm();
  const tr = useTr();
  const value = form.answers[node.id];
  const pts = (n: number) => tr({ zh: `${n} 分`, en: `${n} pts` });
  const choices: Choice[] = [
    { value: 'yes', label: tr({ zh: '有', en: 'Yes' }), hint: pts(node.points), blocked: form.blocked(node.id, true) },
    { value: 'no', label: tr({ zh: '無', en: 'No' }), hint: pts(0), blocked: form.blocked(node.id, false) },
  ];
  if (node.na) choices.push({ value: 'na', label: tr(node.na.label), hint: pts(node.points), blocked: form.blocked(node.id, 'na') });
  return (
    <RadioGroup
      name={`item-${node.id}`}
      legend={tr(node.label)}
      value={value === true ? 'yes' : value === false ? 'no' : value === 'na' ? 'na' : undefined}
      disabled={form.readOnly}
      choices={choices}
      onChange={(v) => form.setAnswer(node.id, v === 'yes' ? true : v === 'no' ? false : 'na')}
    />
  );
}
