import type { PolicyView } from '@contract/policy.contract';
import type { FieldRule, ProjectConfig, ProjectConfigView } from '@contract/project-config.contract';
import type { ResolverResult } from '@contract/result';
import { useId, useState } from 'react';

import type { CallResolver } from '../../api/client';
import type { CriteriaDraft, CriteriaField } from '../../shared/criteria-form';
import { REPORT_FIELDS as TEMPLATE_FIELDS } from '@contract/report.values';
import { Banner, NoticeBanner } from '../../ui/Banner';
import { CriteriaInputs } from '../../ui/CriteriaInputs';
import { Field, TextField } from '../../ui/Field';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { ItemTools } from '../../ui/ItemTools';
import { LoadFailed } from '../../ui/LoadFailed';
import { SaveBar } from '../../ui/SaveBar';
import { Shell } from '../../ui/Shell';
import { useSaveForm } from '../../ui/use-save-form';
import {
  type ImprovementsField,
  RULE_LABELS,
  addItem,
  addTriagerGroup,
  checkNewGroup,
  checkNewItemLabel,
  defaultRuleOf,
  issueTypeChoices,
  moveItem,
  removeItem,
  removeTriagerGroup,
  roleChoices,
  setDefaultRule,
  setTypeRule,
  toggleProductionType,
  toggleTriagerRole,
  typeRuleOf,
  updateItem,
} from './settings-form';
import { canEditPolicy, isPolicyDirty } from '../policy-admin/policy-admin.state';
import { type Edit, PolicyLevels } from '../policy-admin/PolicyLevels';
import { PROJECT_POLICY_COPY, hasProjectPolicyChange, projectSourceSentence } from './project-policy.state';
import { type EditingState, SETTINGS_COPY, canEditSettings, isDirty, isImprovementsDirty, isSupportDirty } from './settings.state';
import { useProjectPolicy } from './use-project-policy';
import { type SettingsActions, useProjectSettings } from './use-project-settings';

export interface ProjectSettingsProps {
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  /** `config/getProject`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<ProjectConfigView>>;
  /** `policy/getProject`, sent the same way. */
  readonly policyLoad: Promise<ResolverResult<PolicyView>>;
}

const RULES: readonly FieldRule[] = ['required', 'optional', 'hidden'];

/** Firebreak's page in Project settings (`project-settings` in manifest.yml). */
export default function ProjectSettings(props: ProjectSettingsProps) {
  const [state, actions] = useProjectSettings(props.projectKey, props.callResolver, props.firstLoad);
  if (state.status === 'loading') return <Shell label={SETTINGS_COPY.loading} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} onRetry={actions.retry} />;
  return (
    <div className="fb-panel fb-settings">
      <SettingsForm state={state} actions={actions} />
      <ProjectPolicy projectKey={props.projectKey} callResolver={props.callResolver} firstLoad={props.policyLoad} />
      <SupportDefaults state={state} actions={actions} />
      <ImprovementsBacklog state={state} actions={actions} />
    </div>
  );
}

interface SectionProps {
  readonly state: EditingState;
  readonly actions: SettingsActions;
  readonly disabled: boolean;
}

function SettingsForm({ state, actions }: { readonly state: EditingState; readonly actions: SettingsActions }) {
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditSettings(state);
  const disabled = !canEdit || state.saving;
  // The support defaults and the improvements backlog show their own notices.
  const notice = state.notice?.part === 'support' || state.notice?.part === 'improvements' ? null : state.notice;

  return (
    <form ref={form.ref} className="fb-panel fb-settings" onSubmit={form.onSubmit} noValidate aria-labelledby="fb-settings-title">
      <header className="fb-settings__header">
        <h1 className="fb-title" id="fb-settings-title">
          Firebreak settings for {state.view.projectKey}
        </h1>
        <p className="fb-note">Which issue types carry the production report, which of its fields they ask for, and what the Definition of Ready checks.</p>
      </header>
      <NoticeBanner notice={notice} />
      {canEdit ? null : <Banner tone="info">{SETTINGS_COPY.readOnly}</Banner>}
      <IssueTypes state={state} actions={actions} disabled={disabled} />
      <FieldRulesTable state={state} actions={actions} disabled={disabled} />
      <ChecklistItems state={state} actions={actions} disabled={disabled} />
      <SendBackStatus state={state} actions={actions} disabled={disabled} />
      <WhoTriages state={state} actions={actions} disabled={disabled} />
      {canEdit ? <SaveBar label="Save settings" saving={state.saving} dirty={isDirty(state)} /> : null}
    </form>
  );
}

