import { WIP_CLASS_NAMES } from '@contract/project-config.values';
import { TRIAGE_LABELS } from '@contract/report.values';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@contract/triage.values';
import { useId } from 'react';

import { NoticeBanner } from '../../ui/Banner';
import { Field } from '../../ui/Field';
import { FieldError } from '../../ui/FieldMessages';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { canEditCard } from './config-card.state';
import type { CardActions } from './use-project-settings';
import { type WipLimitsCard as WipLimitsCardState, isWipLimitsDirty } from './wip-limits-card.state';
import { WIP_COPY, WIP_EXEMPT_KEY, type WipLimitsDraft, wipFieldKey } from './wip-limits-form';

/** The short name the WIP line uses, with the triage section's label when it differs ("ASAP bug (Bug: as soon as possible)"). */
const labelOf = (name: ClassOfService): string => {
  const triage: string = TRIAGE_LABELS.classOfService[name];
  return triage === WIP_CLASS_NAMES[name] ? triage : `${WIP_CLASS_NAMES[name]} (${triage})`;
};

/** "Support work in progress": a WIP limit per class of service, and the top level's exemption. */
export function WipLimitsCard({ state, actions, pageSaving }: { readonly state: WipLimitsCardState; readonly actions: CardActions<WipLimitsDraft>; readonly pageSaving: boolean }) {
  const id = useId();
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const draft = state.draft;
  const editLimit = (name: ClassOfService, value: string) =>
    actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, limits: { ...previous.limits, [name]: value } }), clears: [wipFieldKey(name)] });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        {WIP_COPY.title}
      </h2>
      <p className="fb-helper">
        {WIP_COPY.intro}
        {state.view.config.wipLimits === undefined ? WIP_COPY.unsaved : ''}
      </p>
      <NoticeBanner notice={state.notice} />
      {CLASSES_OF_SERVICE.map((name) => (
        <Field key={name} id={`${id}-${name}`} label={labelOf(name)} error={state.fieldErrors[wipFieldKey(name)]}>
          {(control) => (
            <input
              {...control}
              className="fb-input fb-input--number"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="No limit"
              maxLength={3}
              value={draft.limits[name]}
              disabled={disabled}
              onChange={(event) => editLimit(name, event.target.value)}
            />
          )}
        </Field>
      ))}
      <label className="fb-choice fb-choice--wrap">
        <input
          type="checkbox"
          checked={draft.topSeverityExempt}
          disabled={disabled}
          aria-describedby={state.fieldErrors[WIP_EXEMPT_KEY] === undefined ? undefined : `${id}-exempt-error`}
          onChange={(event) => {
            const topSeverityExempt = event.target.checked;
            actions.dispatch({ type: 'edit', change: (previous) => ({ ...previous, topSeverityExempt }), clears: [WIP_EXEMPT_KEY] });
          }}
        />
        <span>{WIP_COPY.exempt}</span>
      </label>
      <FieldError id={`${id}-exempt-error`} message={state.fieldErrors[WIP_EXEMPT_KEY]} />
      {canEdit ? <SaveBar label={WIP_COPY.save} saving={state.saving} dirty={isWipLimitsDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}
