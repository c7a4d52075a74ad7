import type { SwitchItem } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { useForm } from '../formContext';
import { RadioGroup } from './RadioGroup';

/** □是□否: a yes/no that steers other items (no voice system hides 1.1 and scales 1.2). */
export function SwitchField({ node }: { node: SwitchItem }) {
  const form = useForm();
  const tr = useTr();
  const value = form.answers[node.id];
  return (
    <RadioGroup
      name={`item-${node.id}`}
      legend={tr(node.label)}
      value={value === true ? 'yes' : value === false ? 'no' : undefined}
      disabled={form.readOnly}
      choices={[
        { value: 'yes', label: tr(node.yes) },
        { value: 'no', label: tr(node.no) },
      ]}
      onChange={(v) => form.setAnswer(node.id, v === 'yes')}
    />
  );
}
