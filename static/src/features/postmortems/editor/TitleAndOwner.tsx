import { type KeyboardEvent, useState } from 'react';

import type { PostmortemView } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';
import { Field } from '../../../ui/Field';
import { FieldError } from '../../../ui/FieldMessages';
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
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly FoundOwner[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const current = value === '' ? 'No owner yet' : (names[value] ?? picked[value] ?? 'Someone Jira does not name to you');
  const search = () => {
    const wanted = query.trim();
    if (wanted === '' || searching) return;
    setSearching(true);
    setProblem(undefined);
    void findOwners(wanted, target).then((result) => {
      setSearching(false);
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      setFound(result.data.people);
      if (result.data.people.length === 0) setProblem(`Nobody who may be assigned this work has a name starting with “${wanted}”.`);
    });
  };
  // Enter searches rather than saving the whole postmortem.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };
  const choose = (person: FoundOwner) => {
    setPicked((before) => ({ ...before, [person.accountId]: person.displayName }));
    setFound(null);
    setQuery('');
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
          <div className="fb-inline-field">
            <input
              id={id}
              className="fb-input"
              value={query}
              maxLength={100}
              placeholder="Find by name"
              aria-label={`Find ${label.toLowerCase()} by name`}
              disabled={disabled}
              aria-invalid={problem !== undefined}
              aria-describedby={problem === undefined ? undefined : `${id}-error`}
              onKeyDown={onKeyDown}
              onChange={(event) => setQuery(event.target.value)}
            />
            <button type="button" className="fb-button" disabled={disabled || searching || query.trim() === ''} onClick={search}>
              {searching ? 'Finding…' : 'Find'}
            </button>
            {allowNone && value !== '' ? (
              <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={() => onChange('')}>
                No owner
              </button>
            ) : null}
          </div>
          <FieldError id={`${id}-error`} message={problem ?? error} />
          {found !== null && found.length > 0 ? (
            <ul className="fb-oncall-found" aria-label="People found">
              {found.map((person) => (
                <li key={person.accountId}>
                  <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={() => choose(person)}>
                    Choose {person.displayName}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
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
