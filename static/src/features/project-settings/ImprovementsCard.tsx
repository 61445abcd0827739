import { useId } from 'react';

import { NoticeBanner } from '../../ui/Banner';
import { TextField } from '../../ui/Field';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { canEditCard } from './config-card.state';
import { type ImprovementsCard as ImprovementsCardState, isImprovementsDirty } from './improvements-card.state';
import type { Improvements, ImprovementsField } from './settings-form';
import type { CardActions } from './use-project-settings';

export function ImprovementsCard({ state, actions, pageSaving }: { readonly state: ImprovementsCardState; readonly actions: CardActions<Improvements>; readonly pageSaving: boolean }) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const draft = state.draft;
  const errorOf = (field: ImprovementsField) => state.fieldErrors[`improvements.${field}`];
  const edit = (field: ImprovementsField, value: string) => actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, [field]: value }), clears: [`improvements.${field}`] });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Postmortem action items
      </h2>
      <p className="fb-helper">
        Where action items from this project’s postmortems are filed.
        {state.view.config.improvements === undefined ? ' Nothing is saved yet: these are Firebreak’s defaults.' : ''}
      </p>
      <NoticeBanner notice={state.notice} />
      <TextField id={`${id}-project`} label="Improvements project key" maxLength={50} value={draft.projectKey} error={errorOf('projectKey')} disabled={disabled} onChange={(value) => edit('projectKey', value.toUpperCase())} />
      <TextField id={`${id}-type`} label="Improvements issue type" maxLength={60} value={draft.issueType} error={errorOf('issueType')} disabled={disabled} onChange={(value) => edit('issueType', value)} />
      <TextField id={`${id}-label`} label="Improvements label" maxLength={255} value={draft.label} error={errorOf('label')} disabled={disabled} onChange={(value) => edit('label', value)} />
      {canEdit ? <SaveBar label="Save improvements backlog" saving={state.saving} dirty={isImprovementsDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}
