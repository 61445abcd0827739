/**
 * The project settings form as pure functions over `ProjectConfig`: each edit returns a new config,
 * so the page keeps one draft and the rules are tested without a browser.
 */
import type { FieldRule, ManualItem, ProjectConfig } from '@contract/project-config.contract';
import type { ReportFieldId } from '@contract/report.contract';

import { type CriteriaErrors, criteriaFieldOf } from '../../shared/criteria-form';
import { DEFAULT_FIELD_RULES as BUILT_IN_FIELD_RULES } from '@contract/project-config.values';
import { onCallBackendFieldOf } from './on-call-form';
import { wipFieldOf } from './wip-limits-form';

/** Same limits as `projectConfigSchema` (a test checks them). */
export const ITEM_ID_MAX = 40;
export const ITEM_LABEL_MIN = 3;
export const ITEM_LABEL_MAX = 120;
export const ITEMS_MAX = 15;
export const PRODUCTION_TYPES_MAX = 20;

export const RULE_LABELS: Readonly<Record<FieldRule, string>> = { required: 'Required', optional: 'Optional', hidden: 'Hidden' };

/**
 * A checklist item id from its label: lowercase words joined by hyphens, at most 40 characters,
 * unique among `taken` ("-2", "-3" … when needed). Ids are made once, on add, so renaming an item
 * later keeps the ticks stored under its id.
 */
