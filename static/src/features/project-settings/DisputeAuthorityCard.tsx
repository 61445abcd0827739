import { useId } from 'react';

import type { CallResolver } from '../../api/client';
import { NoticeBanner } from '../../ui/Banner';
import { Field, TextField } from '../../ui/Field';
import { FieldError } from '../../ui/FieldMessages';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { canEditCard } from './config-card.state';
import { AUTHORITY_COPY, AUTHORITY_KEYS, type DisputeAuthorityCard as DisputeAuthorityCardState, type DisputeAuthorityDraft, isDisputeAuthorityDirty } from './dispute-authority-card.state';
import { PersonSearch } from './OnCallCard';
import type { CardActions } from './use-project-settings';

/** disputes (issue 16 part 4): who has the final say on severity disputes: a person, a group or a project role. */
export function DisputeAuthorityCard({
  projectKey,
  callResolver,
  state,
  actions,
  pageSaving,
}: {
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  readonly state: DisputeAuthorityCardState;
  readonly actions: CardActions<DisputeAuthorityDraft>;
  readonly pageSaving: boolean;
}) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const { draft } = state;
  const edit = (change: (previous: DisputeAuthorityDraft) => DisputeAuthorityDraft) => actions.dispatch({ type: 'edit', change, clears: Object.values(AUTHORITY_KEYS) });
  const roles = state.view.roles;
  const choice = (kind: DisputeAuthorityDraft['kind'], label: string) => (
    <label className="fb-choice fb-choice--wrap">
      <input type="radio" name={`${id}-kind`} checked={draft.kind === kind} disabled={disabled} onChange={() => edit((previous) => ({ ...previous, kind }))} />
      <span>{label}</span>
    </label>
  );

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        {AUTHORITY_COPY.title}
      </h2>
      <p className="fb-helper">
        {AUTHORITY_COPY.intro}
        {state.view.config.disputeAuthority === undefined ? AUTHORITY_COPY.unsaved : ''}
      </p>
      <NoticeBanner notice={state.notice} />
      {choice('person', AUTHORITY_COPY.person)}
      {draft.kind === 'person' ? (
        <div className="fb-field">
          <p className="fb-note">{draft.person === null ? 'Nobody chosen yet.' : `Chosen: ${draft.person.displayName}.`}</p>
          <FieldError id={`${id}-person-error`} message={state.fieldErrors[AUTHORITY_KEYS.person]} />
          {canEdit ? <PersonSearch id={`${id}-find`} projectKey={projectKey} callResolver={callResolver} disabled={disabled} actionLabel="Choose" onAdd={(person) => edit((previous) => ({ ...previous, person }))} /> : null}
        </div>
      ) : null}
      {choice('group', AUTHORITY_COPY.group)}
      {draft.kind === 'group' ? (
        <TextField id={`${id}-group`} label={AUTHORITY_COPY.groupName} maxLength={255} value={draft.groupName} error={state.fieldErrors[AUTHORITY_KEYS.group]} disabled={disabled} onChange={(groupName) => edit((previous) => ({ ...previous, groupName }))} />
      ) : null}
      {choice('role', AUTHORITY_COPY.role)}
      {draft.kind === 'role' ? (
        <Field id={`${id}-role`} label={AUTHORITY_COPY.roleName} error={state.fieldErrors[AUTHORITY_KEYS.role]}>
          {(control) => (
            <select {...control} className="fb-select" value={draft.roleName} disabled={disabled} onChange={(event) => edit((previous) => ({ ...previous, roleName: event.target.value }))}>
              <option value="">Choose a role</option>
              {[...new Set([...(roles ?? []).map((role) => role.name), ...(draft.roleName === '' ? [] : [draft.roleName])])].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {canEdit ? <SaveBar label={AUTHORITY_COPY.save} saving={state.saving} dirty={isDisputeAuthorityDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}
