import { useId, useState } from 'react';

import { AddField } from '../../ui/AddField';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { addTriagerGroup, checkNewGroup, removeTriagerGroup, roleChoices, toggleTriagerRole } from './settings-form';
import type { SettingsSectionProps } from './settings-section';

/**
 * "Who triages": the project roles (ticked from the project's own list, which Jira shows project
 * admins only) and groups (by name) whose members decide severities, classify and send back.
 */
export function WhoTriages({ state, dispatch, disabled }: SettingsSectionProps) {
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
    dispatch({ type: 'edit', clears: 'triagers', change: (config) => addTriagerGroup(config, group) });
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
                    dispatch({ type: 'edit', clears: 'triagers', change: (config) => toggleTriagerRole(config, name, on, roleNames) });
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
              <button type="button" className="fb-button fb-button--subtle" aria-label={`Remove group ${name}`} onClick={() => dispatch({ type: 'edit', clears: 'triagers', change: (config) => removeTriagerGroup(config, name) })}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {disabled ? null : (
        <div className="fb-inline">
          <AddField
            id={`${id}-group`}
            label="Add a group, by its name in Jira"
            value={group}
            error={addError}
            onChange={(value) => {
              setGroup(value);
              setAddError(null);
            }}
            onAdd={add}
          />
          <button type="button" className="fb-button" onClick={add}>
            Add group
          </button>
        </div>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