export function slugify(label: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, ITEM_ID_MAX)
      .replace(/-+$/, '') || 'item';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${String(n)}`;
    const candidate = `${base.slice(0, ITEM_ID_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

export const defaultRuleOf = (config: ProjectConfig, field: ReportFieldId): FieldRule => config.defaultFieldRules[field] ?? BUILT_IN_FIELD_RULES[field];

/** The override for one issue type, or `undefined` for "Same as default". */
export const typeRuleOf = (config: ProjectConfig, issueType: string, field: ReportFieldId): FieldRule | undefined => config.fieldRulesByIssueType[issueType]?.[field];

/** Production types in the order Jira lists the project's types; configured names Jira no longer has come last. */
export function issueTypeChoices(config: ProjectConfig, projectTypes: readonly string[]): string[] {
  const extra = config.productionIssueTypes.filter((name) => !projectTypes.includes(name));
  return [...projectTypes, ...extra];
}

export function toggleProductionType(config: ProjectConfig, issueType: string, on: boolean, projectTypes: readonly string[]): ProjectConfig {
  const selected = new Set(config.productionIssueTypes);
  if (on) selected.add(issueType);
  else selected.delete(issueType);
  return { ...config, productionIssueTypes: issueTypeChoices(config, projectTypes).filter((name) => selected.has(name)) };
}

export const setDefaultRule = (config: ProjectConfig, field: ReportFieldId, rule: FieldRule): ProjectConfig => ({
  ...config,
  defaultFieldRules: { ...config.defaultFieldRules, [field]: rule },
});

/** `rule` undefined removes the override ("Same as default"); a type left without overrides is dropped. */
export function setTypeRule(config: ProjectConfig, issueType: string, field: ReportFieldId, rule: FieldRule | undefined): ProjectConfig {
  const { [field]: _previous, ...rest } = config.fieldRulesByIssueType[issueType] ?? {};
  const next = rule === undefined ? rest : { ...rest, [field]: rule };
  const { [issueType]: _type, ...others } = config.fieldRulesByIssueType;
  return { ...config, fieldRulesByIssueType: Object.keys(next).length === 0 ? others : { ...others, [issueType]: next } };
}

export function addItem(config: ProjectConfig, label: string, needsNote: boolean): ProjectConfig {
  const item: ManualItem = { id: slugify(label, config.manualItems.map((existing) => existing.id)), label: label.trim(), needsNote };
  return { ...config, manualItems: [...config.manualItems, item] };
}

export const updateItem = (config: ProjectConfig, index: number, patch: Partial<Omit<ManualItem, 'id'>>): ProjectConfig => ({
  ...config,
  manualItems: config.manualItems.map((item, at) => (at === index ? { ...item, ...patch } : item)),
});

export const removeItem = (config: ProjectConfig, index: number): ProjectConfig => ({ ...config, manualItems: config.manualItems.filter((_item, at) => at !== index) });

export function moveItem(config: ProjectConfig, index: number, by: -1 | 1): ProjectConfig {
  const target = index + by;
  const items = [...config.manualItems];
  const [moving] = items.splice(index, 1);
  if (moving === undefined || target < 0 || target > items.length) return config;
  items.splice(target, 0, moving);
  return { ...config, manualItems: items };
}

/** A new item's label, checked before it joins the list; `null` when it can be added. */
export function checkNewItemLabel(config: ProjectConfig, label: string): string | null {
  if (config.manualItems.length >= ITEMS_MAX) return `A checklist holds at most ${String(ITEMS_MAX)} items. Remove one first.`;
  return checkLabel(label);
}

const checkLabel = (label: string): string | null => {
  const trimmed = label.trim();
  if (trimmed.length < ITEM_LABEL_MIN) return `Give the item a label of at least ${String(ITEM_LABEL_MIN)} characters.`;
  if (trimmed.length > ITEM_LABEL_MAX) return `Keep the label under ${String(ITEM_LABEL_MAX)} characters.`;
  return null;
};

/**
 * What the backend would refuse, said before the round trip. Keys are payload paths under
 * `config` (`productionIssueTypes`, `manualItems.2.label`), the same the backend names.
 */
export function validateConfig(config: ProjectConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  if (config.productionIssueTypes.length === 0) errors['productionIssueTypes'] = 'Choose at least one issue type that uses the production report.';
  if (config.productionIssueTypes.length > PRODUCTION_TYPES_MAX) errors['productionIssueTypes'] = `Choose at most ${String(PRODUCTION_TYPES_MAX)} issue types.`;
  config.manualItems.forEach((item, index) => {
    const problem = checkLabel(item.label);
    if (problem !== null) errors[`manualItems.${String(index)}.label`] = problem;
  });
  if (config.triagers.roles.length + config.triagers.groups.length === 0) errors['triagers'] = TRIAGERS_COPY.nobody;
  return errors;
}

// ── Who triages ──────────────────────────────────────────────────────────────────────────────

export const TRIAGERS_COPY = {
  nobody: 'Choose at least one role or group: otherwise nobody could triage.',
  groupExists: 'That group is already in the list.',
  groupEmpty: 'Type a group name as Jira shows it.',
} as const;

/** Same limits as `triagersSchema` (a test checks them). */
export const TRIAGER_NAMES_MAX = 20;
export const TRIAGER_NAME_MAX = 255;

/** The roles to offer: the project's, then chosen names it no longer has (so they can be unticked). */
export function roleChoices(config: ProjectConfig, projectRoles: readonly string[]): string[] {
  return [...projectRoles, ...config.triagers.roles.filter((name) => !projectRoles.includes(name))];
}

export function toggleTriagerRole(config: ProjectConfig, role: string, on: boolean, projectRoles: readonly string[]): ProjectConfig {
  const chosen = new Set(config.triagers.roles);
  if (on) chosen.add(role);
  else chosen.delete(role);
  return { ...config, triagers: { ...config.triagers, roles: roleChoices(config, projectRoles).filter((name) => chosen.has(name)) } };
}

/** Why a group name cannot be added as typed, or `null`. */
export function checkNewGroup(config: ProjectConfig, name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return TRIAGERS_COPY.groupEmpty;
  if (trimmed.length > TRIAGER_NAME_MAX) return `Group names have at most ${String(TRIAGER_NAME_MAX)} characters.`;
  if (config.triagers.groups.some((group) => group.toLowerCase() === trimmed.toLowerCase())) return TRIAGERS_COPY.groupExists;
  if (config.triagers.groups.length >= TRIAGER_NAMES_MAX) return `Name at most ${String(TRIAGER_NAMES_MAX)} groups.`;
  return null;
}

export const addTriagerGroup = (config: ProjectConfig, name: string): ProjectConfig => ({ ...config, triagers: { ...config.triagers, groups: [...config.triagers.groups, name.trim()] } });

export const removeTriagerGroup = (config: ProjectConfig, name: string): ProjectConfig => ({ ...config, triagers: { ...config.triagers, groups: config.triagers.groups.filter((group) => group !== name) } });

/** A backend path (`config.manualItems.0.label`) as the key the form marks, or `undefined` for a banner. */
export function settingsFieldOf(path: string | undefined): string | undefined {
  if (path === undefined || !path.startsWith('config.')) return undefined;
  const key = path.slice('config.'.length);
  if (key.startsWith('productionIssueTypes')) return 'productionIssueTypes';
  if (/^manualItems\.\d+\.(label|id)$/.test(key)) return key.replace(/\.id$/, '.label');
  if (key.startsWith('defaultFieldRules') || key.startsWith('fieldRulesByIssueType')) return 'fieldRules';
  if (key.startsWith('manualItems')) return 'manualItems';
  if (key.startsWith('sendBackStatus')) return 'sendBackStatus';
  if (key.startsWith('triagers')) return 'triagers';
  if (key === 'supportCriteria' || key.startsWith('supportCriteria.')) return `supportCriteria.${criteriaFieldOf(key.slice('supportCriteria.'.length))}`;
  if (key.startsWith('wipLimits')) return wipFieldOf(key);
  if (key === 'onCall' || key.startsWith('onCall.')) return onCallBackendFieldOf(key);
  if (key.startsWith('capacityTeam')) return 'capacityTeam.groupName';
  // disputes (issue 16 part 4)
  if (key.startsWith('disputeAuthority')) return /^disputeAuthority\.(groupName|roleName|accountId)$/.test(key) ? key : 'disputeAuthority.accountId';
  const improvements = /^improvements\.(projectKey|issueType|label)$/.exec(key);
  if (improvements !== null) return `improvements.${improvements[1] ?? 'projectKey'}`;
  return undefined;
}

/** The support defaults' errors as the keys the settings page marks (`supportCriteria.jql`). */
export const supportErrorsOf = (errors: CriteriaErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [`supportCriteria.${field}`, message]));

// ── Postmortem action items (`config.improvements`) ─────────────────────────────────────────────

export type Improvements = NonNullable<ProjectConfig['improvements']>;
export type ImprovementsField = keyof Improvements;

/** Where action items go when nothing is saved: this project, Task, label postmortem-action. */
export const defaultImprovements = (projectKey: string): Improvements => ({ projectKey, issueType: 'Task', label: 'postmortem-action' });

export const improvementsOf = (config: ProjectConfig, projectKey: string): Improvements => config.improvements ?? defaultImprovements(projectKey);

export const IMPROVEMENTS_COPY = {
  projectKey: 'Enter a Jira project key such as SHOP.',
  issueType: 'Enter an issue type name of at most 60 characters.',
  label: 'Enter one label of at most 255 characters, without spaces.',
} as const;

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;
const LABEL = /^\S{1,255}$/;

/** The improvements backlog as the contract takes it, or errors keyed `improvements.<field>`. */
export function checkImprovements(draft: Improvements): { readonly ok: true; readonly improvements: Improvements } | { readonly ok: false; readonly errors: Record<string, string> } {
  const improvements: Improvements = { projectKey: draft.projectKey.trim().toUpperCase(), issueType: draft.issueType.trim(), label: draft.label.trim() };
  const errors: Record<string, string> = {};
  if (!PROJECT_KEY.test(improvements.projectKey)) errors['improvements.projectKey'] = IMPROVEMENTS_COPY.projectKey;
  if (improvements.issueType.length < 1 || improvements.issueType.length > 60) errors['improvements.issueType'] = IMPROVEMENTS_COPY.issueType;
  if (!LABEL.test(improvements.label)) errors['improvements.label'] = IMPROVEMENTS_COPY.label;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, improvements };
}

/** `config` with the improvements backlog set. */
export function withImprovements(config: ProjectConfig, improvements: ProjectConfig['improvements']): ProjectConfig {
  const { improvements: _previous, ...rest } = config;
  return improvements === undefined ? rest : { ...rest, improvements };
}
