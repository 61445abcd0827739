import { CAPACITY_LIMITS } from '@contract/capacity.values';

import { CLASS_OF_SERVICE_OPTIONS, ISSUE_KIND_OPTIONS } from '../shared/capacity';
import { CRITERIA_COPY, type CriteriaDraft, type CriteriaField, toggle } from '../shared/criteria-form';
import { TextField } from './Field';
import { describedBy } from './FieldMessages';

const KIND_IDS = ISSUE_KIND_OPTIONS.map((option) => option.id);
const CLASS_IDS = CLASS_OF_SERVICE_OPTIONS.map((option) => option.id);

/**
 * The inputs of "what counts as production support": kinds, classes of service, issue types,
 * labels and a JQL clause. Shared by the capacity gadget's editor and a project's support defaults;
 * the caller shows the error that names no one input (`criteria`).
 */
export function CriteriaInputs({
  id,
  draft,
  errorOf,
  disabled,
  kindsErrorId,
  edit,
}: {
  readonly id: string;
  readonly draft: CriteriaDraft;
  readonly errorOf: (field: CriteriaField) => string | undefined;
  readonly disabled?: boolean;
  /** Where the `criteria` error is shown, when the Kinds group is the control that carries it. */
  readonly kindsErrorId?: string;
  readonly edit: (change: Partial<CriteriaDraft>, clears: readonly CriteriaField[]) => void;
}) {
  const criteriaError = errorOf('criteria');
  return (
    <>
      <fieldset
        className="fb-fieldset"
        aria-invalid={kindsErrorId === undefined ? undefined : criteriaError !== undefined}
        aria-describedby={kindsErrorId === undefined ? undefined : describedBy(criteriaError !== undefined && kindsErrorId)}
      >
        <legend className="fb-label">Kinds</legend>
        <div className="fb-checkboxes">
          {ISSUE_KIND_OPTIONS.map((option) => (
            <label key={option.id} className="fb-choice">
              <input type="checkbox" checked={draft.kinds.includes(option.id)} disabled={disabled} onChange={(event) => edit({ kinds: toggle(draft.kinds, option.id, event.target.checked, KIND_IDS) }, ['criteria'])} />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fb-fieldset">
        <legend className="fb-label">Classes of service</legend>
        <div className="fb-checkboxes">
          {CLASS_OF_SERVICE_OPTIONS.map((option) => (
            <label key={option.id} className="fb-choice">
              <input
                type="checkbox"
                checked={draft.classesOfService.includes(option.id)}
                disabled={disabled}
                onChange={(event) => edit({ classesOfService: toggle(draft.classesOfService, option.id, event.target.checked, CLASS_IDS) }, ['criteria'])}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextField id={`${id}-types`} label="Issue types (comma-separated)" value={draft.issueTypes} error={errorOf('issueTypes')} disabled={disabled} onChange={(issueTypes) => edit({ issueTypes }, ['issueTypes', 'criteria'])} />
      <TextField id={`${id}-labels`} label="Labels (comma-separated)" value={draft.labels} error={errorOf('labels')} disabled={disabled} onChange={(labels) => edit({ labels }, ['labels', 'criteria'])} />
      <TextField
        id={`${id}-jql`}
        label="JQL clause"
        hint={CRITERIA_COPY.jqlHelp}
        maxLength={CAPACITY_LIMITS.jqlMax}
        value={draft.jql}
        error={errorOf('jql')}
        disabled={disabled}
        onChange={(jql) => edit({ jql }, ['jql', 'criteria'])}
      />
    </>
  );
}
