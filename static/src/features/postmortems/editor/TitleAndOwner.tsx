import type { PostmortemView } from '@contract/postmortem.contract';

import { type ControlProps, Field } from '../../../ui/Field';
import { BlameHint } from './BlameHint';

/** The people an owner may be picked from: names on the page, without apps (Firebreak's own comments have an author too). */
const ownerNames = (view: PostmortemView): PostmortemView['names'] => Object.fromEntries(Object.entries(view.names).filter(([accountId]) => view.ownerCandidates.includes(accountId)));

/**
 * Who owns an action or a remediation item: a choice of the people Jira lets own it, keeping an
 * owner who is no longer among them; a plain account id box when the page knows nobody's name.
 */
function OwnerControl({
  control,
  value,
  names,
  disabled,
  readOnly,
  onChange,
}: {
  readonly control: ControlProps;
  readonly value: string;
  readonly names: PostmortemView['names'];
  readonly disabled: boolean;
  readonly readOnly: boolean;
  readonly onChange: (owner: string) => void;
}) {
  const known = Object.entries(names).sort(([, a], [, b]) => a.localeCompare(b));
  if (known.length === 0) return <input {...control} className="fb-input" value={value} readOnly={readOnly} disabled={disabled} placeholder="Account id" onChange={(event) => onChange(event.target.value)} />;
  return (
    <select {...control} className="fb-select" value={value} disabled={disabled || readOnly} onChange={(event) => onChange(event.target.value)}>
      <option value="">No owner</option>
      {value !== '' && !Object.hasOwn(names, value) ? <option value={value}>{value}</option> : null}
      {known.map(([account, name]) => (
        <option key={account} value={account}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** An action's or a remediation item's first two fields: what it is and who owns it. */
export function TitleAndOwner({
  id,
  item,
  error,
  view,
  canEdit,
  disabled,
  onChange,
}: {
  /** The row's id prefix; the fields add `-title` and `-owner`. */
  readonly id: string;
  readonly item: { readonly title: string; readonly owner: string };
  readonly error: string | undefined;
  readonly view: PostmortemView;
  readonly canEdit: boolean;
  readonly disabled: boolean;
  readonly onChange: (patch: { title: string } | { owner: string }) => void;
}) {
  return (
    <>
      <Field id={`${id}-title`} label="Title" error={error} advice={(adviceId) => <BlameHint id={adviceId} text={item.title} />}>
        {(control) => <input {...control} className="fb-input" value={item.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => onChange({ title: event.target.value })} />}
      </Field>
      <Field id={`${id}-owner`} label="Owner" error={undefined}>
        {(control) => <OwnerControl control={control} value={item.owner} names={ownerNames(view)} disabled={disabled} readOnly={!canEdit} onChange={(owner) => onChange({ owner })} />}
      </Field>
    </>
  );
}
