import { DEFAULT_FIELD_RULES, DEFAULT_TRIAGERS, type FieldRule, type FieldRules, type ProjectConfig } from '../../contract/project-config.contract';
import type { ReportFieldId } from '../../contract/report.contract';

/** Sensible defaults (what a developer needs to act, without asking a support request for steps) live in the contract, where the settings page reads them too. */
export { DEFAULT_FIELD_RULES } from '../../contract/project-config.values';

export const DEFAULT_PROJECT_CONFIG: ProjectConfig = {
  productionIssueTypes: ['Bug', 'Incident', 'Support request'],
  defaultFieldRules: DEFAULT_FIELD_RULES,
  fieldRulesByIssueType: {
    // A support request often has no "expected" behaviour and no steps beyond the question itself.
    'Support request': { stepsToReproduce: 'optional', expectedResult: 'optional', customers: 'required' },
    // An incident is reported while it burns: what is broken and for whom matters first.
    Incident: { stepsToReproduce: 'optional', affectedUsers: 'required' },
  },
  manualItems: [{ id: 'reproduced-internally', label: 'Reproduced internally (link to the reproduction)', needsNote: true }],
  sendBackStatus: 'Waiting for reporter',
  triagers: DEFAULT_TRIAGERS,
};

/** The rule for every field on one issue type: type overrides, then project defaults, then ours. */
export const fieldRulesFor = (config: ProjectConfig, issueTypeName: string): Record<ReportFieldId, FieldRule> => {
  const overrides: FieldRules = config.fieldRulesByIssueType[issueTypeName] ?? {};
  return { ...DEFAULT_FIELD_RULES, ...config.defaultFieldRules, ...overrides };
};

export const isProductionIssueType = (config: ProjectConfig, issueTypeName: string): boolean =>
  config.productionIssueTypes.some((name) => name.toLowerCase() === issueTypeName.toLowerCase());
