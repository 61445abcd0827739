import type { ProjectConfig } from '@contract/project-config.contract';
import { useId } from 'react';

import { Banner, NoticeBanner } from '../../ui/Banner';
import { Field } from '../../ui/Field';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { SaveBar } from '../../ui/SaveBar';
import { useSaveForm } from '../../ui/use-save-form';
import { ChecklistItems } from './ChecklistItems';
import { SETTINGS_COPY, canEditCard } from './config-card.state';
import { FieldRulesTable } from './FieldRulesTable';
import { type SettingsCard as SettingsCardState, isSettingsDirty } from './settings-card.state';
import { issueTypeChoices, toggleProductionType } from './settings-form';
import type { SettingsSectionProps } from './settings-section';
import type { CardActions } from './use-project-settings';
import { WhoTriages } from './WhoTriages';

/** The main settings card, saved as a whole by "Save settings". `pageSaving`: any card's save is in flight. */
export function SettingsCard({ state, actions, pageSaving }: { readonly state: SettingsCardState; readonly actions: CardActions<ProjectConfig>; readonly pageSaving: boolean }) {
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditCard(state);
  const disabled = !canEdit || pageSaving;
  const { dispatch } = actions;

  return (
    <form ref={form.ref} className="fb-panel fb-settings" onSubmit={form.onSubmit} noValidate aria-labelledby="fb-settings-title">
      <header className="fb-settings__header">
        <h1 className="fb-title" id="fb-settings-title">
          Firebreak settings for {state.view.projectKey}
        </h1>
        <p className="fb-note">Which issue types carry the production report, which of its fields they ask for, and what the Definition of Ready checks.</p>
      </header>
      <NoticeBanner notice={state.notice} />
      {canEdit ? null : <Banner tone="info">{SETTINGS_COPY.readOnly}</Banner>}
      <IssueTypes state={state} dispatch={dispatch} disabled={disabled} />
      <FieldRulesTable state={state} dispatch={dispatch} disabled={disabled} />
      <ChecklistItems state={state} dispatch={dispatch} disabled={disabled} />
      <SendBackStatus state={state} dispatch={dispatch} disabled={disabled} />
      <RecurrenceWindow state={state} dispatch={dispatch} disabled={disabled} />
      <WhoTriages state={state} dispatch={dispatch} disabled={disabled} />
      {canEdit ? <SaveBar label="Save settings" saving={state.saving} dirty={isSettingsDirty(state)} disabled={pageSaving} /> : null}
    </form>
  );
}

/** "Production issue types": the types that carry the production report. */
function IssueTypes({ state, dispatch, disabled }: SettingsSectionProps) {
  const id = useId();
  const error = state.fieldErrors['productionIssueTypes'];
  const choices = issueTypeChoices(state.draft, state.view.issueTypes);
  return (
    <fieldset className="fb-card" aria-invalid={error !== undefined} aria-describedby={describedBy(`${id}-help`, error !== undefined && `${id}-error`)}>
      <legend className="fb-card__title">Production issue types</legend>
      <p className="fb-helper" id={`${id}-help`}>
        Issues of these types show the production report and its Definition of Ready.
      </p>
      <div className="fb-checkboxes">
        {choices.map((name) => (
          <label key={name} className="fb-choice">
            <input
              type="checkbox"
              checked={state.draft.productionIssueTypes.includes(name)}
              disabled={disabled}
              onChange={(event) => {
                const on = event.target.checked;
                dispatch({ type: 'edit', clears: 'productionIssueTypes', change: (config) => toggleProductionType(config, name, on, state.view.issueTypes) });
              }}
            />
            {name}
            {state.view.issueTypes.includes(name) ? null : <span className="fb-meta"> (not in this project)</span>}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** "Send back": the status an issue moves to when a triager sends it back. */
function SendBackStatus({ state, dispatch, disabled }: SettingsSectionProps) {
  const id = useId();
  const current = state.draft.sendBackStatus;
  const statuses = current === null || state.view.statuses.includes(current) ? state.view.statuses : [...state.view.statuses, current];
  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Send back
      </h2>
      <Field
        id={`${id}-status`}
        label="Status after sending back to the reporter"
        hint="The issue moves there when the workflow has a transition to it; otherwise it keeps its status."
        error={state.fieldErrors['sendBackStatus']}
      >
        {(control) => (
          <select
            {...control}
            className="fb-select fb-select--wide"
            value={current ?? ''}
            disabled={disabled}
            onChange={(event) => {
              const value = event.target.value;
              dispatch({ type: 'edit', clears: 'sendBackStatus', change: (config) => ({ ...config, sendBackStatus: value === '' ? null : value }) });
            }}
          >
            <option value="">Do not change the status</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        )}
      </Field>
    </section>
  );
}

/**
 * guards (issue 15): how long after an incident a new one on the same product/module or customer
 * flags its postmortem "recurred". Whole days, 1–365; empty keeps the default of 30.
 */
function RecurrenceWindow({ state, dispatch, disabled }: SettingsSectionProps) {
  const id = useId();
  const current = state.draft.recurrenceWindowDays;
  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Recurrence watch
      </h2>
      <Field
        id={`${id}-days`}
        label="Days after an incident to watch for a recurrence"
        hint="A new incident on the same product/module or customer within this many days flags the earlier postmortem “Recurred”. Leave empty for 30."
        error={state.fieldErrors['recurrenceWindowDays']}
      >
        {(control) => (
          <input
            {...control}
            className="fb-input fb-input--narrow"
            type="number"
            min={1}
            max={365}
            step={1}
            value={current === undefined ? '' : String(current)}
            disabled={disabled}
            onChange={(event) => {
              const raw = event.target.value.trim();
              const days = Number(raw);
              dispatch({
                type: 'edit',
                clears: 'recurrenceWindowDays',
                change: (config) => {
                  const { recurrenceWindowDays: _old, ...rest } = config;
                  // A value out of range is kept as typed; the server's schema says what is wrong.
                  return raw === '' || Number.isNaN(days) ? rest : { ...rest, recurrenceWindowDays: days };
                },
              });
            }}
          />
        )}
      </Field>
    </section>
  );
}
