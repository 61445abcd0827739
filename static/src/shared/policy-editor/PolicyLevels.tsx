import { DURATION_UNITS, type DurationUnit } from '@contract/duration-words';
import type { FoundPeople } from '@contract/on-call.contract';
import type { ResolverResult } from '@contract/result';
import { useId, useState } from 'react';

import { DEFAULT_PLAYBOOK, PLAYBOOK_LIMITS, POLICY_LIMITS, RELEASE_VEHICLES, RELEASE_VEHICLE_LABELS, type ReleaseVehicle } from '@contract/policy.values';
import { Field } from '../../ui/Field';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { ItemTools } from '../../ui/ItemTools';
import { PersonFinder } from '../../ui/PersonFinder';
import { type DurationDraft, UNIT_LABELS } from './duration';
import { type LevelDraft, type LevelField, type PolicyDraft, addLevel, escalationWords, moveLevel, removeLevel, setEscalationContact, updateLevel } from './policy-form';
import { type PolicyEditingState, canEditPolicy } from './policy-editor.state';

/** One edit of the policy draft; `clears` names the error it answers (`'all'` for moves and removals). */
export type Edit = (change: (draft: PolicyDraft) => PolicyDraft, clears?: string) => void;

/** part: updates (issue 16): searches people by name for a level's escalation contact (the site's people, or a project's assignable people). */
export type FindPeople = (query: string) => Promise<ResolverResult<FoundPeople>>;

/**
 * The level editor: one card per level, most severe first, and "Add level". Shared by the site's
 * policy page and a project's own policy on the project settings page; `heading` fits it under the
 * page's outline.
 */
export function PolicyLevels({ state, edit, disabled, findPeople, heading = 'h2' }: { readonly state: PolicyEditingState; readonly edit: Edit; readonly disabled: boolean; readonly findPeople: FindPeople; readonly heading?: 'h2' | 'h3' }) {
  const id = useId();
  // Names of people chosen on this page, beside those the stored policy names (the view's names).
  const [picked, setPicked] = useState<Readonly<Record<string, string>>>({});
  const people: PeopleNames = { names: { ...state.view.names, ...picked }, find: findPeople, remember: (person) => setPicked((known) => ({ ...known, [person.accountId]: person.displayName })) };
  const canEdit = canEditPolicy(state);
  const levels = state.draft.levels;
  const Heading = heading;
  return (
    <section className="fb-section" aria-labelledby={`${id}-levels`}>
      <Heading className={heading === 'h2' ? 'fb-heading' : 'fb-subheading'} id={`${id}-levels`}>
        Levels, most severe first
      </Heading>
      <FieldError id={`${id}-levels-error`} message={state.fieldErrors['levels']} />
      <ol className="fb-policy-levels">
        {levels.map((level, index) => (
          <LevelCard key={level.key} level={level} index={index} count={levels.length} state={state} edit={edit} disabled={disabled} people={people} />
        ))}
      </ol>
      {canEdit ? (
        <div className="fb-inline">
          <button type="button" className="fb-button" data-field="levels" disabled={disabled || levels.length >= POLICY_LIMITS.levelsMax} onClick={() => edit(addLevel, 'levels')}>
            Add level
          </button>
          {levels.length >= POLICY_LIMITS.levelsMax ? <span className="fb-meta">A scale holds at most six levels.</span> : null}
        </div>
      ) : null}
    </section>
  );
}

interface LevelCardProps {
  readonly level: LevelDraft;
  readonly index: number;
  readonly count: number;
  readonly state: PolicyEditingState;
  readonly edit: Edit;
  readonly disabled: boolean;
  readonly people: PeopleNames;
}

