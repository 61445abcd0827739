import type { OnCallSwap } from '@contract/on-call.values';
import { useCallback, useId, useState } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { COMMON_TIME_ZONES } from '../../shared/zoned-time';
import { NoticeBanner } from '../../ui/Banner';
import { Field } from '../../ui/Field';
import { FieldError } from '../../ui/FieldMessages';
import { PersonFinder } from '../../ui/PersonFinder';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { canEditCard } from './config-card.state';
import { type OnCallCard as OnCallCardState, isOnCallDirty } from './on-call-card.state';
import { ON_CALL_COPY, type OnCallDraft, type OnCallPerson, movePerson } from './on-call-form';
import type { CardActions } from './use-project-settings';

interface Props {
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  readonly state: OnCallCardState;
  readonly actions: CardActions<OnCallDraft>;
  readonly pageSaving: boolean;
}

/** "On-call rotation": people in order (found by name), the shift length, the start in the team's zone, and swaps. */
export function OnCallCard({ projectKey, callResolver, state, actions, pageSaving }: Props) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const { draft, fieldErrors } = state;
  const edit = (change: (draft: OnCallDraft) => OnCallDraft, clears: string | readonly string[] = 'all') => actions.dispatch({ type: 'edit', change, clears });
  const editSwap = (index: number, patch: Partial<OnCallSwap>) =>
    edit((previous) => ({ ...previous, swaps: previous.swaps.map((swap, at) => (at === index ? { ...swap, ...patch } : swap)) }), `onCall.swaps.${String(index)}`);
  const zones = [...new Set([draft.timeZone, ...COMMON_TIME_ZONES])];

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        {ON_CALL_COPY.title}
      </h2>
      <p className="fb-helper">
        {ON_CALL_COPY.intro}
        {state.view.config.onCall === undefined ? ON_CALL_COPY.unsaved : ''}
      </p>
      <NoticeBanner notice={state.notice} />

      <h3 className="fb-label" id={`${id}-people`}>
        People on call, in order
      </h3>
      {draft.people.length === 0 ? <p className="fb-meta">{ON_CALL_COPY.empty}</p> : null}
      <ol className="fb-oncall-people" aria-labelledby={`${id}-people`} aria-describedby={fieldErrors['onCall.people'] === undefined ? undefined : `${id}-people-error`}>
        {draft.people.map((person, index) => (
          <li key={`${person.accountId}-${String(index)}`}>
            <span>{person.displayName}</span>
            {canEdit ? (
              <>
                <button type="button" className="fb-button fb-button--subtle" disabled={disabled || index === 0} aria-label={`Move ${person.displayName} up`} onClick={() => edit((previous) => movePerson(previous, index, -1))}>
                  ↑
                </button>
                <button
                  type="button"
                  className="fb-button fb-button--subtle"
                  disabled={disabled || index === draft.people.length - 1}
                  aria-label={`Move ${person.displayName} down`}
                  onClick={() => edit((previous) => movePerson(previous, index, 1))}
                >
                  ↓
                </button>
                <button type="button" className="fb-button fb-button--subtle" disabled={disabled} aria-label={`Remove ${person.displayName} (turn ${String(index + 1)})`} onClick={() => edit((previous) => ({ ...previous, people: previous.people.filter((_, at) => at !== index) }))}>
                  Remove
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <FieldError id={`${id}-people-error`} message={fieldErrors['onCall.people']} />
      {canEdit ? <PersonSearch id={`${id}-find`} projectKey={projectKey} callResolver={callResolver} disabled={disabled} onAdd={(person) => edit((previous) => ({ ...previous, people: [...previous.people, person] }), 'onCall.people')} /> : null}

      <fieldset className="fb-fieldset">
        <legend className="fb-label">Each shift lasts</legend>
        <label className="fb-choice">
          <input type="radio" name={`${id}-shift`} checked={draft.shift === 'week'} disabled={disabled} onChange={() => edit((previous) => ({ ...previous, shift: 'week' }), 'onCall.shift')} />
          <span>One week</span>
        </label>
        <label className="fb-choice">
          <input type="radio" name={`${id}-shift`} checked={draft.shift === 'sprint'} disabled={disabled} onChange={() => edit((previous) => ({ ...previous, shift: 'sprint' }), 'onCall.shift')} />
          <span>One sprint of a board</span>
        </label>
        {draft.shift === 'sprint' ? <BoardSelect id={`${id}-board`} projectKey={projectKey} callResolver={callResolver} value={draft.boardId} disabled={disabled} error={fieldErrors['onCall.shift']} onChange={(boardId) => edit((previous) => ({ ...previous, boardId }), 'onCall.shift')} /> : <FieldError id={`${id}-shift-error`} message={fieldErrors['onCall.shift']} />}
      </fieldset>

      <Field id={`${id}-start`} label={draft.shift === 'week' ? 'First shift starts (handovers at this weekday and time)' : 'Rotation starts (the first sprint starting from then is the first person’s)'} error={fieldErrors['onCall.startsAt']}>
        {(control) => <input {...control} className="fb-input" type="datetime-local" value={draft.startsAt} disabled={disabled} onChange={(event) => edit((previous) => ({ ...previous, startsAt: event.target.value }), 'onCall.startsAt')} />}
      </Field>
      <Field id={`${id}-zone`} label="In the time zone" error={fieldErrors['onCall.timeZone']}>
        {(control) => (
          <select {...control} className="fb-select" value={draft.timeZone} disabled={disabled} onChange={(event) => edit((previous) => ({ ...previous, timeZone: event.target.value }), 'onCall.timeZone')}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>

      <h3 className="fb-label">Swaps</h3>
      <FieldError id={`${id}-swaps-error`} message={fieldErrors['onCall.swaps']} />
      {draft.swaps.length === 0 ? <p className="fb-meta">No swaps.</p> : null}
      {draft.swaps.map((swap, index) => (
        <SwapRow key={String(index)} id={`${id}-swap-${String(index)}`} index={index} swap={swap} people={draft.people} disabled={disabled} error={fieldErrors[`onCall.swaps.${String(index)}`]} onChange={(patch) => editSwap(index, patch)} onRemove={() => edit((previous) => ({ ...previous, swaps: previous.swaps.filter((_, at) => at !== index) }))} />
      ))}
      {canEdit ? (
        <button
          type="button"
          className="fb-button"
          disabled={disabled || draft.people.length < 2}
          onClick={() => edit((previous) => ({ ...previous, swaps: [...previous.swaps, { from: previous.startsAt, to: previous.startsAt, covering: previous.people[1]?.accountId ?? '', coveredFor: previous.people[0]?.accountId ?? '' }] }), [])}
        >
          Add a swap
        </button>
      ) : null}
      {canEdit ? <SaveBar label={ON_CALL_COPY.save} saving={state.saving} dirty={isOnCallDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}

/** One swap: "from … to …, X covers for Y", people chosen from the rotation by name. */
function SwapRow({ id, index, swap, people, disabled, error, onChange, onRemove }: { readonly id: string; readonly index: number; readonly swap: OnCallSwap; readonly people: readonly OnCallPerson[]; readonly disabled: boolean; readonly error: string | undefined; readonly onChange: (patch: Partial<OnCallSwap>) => void; readonly onRemove: () => void }) {
  const choices = [...new Map(people.map((person) => [person.accountId, person.displayName])).entries()];
  const personSelect = (field: 'covering' | 'coveredFor', label: string) => (
    <label className="fb-inline-field">
      <span>{label}</span>
      <select className="fb-select" value={swap[field]} disabled={disabled} aria-invalid={error !== undefined} onChange={(event) => onChange({ [field]: event.target.value })}>
        <option value="">Choose…</option>
        {choices.map(([accountId, name]) => (
          <option key={accountId} value={accountId}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="fb-fieldset fb-oncall-swap" aria-describedby={error === undefined ? undefined : `${id}-error`}>
      <legend className="fb-meta">Swap {index + 1}</legend>
      <label className="fb-inline-field">
        <span>From</span>
        <input className="fb-input" type="datetime-local" value={swap.from} disabled={disabled} aria-invalid={error !== undefined} onChange={(event) => onChange({ from: event.target.value })} />
      </label>
      <label className="fb-inline-field">
        <span>to</span>
        <input className="fb-input" type="datetime-local" value={swap.to} disabled={disabled} aria-invalid={error !== undefined} onChange={(event) => onChange({ to: event.target.value })} />
      </label>
      {personSelect('covering', 'who covers')}
      {personSelect('coveredFor', 'covers for')}
      <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={onRemove}>
        Remove swap
      </button>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** Finds people who may be assigned issues in the project by name, and adds one to the rotation (or, `actionLabel` "Choose", picks one: disputes, issue 16 part 4). */
export function PersonSearch({
  id,
  projectKey,
  callResolver,
  disabled,
  onAdd,
  actionLabel = 'Add',
}: {
  readonly id: string;
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  readonly disabled: boolean;
  readonly onAdd: (person: OnCallPerson) => void;
  readonly actionLabel?: string;
}) {
  const find = useCallback((query: string) => callResolver('config/findPeople', { projectKey, query }), [callResolver, projectKey]);
  return (
    <div className="fb-field">
      <label className="fb-label" htmlFor={id}>
        {actionLabel} a person
      </label>
      <PersonFinder id={id} find={find} nobodyFound={(typed) => `Nobody who may be assigned issues in ${projectKey} has a name starting with “${typed}”.`} actionLabel={actionLabel} onPick={onAdd} disabled={disabled} keepResults />
    </div>
  );
}

/** The project's boards to take sprints from, read when the admin chooses sprint-length shifts. */
function BoardSelect({ id, projectKey, callResolver, value, disabled, error, onChange }: { readonly id: string; readonly projectKey: string; readonly callResolver: CallResolver; readonly value: string; readonly disabled: boolean; readonly error: string | undefined; readonly onChange: (boardId: string) => void }) {
  const [boards, setBoards] = useState<ReadonlyArray<{ id: number; name: string }> | null>(null);
  const load = useCallback(() => callResolver('capacity/listBoards', {}), [callResolver]);
  useLatestLoad(load, (result) => setBoards(result.ok ? result.data.boards.filter((board) => board.type === 'scrum' && (board.projectKey === null || board.projectKey === projectKey)) : []), projectKey);
  const known = boards ?? [];
  return (
    <Field id={id} label="Board" error={error}>
      {(control) => (
        <select {...control} className="fb-select" value={value} disabled={disabled || boards === null} onChange={(event) => onChange(event.target.value)}>
          <option value="">{boards === null ? 'Loading boards…' : 'Choose a board'}</option>
          {value !== '' && !known.some((board) => String(board.id) === value) ? <option value={value}>Board {value}</option> : null}
          {known.map((board) => (
            <option key={board.id} value={String(board.id)}>
              {board.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
