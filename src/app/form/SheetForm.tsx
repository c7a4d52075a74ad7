// The form, rendered FROM the sheet tree: one generic component per node kind, so a new sheet
// version needs no new screen. Excluded nodes show their reason instead of their controls.
// Groups are drawn again on every tap (their subtotals change); an item only when what its controls
// read of the form changed (trackedForm.ts), so a tap costs the items it touched, not the sheet.
import { memo, type ReactNode } from 'react';
import type { ItemNode, SheetNode, TimingItem } from '../../scoresheet';
import { useLang, useTr } from '../i18n';
import { colon } from '../shell/punct';
import { useForm, FormContext, type FormApi } from './formContext';
import { trackForm, type TrackedForm } from './trackedForm';
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
  if (node.kind !== 'group') return <ItemView node={node} form={form} />;
  const exclusion = form.exclusions.get(node.id);
  // An ancestor already says why; and a node the rules take out of the total is hidden, its reason shown once.
  if (exclusion && exclusion !== node.when) return null;
  if (exclusion?.otherwise === 'notScored') return <ExcludedNote node={node} reason={exclusion.reason} />;
  const result = form.results[node.id];
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

function ExcludedNote({ node, reason }: { node: SheetNode; reason: Parameters<ReturnType<typeof useTr>>[0] }) {
  const tr = useTr();
  const lang = useLang();
  return (
    <section className="node is-excluded" aria-label={tr(node.label)}>
      <p className="excluded-note">
        <span aria-hidden="true">⊘ </span>
        <strong>{tr(node.label)}</strong>
        {colon(lang)}
        {tr(reason)}
      </p>
    </section>
  );
}

interface ItemProps {
  node: ItemNode;
  form: FormApi;
}

/** What each drawn item read of the form, keyed by the props it was drawn with (see sameItem). */
const drawn = new WeakMap<ItemProps, TrackedForm>();

/** Skip an item whose reads give the same answers on the new form; its handlers then act on the new form. */
function sameItem(prev: ItemProps, next: ItemProps): boolean {
  const tracked = drawn.get(prev);
  if (!tracked || prev.node !== next.node || !tracked.unchanged(next.form)) return false;
  tracked.follow(next.form);
  return true;
}

const ItemView = memo(function ItemView(props: ItemProps) {
  const { node, form } = props;
  const tr = useTr();
  // This drawing's reads, from a fresh record: what the item reads now is what decides next time.
  const tracked = trackForm(form);
  drawn.set(props, tracked);
  const exclusion = tracked.api.exclusions.get(node.id);
  if (exclusion && exclusion !== node.when) return null;
  if (exclusion?.otherwise === 'notScored') return <ExcludedNote node={node} reason={exclusion.reason} />;
  // Ruled out but still counted (as 0): its controls are shown disabled.
  const api = exclusion ? tracked.readOnlyApi() : tracked.api;
  return (
    <div className={`item kind-${node.kind}${exclusion ? ' is-excluded' : ''}`} id={itemAnchor(node.id)} tabIndex={-1}>
      <FormContext.Provider value={api}>
        <ItemControl node={node} />
        {exclusion ? (
          <p className="excluded-note">
            <span aria-hidden="true">⊘ </span>
            {tr(exclusion.reason)}
          </p>
        ) : null}
      </FormContext.Provider>
      {node.note ? <p className="note">{tr(node.note)}</p> : null}
      {node.kind !== 'switch' ? <ItemScore id={node.id} result={api.results[node.id]} /> : null}
    </div>
  );
}, sameItem);

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
