import { useState } from 'react';

import type { PostmortemView } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';
import { Field } from '../../../ui/Field';
import { type FoundPerson, PersonFinder } from '../../../ui/PersonFinder';
import { BlameHint } from './BlameHint';

export interface FoundOwner {
  readonly accountId: string;
  readonly displayName: string;
}

/** Finds people by name who may own the postmortem (`postmortem`) or an action (`action`, in the improvements backlog). */
export type FindOwners = (query: string, target: 'postmortem' | 'action') => Promise<ResolverResult<{ readonly people: readonly FoundOwner[] }>>;

/**
 * Who owns the postmortem, an action or a remediation item, by name: the current owner's name, and
 * a search by name among the people Jira lets be assigned issues where the work lands (never an app).
 * Jira has the last word: the save checks the owner again.
 */
export function OwnerPicker({
  id,
  label,
  value,
  names,
  target,
  canEdit,
  disabled,
  allowNone,
  findOwners,
  onChange,
  error,
}: {
  readonly id: string;
  readonly label: string;
  /** Account id; `''` for none. */
  readonly value: string;
  readonly names: PostmortemView['names'];
  readonly target: 'postmortem' | 'action';
  readonly canEdit: boolean;
  readonly disabled: boolean;
  readonly allowNone: boolean;
  readonly findOwners: FindOwners;
  readonly onChange: (owner: string) => void;
  /** Why the save refused this owner. */
  readonly error?: string | undefined;
}) {
  // Names of people chosen here before the save brings them back in the view.
  const [picked, setPicked] = useState<Readonly<Record<string, string>>>({});
  const current = value === '' ? 'No owner yet' : (names[value] ?? picked[value] ?? 'Someone Jira does not name to you');
  const choose = (person: FoundPerson) => {
    setPicked((before) => ({ ...before, [person.accountId]: person.displayName }));
    onChange(person.accountId);
  };
  return (
    <div className="fb-field">
      <span className="fb-label">{label}</span>
      <p className="fb-owner" data-testid={`${id}-current`}>
        {current}
      </p>
      {canEdit ? (
        <>
          <PersonFinder
            id={id}
            find={(query) => findOwners(query, target)}
            nobodyFound={(typed) => `Nobody who may be assigned this work has a name starting with “${typed}”.`}
            actionLabel="Choose"
            onPick={choose}
            disabled={disabled}
            error={error}
            placeholder="Find by name"
            inputAriaLabel={`Find ${label.toLowerCase()} by name`}
          >
            {allowNone && value !== '' ? (
              <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={() => onChange('')}>
                No owner
              </button>
            ) : null}
          </PersonFinder>
        </>
      ) : null}
    </div>
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
  findOwners,
  target,
  onChange,
  ownerError,
}: {
  /** The row's id prefix; the fields add `-title` and `-owner`. */
  readonly id: string;
  readonly item: { readonly title: string; readonly owner: string };
  readonly error: string | undefined;
  readonly ownerError?: string | undefined;
  readonly view: PostmortemView;
  readonly canEdit: boolean;
  readonly disabled: boolean;
  readonly findOwners: FindOwners;
  /** Where the owner will be assigned the work: the backlog for actions, the postmortem's project otherwise. */
  readonly target: 'postmortem' | 'action';
  readonly onChange: (patch: { title: string } | { owner: string }) => void;
}) {
  return (
    <>
      <Field id={`${id}-title`} label="Title" error={error} advice={(adviceId) => <BlameHint id={adviceId} text={item.title} />}>
        {(control) => <input {...control} className="fb-input" value={item.title} readOnly={!canEdit} disabled={disabled} onChange={(event) => onChange({ title: event.target.value })} />}
      </Field>
      <OwnerPicker id={`${id}-owner`} label="Owner" value={item.owner} names={view.names} target={target} canEdit={canEdit} disabled={disabled} allowNone findOwners={findOwners} error={ownerError} onChange={(owner) => onChange({ owner })} />
    </>
  );
}