function IssueTypes({ state, actions, disabled }: SectionProps) {
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
                actions.dispatch({ type: 'edit', clears: 'productionIssueTypes', change: (config) => toggleProductionType(config, name, on, state.view.issueTypes) });
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

function FieldRulesTable({ state, actions, disabled }: SectionProps) {
  const id = useId();
  const types = state.draft.productionIssueTypes;
  const error = state.fieldErrors['fieldRules'];
  const edit = (change: (config: ProjectConfig) => ProjectConfig) => actions.dispatch({ type: 'edit', clears: 'fieldRules', change });
  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Template fields
      </h2>
      <p className="fb-helper" id={`${id}-help`}>
        Required fields must be filled before an issue is ready; hidden fields are not asked for. A column per issue type can differ from the default.
      </p>
      {/* The table scrolls sideways on narrow screens rather than squeezing the selects. */}
      <div className="fb-table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
        <table className="fb-table" aria-describedby={`${id}-help`}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">All production types</th>
              {types.map((type) => (
                <th scope="col" key={type}>
                  {type}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {TEMPLATE_FIELDS.map((field) => (
              <tr key={field.id}>
                <th scope="row">{field.label}</th>
                <td>
                  <select
                    className="fb-select"
                    aria-label={`${field.label}: all production types`}
                    value={defaultRuleOf(state.draft, field.id)}
                    disabled={disabled}
                    onChange={(event) => {
                      const rule = event.target.value as FieldRule;
                      edit((config) => setDefaultRule(config, field.id, rule));
                    }}
                  >
                    {RULES.map((rule) => (
                      <option key={rule} value={rule}>
                        {RULE_LABELS[rule]}
                      </option>
                    ))}
                  </select>
                </td>
                {types.map((type) => (
                  <td key={type}>
                    <select
                      className="fb-select"
                      aria-label={`${field.label}: ${type}`}
                      value={typeRuleOf(state.draft, type, field.id) ?? ''}
                      disabled={disabled}
                      onChange={(event) => {
                        const value = event.target.value;
                        edit((config) => setTypeRule(config, type, field.id, value === '' ? undefined : (value as FieldRule)));
                      }}
                    >
                      <option value="">Same as default</option>
                      {RULES.map((rule) => (
                        <option key={rule} value={rule}>
                          {RULE_LABELS[rule]}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </section>
  );
}

function ChecklistItems({ state, actions, disabled }: SectionProps) {
  const id = useId();
  const items = state.draft.manualItems;
  const [label, setLabel] = useState('');
  const [needsNote, setNeedsNote] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const listError = state.fieldErrors['manualItems'];

  const add = () => {
    const problem = checkNewItemLabel(state.draft, label);
    setAddError(problem);
    if (problem !== null) return;
    actions.dispatch({ type: 'edit', change: (config) => addItem(config, label, needsNote) });
    setLabel('');
    setNeedsNote(false);
  };

  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Definition of Ready checklist items
      </h2>
      <p className="fb-helper">Checks a triager ticks by hand before an issue is ready, besides the required fields, the severity and the classification.</p>
      {items.length === 0 ? <p className="fb-note">No manual checks.</p> : null}
      <ol className="fb-items">
        {items.map((item, index) => {
          const n = String(index + 1);
          const errorKey = `manualItems.${String(index)}.label`;
          return (
            <li key={item.id} className="fb-item">
              <Field
                id={`${id}-item-${item.id}`}
                className="fb-item__label"
                label={`Label of item ${n}`}
                hint={
                  <>
                    Id: <code>{item.id}</code>
                  </>
                }
                hintClass="fb-meta"
                error={state.fieldErrors[errorKey]}
              >
                {(control) => (
                  <input
                    {...control}
                    className="fb-input"
                    type="text"
                    value={item.label}
                    disabled={disabled}
                    onChange={(event) => {
                      const next = event.target.value;
                      actions.dispatch({ type: 'edit', clears: errorKey, change: (config) => updateItem(config, index, { label: next }) });
                    }}
                  />
                )}
              </Field>
              <label className="fb-choice">
                <input
                  type="checkbox"
                  checked={item.needsNote}
                  disabled={disabled}
                  aria-label={`Item ${n} needs a note`}
                  onChange={(event) => {
                    const next = event.target.checked;
                    actions.dispatch({ type: 'edit', change: (config) => updateItem(config, index, { needsNote: next }) });
                  }}
                />
                Needs a note
              </label>
              <ItemTools
                noun="item"
                index={index}
                count={items.length}
                disabled={disabled}
                onMove={(by) => actions.dispatch({ type: 'edit', change: (config) => moveItem(config, index, by) })}
                onRemove={() => actions.dispatch({ type: 'edit', change: (config) => removeItem(config, index) })}
              />
            </li>
          );
        })}
      </ol>
      <FieldError id={`${id}-list-error`} message={listError} />
      {disabled && !state.saving ? null : (
        <div className="fb-add" role="group" aria-labelledby={`${id}-add`}>
          <p className="fb-label" id={`${id}-add`}>
            Add an item
          </p>
          <Field id={`${id}-new`} label="New checklist item" error={addError ?? undefined}>
            {(control) => (
              <input
                {...control}
                className="fb-input"
                type="text"
                value={label}
                disabled={disabled}
                onChange={(event) => {
                  setLabel(event.target.value);
                  setAddError(null);
                }}
                onKeyDown={(event) => {
                  // Enter adds the item here instead of submitting the whole settings form.
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    add();
                  }
                }}
              />
            )}
          </Field>
          <div className="fb-inline">
            <label className="fb-choice">
              <input type="checkbox" checked={needsNote} disabled={disabled} onChange={(event) => setNeedsNote(event.target.checked)} />
              New item needs a note
            </label>
            <button type="button" className="fb-button" disabled={disabled} onClick={add}>
              Add item
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function SendBackStatus({ state, actions, disabled }: SectionProps) {
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
              actions.dispatch({ type: 'edit', clears: 'sendBackStatus', change: (config) => ({ ...config, sendBackStatus: value === '' ? null : value }) });
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
 * "Who triages": the project roles (ticked from the project's own list, which Jira shows project
 * admins only) and groups (by name) whose members decide severities, classify and send back.
 */
function WhoTriages({ state, actions, disabled }: SectionProps) {
  const id = useId();
  const [group, setGroup] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const error = state.fieldErrors['triagers'];
  const { triagers } = state.draft;
  const projectRoles = state.view.roles;
  const roleNames = projectRoles?.map((role) => role.name) ?? [];

  const add = () => {
    const problem = checkNewGroup(state.draft, group);
    setAddError(problem);
    if (problem !== null) return;
    actions.dispatch({ type: 'edit', clears: 'triagers', change: (config) => addTriagerGroup(config, group) });
    setGroup('');
  };

  return (
    <fieldset className="fb-card" aria-invalid={error !== undefined} aria-describedby={describedBy(`${id}-help`, error !== undefined && `${id}-error`)}>
      <legend className="fb-card__title">Who triages</legend>
      <p className="fb-helper" id={`${id}-help`}>
        Triagers decide the severity (agreeing with the reporter’s pick or changing it, with a reason), classify issues, tick the triager’s checklist items and send issues back to
        their reporter. Reporters pick a severity but do not decide it. Anyone in one of these project roles or groups triages; by default, the project’s Developers and Administrators
        roles.
      </p>
      <p className="fb-label">Project roles</p>
      {projectRoles === null ? (
        <p className="fb-note">{triagers.roles.length === 0 ? 'No role is chosen.' : `Chosen: ${triagers.roles.join(', ')}. Jira shows a project’s roles to its admins only.`}</p>
      ) : (
        <div className="fb-checkboxes">
          {roleChoices(state.draft, roleNames).map((name) => {
            const description = projectRoles.find((role) => role.name === name)?.description ?? '';
            return (
              <label key={name} className="fb-choice" title={description === '' ? undefined : description}>
                <input
                  type="checkbox"
                  checked={triagers.roles.includes(name)}
                  disabled={disabled}
                  onChange={(event) => {
                    const on = event.target.checked;
                    actions.dispatch({ type: 'edit', clears: 'triagers', change: (config) => toggleTriagerRole(config, name, on, roleNames) });
                  }}
                />
                {name}
                {roleNames.includes(name) ? null : <span className="fb-meta"> (not in this project)</span>}
              </label>
            );
          })}
        </div>
      )}
      <p className="fb-label">Groups</p>
      {triagers.groups.length === 0 ? <p className="fb-note">No group is chosen.</p> : null}
      <ul className="fb-items" aria-label="Triager groups">
        {triagers.groups.map((name) => (
          <li key={name} className="fb-item fb-inline">
            <span>{name}</span>
            {disabled ? null : (
              <button type="button" className="fb-button fb-button--subtle" aria-label={`Remove group ${name}`} onClick={() => actions.dispatch({ type: 'edit', clears: 'triagers', change: (config) => removeTriagerGroup(config, name) })}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {disabled ? null : (
        <div className="fb-inline">
          <Field id={`${id}-group`} label="Add a group, by its name in Jira" error={addError ?? undefined}>
            {(control) => (
              <input
                {...control}
                className="fb-input"
                type="text"
                value={group}
                onChange={(event) => {
                  setGroup(event.target.value);
                  setAddError(null);
                }}
                onKeyDown={(event) => {
                  // Enter adds the group here instead of submitting the whole settings form.
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    add();
                  }
                }}
              />
            )}
          </Field>
          <button type="button" className="fb-button" onClick={add}>
            Add group
          </button>
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** "Severity policy for this project": the site's policy, or this project's own (the admin page's level editor). */
function ProjectPolicy({ projectKey, callResolver, firstLoad }: { readonly projectKey: string; readonly callResolver: CallResolver; readonly firstLoad: Promise<ResolverResult<PolicyView>> }) {
  const id = useId();
  const [{ policy, override }, actions] = useProjectPolicy(projectKey, callResolver, firstLoad);
  const form = useSaveForm(actions.save, policy.status === 'ready' ? policy.fieldErrors : null);

  const title = (
    <h2 className="fb-card__title" id={`${id}-title`}>
      Severity policy for this project
    </h2>
  );
  if (policy.status === 'loading') {
    return (
      <section className="fb-card" aria-labelledby={`${id}-title`}>
        {title}
        <Shell label={PROJECT_POLICY_COPY.loading} />
      </section>
    );
  }
  if (policy.status === 'failed') {
    return (
      <section className="fb-card" aria-labelledby={`${id}-title`}>
        {title}
        <LoadFailed error={policy.error} onRetry={actions.retry} />
      </section>
    );
  }

  const canEdit = canEditPolicy(policy);
  const disabled = !canEdit || policy.saving;
  const changed = hasProjectPolicyChange(policy, override, isPolicyDirty(policy));
  const edit: Edit = (change, clears) => actions.dispatch({ type: 'edit', change, ...(clears === undefined ? {} : { clears }) });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      {title}
      <p className="fb-meta">{projectSourceSentence(policy.view)}</p>
      <NoticeBanner notice={policy.notice} />
      {canEdit ? (
        <label className="fb-choice">
          <input type="checkbox" checked={override} disabled={disabled} aria-describedby={`${id}-override-help`} onChange={(event) => actions.dispatch({ type: 'override', on: event.target.checked })} />
          Override the site policy for this project
        </label>
      ) : (
        <Banner tone="info">{PROJECT_POLICY_COPY.readOnly}</Banner>
      )}
      {canEdit ? (
        <p className="fb-helper" id={`${id}-override-help`}>
          {override ? 'This project uses the levels below instead of the site’s policy.' : 'Untick and save to go back to the site’s policy.'}
        </p>
      ) : null}
      {override ? <PolicyLevels state={policy} edit={edit} disabled={disabled} heading="h3" /> : null}
      {canEdit ? <SaveBar label="Save project policy" saving={policy.saving} dirty={changed} disabled={!changed} /> : null}
    </form>
  );
}

/** "What counts as production support": the capacity gadget's defaults for this project, saved on their own. */
function SupportDefaults({ state, actions }: { readonly state: EditingState; readonly actions: SettingsActions }) {
  const id = useId();
  const form = useSaveForm(actions.saveSupport, state.fieldErrors, 'supportCriteria.');
  const canEdit = canEditSettings(state);
  const disabled = !canEdit || state.saving;
  const errorOf = (field: CriteriaField) => state.fieldErrors[`supportCriteria.${field}`];
  const edit = (change: Partial<CriteriaDraft>, clears: readonly CriteriaField[]) =>
    actions.dispatch({ type: 'editSupport', change: (previous) => ({ ...previous, ...change }), clears: clears.map((field) => `supportCriteria.${field}`) });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        What counts as production support (capacity gadget defaults)
      </h2>
      <p className="fb-helper" id={`${id}-help`}>
        Capacity gadgets on this project’s boards count an issue as production support when any one of these matches, unless a gadget chooses its own.
        {state.view.config.supportCriteria === undefined ? ' Nothing is saved yet: these are Firebreak’s built-in defaults.' : ''}
      </p>
      <NoticeBanner notice={state.notice?.part === 'support' ? state.notice : null} />
      <CriteriaInputs id={id} draft={state.supportDraft} errorOf={errorOf} disabled={disabled} kindsErrorId={`${id}-criteria-error`} edit={edit} />
      <FieldError id={`${id}-criteria-error`} message={errorOf('criteria')} />
      {canEdit ? <SaveBar label="Save support defaults" saving={state.saving} dirty={isSupportDirty(state)} /> : null}
    </form>
  );
}

/** "Postmortem action items": where a postmortem's action items are filed, saved on their own. */
function ImprovementsBacklog({ state, actions }: { readonly state: EditingState; readonly actions: SettingsActions }) {
  const id = useId();
  const form = useSaveForm(actions.saveImprovements, state.fieldErrors, 'improvements.');
  const canEdit = canEditSettings(state);
  const disabled = !canEdit || state.saving;
  const draft = state.improvementsDraft;
  const errorOf = (field: ImprovementsField) => state.fieldErrors[`improvements.${field}`];
  const edit = (field: ImprovementsField, value: string) => actions.dispatch({ type: 'editImprovements', change: { [field]: value }, clears: [`improvements.${field}`] });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Postmortem action items
      </h2>
      <p className="fb-helper">
        Where action items from this project’s postmortems are filed.
        {state.view.config.improvements === undefined ? ' Nothing is saved yet: these are Firebreak’s defaults.' : ''}
      </p>
      <NoticeBanner notice={state.notice?.part === 'improvements' ? state.notice : null} />
      <TextField id={`${id}-project`} label="Improvements project key" maxLength={50} value={draft.projectKey} error={errorOf('projectKey')} disabled={disabled} onChange={(value) => edit('projectKey', value.toUpperCase())} />
      <TextField id={`${id}-type`} label="Improvements issue type" maxLength={60} value={draft.issueType} error={errorOf('issueType')} disabled={disabled} onChange={(value) => edit('issueType', value)} />
      <TextField id={`${id}-label`} label="Improvements label" maxLength={255} value={draft.label} error={errorOf('label')} disabled={disabled} onChange={(value) => edit('label', value)} />
      {canEdit ? <SaveBar label="Save improvements backlog" saving={state.saving} dirty={isImprovementsDirty(state)} /> : null}
    </form>
  );
}
