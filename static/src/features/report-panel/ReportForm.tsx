import type { ReportFieldId, ReportView } from '@contract/report.contract';
import { type KeyboardEvent, useEffect, useId } from 'react';

import { CHOICE_LABELS, isChoiceField } from '@contract/report.values';
import { severityPickRule } from '../../shared/report-view';
import { FieldError, FieldWarnings, describedBy } from '../../ui/FieldMessages';
import { useSaveForm } from '../../ui/use-save-form';
import { COPY, describeCharacterCount } from './report-copy';
import { adviceFor, type VisibleField } from './report-form';
import type { ReadyState } from './report-panel.state';
import type { ReportPanelActions } from './use-report-panel';

/**
 * Edit mode: every field the template shows for this issue type, in its order, then the reporter's
 * severity pick. Values stay strings until `draftToPayload` reads them back on save.
 */
export function ReportForm({ state, actions, locale }: { readonly state: ReadyState; readonly actions: ReportPanelActions; readonly locale: string | undefined }) {
  // A field error moves focus to the first marked control. The editor opens without errors, so that
  // never competes with the first-field focus below.
  const form = useSaveForm(actions.save, state.fieldErrors);
  const headingId = useId();
  const saving = state.busy === 'save';
  const pickRule = severityPickRule(state.view);

  // Opening the editor puts the cursor in the first field.
  useEffect(() => {
    form.ref.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [form.ref]);
  // Ctrl/Cmd+Enter saves and Escape cancels, as in Jira's own editors.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      actions.save();
    } else if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      actions.dispatch({ type: 'cancel' });
    }
  };

  return (
    <form ref={form.ref} className="fb-form" onSubmit={form.onSubmit} onKeyDown={onKeyDown} noValidate aria-labelledby={headingId}>
      <h2 className="fb-heading" id={headingId}>
        Edit production report
      </h2>
      {state.view.fields.map((field) => {
        const value = state.draft.values[field.id as ReportFieldId];
        const error = state.fieldErrors[field.id];
        // Judged on what is in the box now, as the person types; a save error saying the same is not repeated.
        const advice = adviceFor(field, value);
        return (
          <FieldControl
            key={field.id}
            field={field}
            value={value}
            error={error}
            warnings={advice === null || advice === error ? [] : [advice]}
            readOnly={saving}
            locale={locale}
            onChange={(next) => actions.dispatch({ type: 'change', field: field.id as ReportFieldId, value: next })}
          />
        );
      })}
      <SeverityPicker
        scale={state.view.scale}
        value={state.draft.reporterSeverity}
        error={state.fieldErrors['reporterSeverity']}
        note={pickRule.note}
        disabled={saving || !pickRule.canPick}
        onPick={(level) => actions.dispatch({ type: 'pickSeverity', level })}
      />
      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" aria-label="Save report" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="fb-button fb-button--subtle" onClick={() => actions.dispatch({ type: 'cancel' })} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface FieldControlProps {
  readonly field: VisibleField;
  readonly value: string;
  readonly error: string | undefined;
  readonly warnings: readonly string[];
  readonly readOnly: boolean;
  readonly locale: string | undefined;
  readonly onChange: (value: string) => void;
}

/**
 * One template field. Its accessible name is the label alone ("Steps to reproduce"): "(required)"
 * sits outside the <label> and the control says it with `aria-required`.
 */
