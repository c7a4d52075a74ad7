import type { VariantBandAnswer, VariantBandItem } from '../../../scoresheet';
import { useTr } from '../../i18n';
import { useForm } from '../formContext';
import { BandPicker } from './BandPicker';
import { RadioGroup } from './RadioGroup';

/** 甲 or 乙 first (who answered), then that variant's band, then points. */
export function VariantBandField({ node }: { node: VariantBandItem }) {
  const form = useForm();
  const tr = useTr();
  const value = form.answers[node.id] as VariantBandAnswer | undefined;
  const variant = node.variants.find((v) => v.key === value?.variant);
  return (
    <div className="variant-band">
      <RadioGroup
        name={`item-${node.id}-variant`}
        legend={tr(node.label)}
        value={value?.variant}
        disabled={form.readOnly}
        choices={node.variants.map((v) => ({ value: v.key, label: tr(v.label), blocked: form.blocked(node.id, { variant: v.key }) }))}
        onChange={(key) => form.setAnswer(node.id, { variant: key })}
      />
      {variant ? (
        <BandPicker
          name={`item-${node.id}-${variant.key}`}
          legend={tr(variant.label)}
          bands={variant.bands}
          band={value?.band}
          points={value?.points}
          disabled={form.readOnly}
          onChange={(band, points) => form.setAnswer(node.id, points === undefined ? { variant: variant.key, band } : { variant: variant.key, band, points })}
        />
      ) : null}
    </div>
  );
}
