import type { FieldRule, ProjectConfig } from '@contract/project-config.contract';
import { useId } from 'react';

import { TEMPLATE_FIELDS } from '../../shared/report-template';
import { FieldError } from '../../ui/FieldMessages';
import { RULE_LABELS, defaultRuleOf, setDefaultRule, setTypeRule, typeRuleOf } from './settings-form';
import type { SettingsSectionProps } from './settings-section';

const RULES: readonly FieldRule[] = ['required', 'optional', 'hidden'];

const RULE_OPTIONS = RULES.map((rule) => (
  <option key={rule} value={rule}>
    {RULE_LABELS[rule]}
  </option>
));

/** "Template fields": each field's rule for all production types, and per type where it differs. */
export function FieldRulesTable({ state, dispatch, disabled }: SettingsSectionProps) {
  const id = useId();
  const types = state.draft.productionIssueTypes;
  const error = state.fieldErrors['fieldRules'];
  const edit = (change: (config: ProjectConfig) => ProjectConfig) => dispatch({ type: 'edit', clears: 'fieldRules', change });
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
                    {RULE_OPTIONS}
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
                      {RULE_OPTIONS}
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
