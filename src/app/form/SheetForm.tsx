// The form, rendered FROM the sheet tree: one generic component per node kind, so a new sheet
// version needs no new screen. Excluded nodes show their reason instead of their controls.
import type { ReactNode } from 'react';
import type { ItemNode, SheetNode, TimingItem } from '../../scoresheet';
import { useLang, useTr } from '../i18n';
import { colon } from '../shell/punct';
import { useForm, FormContext } from './formContext';
import { BandField } from './nodes/BandField';
import { CheckField } from './nodes/CheckField';
import { ItemScore } from './nodes/ItemScore';
import { OptionsField } from './nodes/OptionsField';
import { SwitchField } from './nodes/SwitchField';
import { TimingField } from './nodes/TimingField';
import { VariantBandField } from './nodes/VariantBandField';

/** Where the "jump to missing item" links land. */
export const itemAnchor = (id: string) => `item-block-${id}`;

export function SheetForm() {
  const form = useForm();
  return (
    <div className="sheet-form">
      {form.sheet.sections.map((section) => (
        <NodeView key={section.id} node={section} depth={1} />
      ))}
    </div>
  );
}

function NodeView({ node, depth }: { node: SheetNode; depth: number }) {
  const form = useForm();
  const tr = useTr();
  const lang = useLang();
  const exclusion = form.exclusions.get(node.id);
  const parentExcluded = exclusion && exclusion !== node.when;
  // An ancestor already says why; and a node the rules take out of the total is hidden, its reason shown once.
  if (parentExcluded) return null;
  const result = form.results[node.id];
  if (exclusion?.otherwise === 'notScored') {
    return (
      <section className="node is-excluded" aria-label={tr(node.label)}>
        <p className="excluded-note">
          <span aria-hidden="true">⊘ </span>
          <strong>{tr(node.label)}</strong>
          {colon(lang)}
          {tr(exclusion.reason)}
        </p>
      </section>
    );
  }
  if (node.kind === 'group') {
    const Heading = depth === 1 ? 'h2' : 'h3';
    return (
      <section className={`group depth-${depth}`} aria-labelledby={`heading-${node.id}`}>
        <Heading id={`heading-${node.id}`}>
          {tr(node.label)}{' '}
          <span className="subtotal">
            {result ? `${result.points} / ${result.max}` : `– / ${node.max}`} {tr({ zh: '分', en: 'pts' })}
          </span>
        </Heading>
        {node.note ? <p className="note">{tr(node.note)}</p> : null}
        {exclusion ? (
          <p className="excluded-note">
            <span aria-hidden="true">⊘ </span>
            {tr(exclusion.reason)}
          </p>
        ) : (
          node.children.map((child) => <NodeView key={child.id} node={child} depth={depth + 1} />)
        )}
      </section>
    );
  }
  return (
    <div className={`item kind-${node.kind}${exclusion ? ' is-excluded' : ''}`} id={itemAnchor(node.id)} tabIndex={-1}>
      {exclusion ? (
        // Ruled out but still counted (as 0): shown disabled with the rule's reason.
        <FormContext.Provider value={{ ...form, readOnly: true }}>
          <ItemControl node={node} />
          <p className="excluded-note">
            <span aria-hidden="true">⊘ </span>
            {tr(exclusion.reason)}
          </p>
        </FormContext.Provider>
      ) : (
        <ItemControl node={node} />
      )}
      {node.note ? <p className="note">{tr(node.note)}</p> : null}
      {node.kind !== 'switch' ? <ItemScore id={node.id} result={result} /> : null}
    </div>
  );
}

/** The control of one item by its kind; the live-call screen draws timing items its own way. */
export function ItemControl({ node, timing }: { node: ItemNode; timing?: (node: TimingItem) => ReactNode }) {
  switch (node.kind) {
    case 'switch':
      return <SwitchField node={node} />;
    case 'check':
      return <CheckField node={node} />;
    case 'options':
      return <OptionsField node={node} />;
    case 'band':
      return <BandField node={node} />;
    case 'variantBand':
      return <VariantBandField node={node} />;
    case 'timing':
      return timing ? timing(node) : <TimingField node={node} />;
  }
}