function FieldControl({ field, value, error, warnings, readOnly, locale, onChange }: FieldControlProps) {
  const id = useId();
  const helperId = `${id}-helper`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const counterId = `${id}-counter`;
  const required = field.rule === 'required';
  const count = field.kind === 'long-text' ? describeCharacterCount(value.length, undefined, locale) : undefined;
  const described = describedBy(helperId, error !== undefined && errorId, warnings.length > 0 && warningId, count?.visible === true && counterId);
  const invalid = error !== undefined || count?.over === true;

  if (field.kind === 'choice') {
    const options = isChoiceField(field.id) ? (Object.entries(CHOICE_LABELS[field.id]) as Array<[string, string]>) : [];
    const legendId = `${id}-legend`;
    return (
      <fieldset className="fb-field fb-fieldset" role="radiogroup" aria-labelledby={legendId} aria-describedby={described} aria-required={required} aria-invalid={invalid}>
        <legend className="fb-label">
          <span id={legendId}>{field.label}</span>
          {required ? <RequiredMarker /> : null}
        </legend>
        <p className="fb-helper" id={helperId}>
          {field.prompt}
        </p>
        <div className="fb-choices">
          {options.map(([optionValue, label]) => (
            <label key={optionValue} className="fb-choice">
              <input type="radio" name={id} value={optionValue} checked={value === optionValue} disabled={readOnly} onChange={() => onChange(optionValue)} />
              {label}
            </label>
          ))}
        </div>
        <FieldError id={errorId} message={error} />
        <FieldWarnings id={warningId} messages={warnings} />
      </fieldset>
    );
  }

  const common = {
    id,
    value,
    readOnly,
    'aria-required': required,
    'aria-invalid': invalid,
    'aria-describedby': described,
  } as const;

  return (
    <div className="fb-field">
      <div className="fb-label-row">
        <label className="fb-label" htmlFor={id}>
          {field.label}
        </label>
        {required ? <RequiredMarker /> : null}
      </div>
      {field.kind === 'long-text' || field.kind === 'links' ? (
        <textarea
          {...common}
          className={field.id === 'stepsToReproduce' ? 'fb-textarea' : 'fb-textarea fb-textarea--compact'}
          rows={field.id === 'stepsToReproduce' ? 6 : 3}
          placeholder={field.kind === 'links' ? 'https://… (one link per line)' : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          className={field.kind === 'number' ? 'fb-input fb-input--number' : 'fb-input'}
          type="text"
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <p className="fb-helper" id={helperId}>
        {field.prompt}
      </p>
      <FieldError id={errorId} message={error} />
      <FieldWarnings id={warningId} messages={warnings} />
      {count?.visible === true ? (
        <p className={count.over ? 'fb-counter fb-counter--over' : 'fb-counter'} id={counterId}>
          {count.text}
        </p>
      ) : null}
    </div>
  );
}

function RequiredMarker() {
  return (
    <span className="fb-required" aria-hidden="true">
      (required)
    </span>
  );
}

/** The reporter's pick, with what each level means and the response it asks for. */
function SeverityPicker({
  scale,
  value,
  error,
  note,
  disabled,
  onPick,
}: {
  readonly scale: ReportView['scale'];
  readonly value: string | null;
  readonly error: string | undefined;
  /** Who may pick, when it is not simply the viewer. */
  readonly note: string | null;
  readonly disabled: boolean;
  readonly onPick: (level: string) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  return (
    <fieldset
      className="fb-field fb-fieldset"
      role="radiogroup"
      aria-invalid={error !== undefined}
      aria-describedby={describedBy(note !== null && noteId, error !== undefined && errorId)}
    >
      <legend className="fb-label">{COPY.severityLegend}</legend>
      {note === null ? null : (
        <p className="fb-helper" id={noteId}>
          {note}
        </p>
      )}
      <div className="fb-levels">
        {scale.map((level) => {
          const detailId = `${id}-${level.id}`;
          const nameId = `${detailId}-name`;
          return (
            <label key={level.id} className={value === level.id ? 'fb-level fb-level--checked' : 'fb-level'}>
              <input type="radio" name={id} value={level.id} checked={value === level.id} disabled={disabled} aria-labelledby={nameId} aria-describedby={detailId} onChange={() => onPick(level.id)} />
              <span className="fb-level__body">
                <span className="fb-level__name" id={nameId}>
                  {level.name}
                </span>
                <span id={detailId} className="fb-level__detail">
                  <span className="fb-level__response">{level.response}</span>
                  <span className="fb-level__definition">{level.definition}</span>
                  {level.examples.length === 0 ? null : <span className="fb-level__examples">For example: {level.examples.join('; ')}.</span>}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
