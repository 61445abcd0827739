import { useId } from 'react';

import { NoticeBanner } from '../../ui/Banner';
import { TextField } from '../../ui/Field';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { type CapacityTeamCard as CapacityTeamCardState, type CapacityTeamDraft, TEAM_COPY, TEAM_GROUP_KEY, isCapacityTeamDirty } from './capacity-team-card.state';
import { canEditCard } from './config-card.state';
import type { CardActions } from './use-project-settings';

/** "Who is the team (capacity gadget)": worklog authors, or one Jira group checked when saved. */
export function CapacityTeamCard({ state, actions, pageSaving }: { readonly state: CapacityTeamCardState; readonly actions: CardActions<CapacityTeamDraft>; readonly pageSaving: boolean }) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const { draft } = state;
  const choose = (source: CapacityTeamDraft['source']) => actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, source }), clears: [TEAM_GROUP_KEY] });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        {TEAM_COPY.title}
      </h2>
      <p className="fb-helper">
        {TEAM_COPY.intro}
        {state.view.config.capacityTeam === undefined ? TEAM_COPY.unsaved : ''}
      </p>
      <NoticeBanner notice={state.notice} />
      <label className="fb-choice fb-choice--wrap">
        <input type="radio" name={`${id}-source`} checked={draft.source === 'worklog-authors'} disabled={disabled} onChange={() => choose('worklog-authors')} />
        <span>{TEAM_COPY.worklogAuthors}</span>
      </label>
      <label className="fb-choice fb-choice--wrap">
        <input type="radio" name={`${id}-source`} checked={draft.source === 'group'} disabled={disabled} onChange={() => choose('group')} />
        <span>{TEAM_COPY.group}</span>
      </label>
      {draft.source === 'group' ? (
        <TextField
          id={`${id}-group`}
          label={TEAM_COPY.groupName}
          maxLength={255}
          value={draft.groupName}
          error={state.fieldErrors[TEAM_GROUP_KEY]}
          disabled={disabled}
          onChange={(groupName) => actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, groupName }), clears: [TEAM_GROUP_KEY] })}
        />
      ) : null}
      {canEdit ? <SaveBar label={TEAM_COPY.save} saving={state.saving} dirty={isCapacityTeamDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}
