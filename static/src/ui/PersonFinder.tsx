import type { ResolverResult } from '@contract/result';
import { type KeyboardEvent, type ReactNode, useState } from 'react';

import { FieldError } from './FieldMessages';

export interface FoundPerson {
  readonly accountId: string;
  readonly displayName: string;
}

/**
 * Finds people by the start of their name and offers each found one as a button ("Choose Sam
 * Okafor"): the one people picker of the app's pages, so none of them shows or takes an account id.
 * Who may be found is the backend's to decide (`find`); Enter searches rather than saving the form
 * around it. The label is the caller's: a `<label htmlFor={id}>` beside it, or `inputAriaLabel`.
 */
export function PersonFinder({
  id,
  find,
  nobodyFound,
  actionLabel,
  onPick,
  disabled,
  error,
  inputAriaLabel,
  placeholder = 'Start of a name',
  keepResults = false,
  children,
}: {
  /** The search box's id; its error line is `${id}-error`. */
  readonly id: string;
  readonly find: (query: string) => Promise<ResolverResult<{ readonly people: readonly FoundPerson[] }>>;
  /** The sentence when nobody matched what was typed. */
  readonly nobodyFound: (typed: string) => string;
  /** The verb on each found person's button: "Choose", "Add". */
  readonly actionLabel: string;
  readonly onPick: (person: FoundPerson) => void;
  readonly disabled: boolean;
  /** Why a save refused the person picked here, shown when no search problem is. */
  readonly error?: string | undefined;
  readonly inputAriaLabel?: string;
  readonly placeholder?: string;
  /** Keep the list after a pick (adding several people from one search). */
  readonly keepResults?: boolean;
  /** Buttons beside Find ("No owner"). */
  readonly children?: ReactNode;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<readonly FoundPerson[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const search = () => {
    const typed = query.trim();
    if (typed === '' || searching) return;
    setSearching(true);
    setProblem(undefined);
    void find(typed).then((result) => {
      setSearching(false);
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      setFound(result.data.people);
      if (result.data.people.length === 0) setProblem(nobodyFound(typed));
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search();
  };
  const pick = (person: FoundPerson) => {
    if (!keepResults) {
      setFound(null);
      setQuery('');
    }
    onPick(person);
  };
  const message = problem ?? error;
  return (
    <>
      <div className="fb-inline-field">
        <input
          id={id}
          className="fb-input"
          value={query}
          maxLength={100}
          placeholder={placeholder}
          aria-label={inputAriaLabel}
          disabled={disabled}
          aria-invalid={message !== undefined}
          aria-describedby={message === undefined ? undefined : `${id}-error`}
          onKeyDown={onKeyDown}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="fb-button" disabled={disabled || searching || query.trim() === ''} onClick={search}>
          {searching ? 'Finding…' : 'Find'}
        </button>
        {children}
      </div>
      <FieldError id={`${id}-error`} message={message} />
      {found !== null && found.length > 0 ? (
        <ul className="fb-oncall-found" aria-label="People found">
          {found.map((person) => (
            <li key={person.accountId}>
              <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={() => pick(person)}>
                {actionLabel} {person.displayName}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