function LevelCard({ level, index, count, state, edit, disabled, people }: LevelCardProps) {
  const id = useId();
  const n = String(index + 1);
  const path = (field: LevelField) => `levels.${String(index)}.${field}`;
  const errorOf = (field: LevelField) => state.fieldErrors[path(field)];
  const change = (field: LevelField, patch: Parameters<typeof updateLevel>[2]) => edit((draft) => updateLevel(draft, index, patch), path(field));
  const canEdit = canEditPolicy(state);
  const position = index === 0 ? 'Most severe' : index === count - 1 ? 'Least severe' : null;
  const priorities = level.jiraPriority === null || state.view.jiraPriorities.includes(level.jiraPriority) ? state.view.jiraPriorities : [...state.view.jiraPriorities, level.jiraPriority];

  const text = (field: 'name' | 'response', label: string, hint: string) => (
    <Field id={`${id}-${field}`} label={label} hint={hint} hintClass="fb-meta" error={errorOf(field)}>
      {(control) => <input {...control} data-field={path(field)} className="fb-input" type="text" value={level[field]} disabled={disabled} onChange={(event) => change(field, { [field]: event.target.value })} />}
    </Field>
  );

  const area = (field: 'definition' | 'examples', label: string, hint?: string) => (
    <Field id={`${id}-${field}`} label={label} hint={hint} error={errorOf(field)}>
      {(control) => (
        <textarea
          {...control}
          data-field={path(field)}
          className={`fb-textarea fb-textarea--compact${field === 'examples' ? ' fb-textarea--lines' : ''}`}
          value={level[field]}
          disabled={disabled}
          onChange={(event) => change(field, { [field]: event.target.value })}
        />
      )}
    </Field>
  );

  return (
    <li className="fb-policy-level">
      <fieldset className="fb-card" aria-describedby={`${id}-position`}>
        <legend className="fb-card__title">Level {n}</legend>
        <div className="fb-policy-level__bar">
          <p className="fb-meta" id={`${id}-position`}>
            {[position, level.name.trim()].filter((part) => part !== null && part !== '').join(' · ')}
          </p>
          {canEdit ? (
            <ItemTools noun="level" index={index} count={count} disabled={disabled} onMove={(by) => edit((draft) => moveLevel(draft, index, by), 'all')} onRemove={() => edit((draft) => removeLevel(draft, index), 'all')} />
          ) : null}
        </div>
        <div className="fb-policy-grid">{text('name', 'Name', `Id: ${level.id}${level.idFixed ? ' (fixed: reports and JQL refer to it)' : ' (made from the name)'}`)}</div>
        {area('definition', 'Definition')}
        {area('examples', 'Examples (one per line)', `Up to ${String(POLICY_LIMITS.examplesMax)}.`)}
        {text('response', 'Response asked of the reporter', 'What the reporter reads when choosing this level.')}
        <div className="fb-policy-grid">
          <DurationField field={path('responseTargetMinutes')} label="Response target" value={level.responseTarget} error={errorOf('responseTargetMinutes')} disabled={disabled} onChange={(value) => value === null || change('responseTargetMinutes', { responseTarget: value })} />
          <DurationField
            field={path('updateCadenceMinutes')}
            label="Update cadence"
            value={level.updateCadence}
            allowNone
            error={errorOf('updateCadenceMinutes')}
            disabled={disabled}
            onChange={(value) => change('updateCadenceMinutes', { updateCadence: value })}
          />
          <DurationField field={path('confirmWithinMinutes')} label="Time to confirm the reporter's pick" value={level.confirmWithin} error={errorOf('confirmWithinMinutes')} disabled={disabled} onChange={(value) => value === null || change('confirmWithinMinutes', { confirmWithin: value })} />
          {/* disputes (issue 16 part 4) */}
          <DurationField field={path('disputeTimeBoxMinutes')} label="Time to rule on a severity dispute" value={level.disputeTimeBox} error={errorOf('disputeTimeBoxMinutes')} disabled={disabled} onChange={(value) => value === null || change('disputeTimeBoxMinutes', { disputeTimeBox: value })} />
          <Field id={`${id}-vehicle`} label="Release vehicle" error={errorOf('releaseVehicle')}>
            {(control) => (
              <select {...control} data-field={path('releaseVehicle')} className="fb-select" value={level.releaseVehicle} disabled={disabled} onChange={(event) => change('releaseVehicle', { releaseVehicle: event.target.value as ReleaseVehicle })}>
                {RELEASE_VEHICLES.map((vehicle) => (
                  <option key={vehicle} value={vehicle}>
                    {RELEASE_VEHICLE_LABELS[vehicle]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-priority`} label="Jira priority" error={errorOf('jiraPriority')}>
            {(control) => (
              <select
                {...control}
                data-field={path('jiraPriority')}
                className="fb-select"
                value={level.jiraPriority ?? ''}
                disabled={disabled}
                onChange={(event) => change('jiraPriority', { jiraPriority: event.target.value === '' ? null : event.target.value })}
              >
                <option value="">Don’t change priority</option>
                {priorities.map((priority) => (
                  <option key={priority} value={priority}>
                    {state.view.jiraPriorities.includes(priority) ? priority : `${priority} (not on this site)`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${id}-budget`}
            label="Weekly budget"
            hint={index === 0 ? 'Issues a week before quality work takes precedence. Empty: no budget.' : 'Counted for the top level only. Empty: no budget.'}
            error={errorOf('weeklyBudget')}
          >
            {(control) => (
              <input
                {...control}
                data-field={path('weeklyBudget')}
                className="fb-input fb-input--short"
                type="text"
                inputMode="numeric"
                value={level.weeklyBudget}
                disabled={disabled}
                onChange={(event) => change('weeklyBudget', { weeklyBudget: event.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="fb-checkboxes">
          <label className="fb-choice">
            {/* playbook part (issue 16): an all-hands level starts from the usual sequence. */}
            <input
              type="checkbox"
              checked={level.allHands}
              disabled={disabled}
              onChange={(event) => change('allHands', { allHands: event.target.checked, ...(event.target.checked && level.playbook.trim() === '' ? { playbook: DEFAULT_PLAYBOOK.join('\n') } : {}) })}
            />
            All hands
          </label>
          <label className="fb-choice">
            <input type="checkbox" checked={level.postmortemRequired} disabled={disabled} onChange={(event) => change('postmortemRequired', { postmortemRequired: event.target.checked })} />
            Postmortem required
          </label>
        </div>
        {/* playbook part (issue 16) */}
        {level.allHands ? (
          <Field id={`${id}-playbook`} label="Playbook (one step per line)" hint={`What an all-hands incident works through; people tick each step in the Production report panel. Up to ${String(PLAYBOOK_LIMITS.stepsMax)} steps of ${String(PLAYBOOK_LIMITS.stepMax)} characters.`} error={errorOf('playbook')}>
            {(control) => (
              <textarea {...control} data-field={path('playbook')} className="fb-textarea fb-textarea--compact fb-textarea--lines" rows={7} value={level.playbook} disabled={disabled} onChange={(event) => change('playbook', { playbook: event.target.value })} />
            )}
          </Field>
        ) : null}
        <CommunicationFields level={level} field={path('communication')} error={errorOf('communication')} disabled={disabled} canEdit={canEdit} change={change} people={people} chooseContact={(accountId) => edit((draft) => setEscalationContact(draft, index, accountId), path('communication'))} />
      </fieldset>
    </li>
  );
}

const NONE = 'none';

/**
 * A duration typed as an amount and a unit. The unit keeps the number as typed ("2" stays 2, now in
 * hours): people choose the unit for the number they mean. `allowNone` adds "No updates" (null).
 */
function DurationField({
  field,
  label,
  value,
  allowNone = false,
  error,
  disabled,
  onChange,
}: {
  /** The error key this duration answers (`levels.0.responseTargetMinutes`), for the error summary's links. */
  readonly field: string;
  readonly label: string;
  readonly value: DurationDraft | null;
  readonly allowNone?: boolean;
  readonly error: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (value: DurationDraft | null) => void;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="fb-field">
      <label className="fb-label" htmlFor={value === null ? `${id}-unit` : `${id}-amount`}>
        {label}
      </label>
      <div className="fb-duration">
        {value === null ? null : (
          <input
            id={`${id}-amount`}
            data-field={field}
            className="fb-input fb-input--short"
            type="text"
            inputMode="decimal"
            value={value.amount}
            disabled={disabled}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy(error !== undefined && errorId)}
            onChange={(event) => onChange({ ...value, amount: event.target.value })}
          />
        )}
        <select
          id={`${id}-unit`}
          data-field={value === null ? field : undefined}
          className="fb-select"
          aria-label={`${label} unit`}
          value={value?.unit ?? NONE}
          disabled={disabled}
          onChange={(event) => {
            const unit = event.target.value;
            onChange(unit === NONE ? null : { amount: value?.amount ?? '1', unit: unit as DurationUnit });
          }}
        >
          {DURATION_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {UNIT_LABELS[unit]}
            </option>
          ))}
          {allowNone ? <option value={NONE}>No updates</option> : null}
        </select>
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

// ── part: updates (issue 16) ──────────────────────────────────────────────────────────────────

/** A level's stakeholder updates: sent directly or not, to whom (besides reporter, assignee and watchers), under which subject. */
function CommunicationFields({
  level,
  field,
  error,
  disabled,
  canEdit,
  change,
  people,
  chooseContact,
}: {
  readonly level: LevelDraft;
  readonly field: string;
  readonly error: string | undefined;
  readonly disabled: boolean;
  readonly canEdit: boolean;
  readonly change: (field: LevelField, patch: Partial<LevelDraft>) => void;
  readonly people: PeopleNames;
  readonly chooseContact: (accountId: string | null) => void;
}) {
  const id = useId();
  const communication = level.communication;
  const set = (patch: Partial<LevelDraft['communication']>) => change('communication', { communication: { ...communication, ...patch, own: true } });
  return (
    <fieldset className="fb-subfieldset" data-field={field} aria-describedby={describedBy(error === undefined ? undefined : `${id}-error`)}>
      <legend>Stakeholder updates</legend>
      <label className="fb-choice">
        <input type="checkbox" checked={communication.direct} disabled={disabled} onChange={(event) => set({ direct: event.target.checked })} />
        Send updates directly (Post update in the Production report panel)
      </label>
      {communication.direct ? (
        <>
          <p className="fb-meta">The reporter, the assignee and the issue’s watchers always hear. Also:</p>
          <label className="fb-label" htmlFor={`${id}-groups`}>Groups (names, comma-separated)</label>
          <input id={`${id}-groups`} className="fb-input" type="text" value={communication.groups} disabled={disabled} onChange={(event) => set({ groups: event.target.value })} />
          <label className="fb-label" htmlFor={`${id}-roles`}>Project roles (names, comma-separated)</label>
          <input id={`${id}-roles`} className="fb-input" type="text" value={communication.roles} disabled={disabled} onChange={(event) => set({ roles: event.target.value })} />
          <label className="fb-label" htmlFor={`${id}-subject`}>Subject ({'{LEVEL}'}, {'{level}'}, {'{summary}'} and {'{key}'} are filled in)</label>
          <input id={`${id}-subject`} className="fb-input" type="text" value={communication.subjectTemplate} disabled={disabled} onChange={(event) => set({ subjectTemplate: event.target.value })} />
        </>
      ) : (
        <p className="fb-meta">No direct communication: issues at this level are handled through the normal process, and the panel says so.</p>
      )}
      {level.updateCadence === null ? null : <EscalationContactField level={level} disabled={disabled} canEdit={canEdit} people={people} choose={chooseContact} />}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** Display names by account id, the people search, and a way to remember the name of a person just chosen. */
interface PeopleNames {
  readonly names: Readonly<Record<string, string>>;
  readonly find: FindPeople;
  readonly remember: (person: { readonly accountId: string; readonly displayName: string }) => void;
}

/**
 * Who hears of a missed update after a second interval: a person found by name (never an account id
 * typed in), shown by name, with what happens in words.
 */
function EscalationContactField({ level, disabled, canEdit, people, choose }: { readonly level: LevelDraft; readonly disabled: boolean; readonly canEdit: boolean; readonly people: PeopleNames; readonly choose: (accountId: string | null) => void }) {
  const id = useId();
  const contact = level.communication.escalationContact;
  // An id Jira would not name to this admin (a deactivated account, say) is still not shown raw.
  const contactName = contact === null ? null : (people.names[contact] ?? 'a person Jira does not name to you');
  return (
    <div className="fb-field">
      <p className="fb-label">Escalation contact</p>
      <p className="fb-note">{contactName === null ? 'Nobody.' : `${contactName}.`}</p>
      <p className="fb-meta">{escalationWords(level, contactName)}</p>
      {canEdit ? (
        <>
          <label className="fb-label" htmlFor={`${id}-find`}>
            {contact === null ? 'Choose' : 'Change to'} a person
          </label>
          <PersonFinder
            id={`${id}-find`}
            find={people.find}
            nobodyFound={(typed) => `Nobody found whose name starts with “${typed}”.`}
            actionLabel="Choose"
            onPick={(person) => {
              people.remember(person);
              choose(person.accountId);
            }}
            disabled={disabled}
          >
            {contact === null ? null : (
              <button type="button" className="fb-button fb-button--subtle" disabled={disabled} onClick={() => choose(null)}>
                No escalation contact
              </button>
            )}
          </PersonFinder>
        </>
      ) : null}
    </div>
  );
}
