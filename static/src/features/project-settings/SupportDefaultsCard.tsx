import { useId } from 'react';

import type { CriteriaDraft, CriteriaField } from '../../shared/criteria-form';
import { NoticeBanner } from '../../ui/Banner';
import { CriteriaInputs } from '../../ui/CriteriaInputs';
import { FieldError } from '../../ui/FieldMessages';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { canEditCard } from './config-card.state';
import { type SupportCard, isSupportDirty } from './support-card.state';
import type { CardActions } from './use-project-settings';

/** "What counts as production support": the capacity gadget's defaults for this project, saved on their own. */
export function SupportDefaultsCard({ state, actions, pageSaving }: { readonly state: SupportCard; readonly actions: CardActions<CriteriaDraft>; readonly pageSaving: boolean }) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const errorOf = (field: CriteriaField) => state.fieldErrors[`supportCriteria.${field}`];
  const edit = (change: Partial<CriteriaDraft>, clears: readonly CriteriaField[]) =>
    actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, ...change }), clears: clears.map((field) => `supportCriteria.${field}`) });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        What counts as production support (capacity gadget defaults)
      </h2>
      <p className="fb-helper" id={`${id}-help`}>
        Capacity gadgets on this project’s boards count an issue as production support when any one of these matches, unless a gadget chooses its own.
        {state.view.config.supportCriteria === undefined ? ' Nothing is saved yet: these are Firebreak’s built-in defaults.' : ''}
      </p>
      <NoticeBanner notice={state.notice} />
      <CriteriaInputs id={id} draft={state.draft} errorOf={errorOf} disabled={disabled} kindsErrorId={`${id}-criteria-error`} edit={edit} />
      <FieldError id={`${id}-criteria-error`} message={errorOf('criteria')} />
      {canEdit ? <SaveBar label="Save support defaults" saving={state.saving} dirty={isSupportDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}
