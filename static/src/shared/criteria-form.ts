/**
 * The support criteria as a form edits them (the capacity gadget's editor and the project settings'
 * defaults): lists typed comma-separated, the JQL clause as free text. `checkCriteria` turns the
 * draft into what `supportCriteriaSchema` accepts, or into errors keyed by the criteria field.
 * Pure; `criteria-form.test.ts` checks its output against the contract.
 */
import { CAPACITY_LIMITS } from '@contract/capacity.values';
import type { ClassOfService, IssueKind } from '@contract/report.values';
import { supportJqlError } from '@contract/support-jql';

import { type SupportCriteria, isValidIssueType, isValidLabel } from './gadget-configuration';

export interface CriteriaDraft {
  readonly kinds: readonly IssueKind[];
  readonly classesOfService: readonly ClassOfService[];
  /** Comma-separated, as typed. */
  readonly issueTypes: string;
  readonly labels: string;
  /** As typed; empty = no clause. */
  readonly jql: string;
}

export type CriteriaField = 'criteria' | 'issueTypes' | 'labels' | 'jql';
export type CriteriaErrors = Readonly<Partial<Record<CriteriaField, string>>>;

export const CRITERIA_COPY = {
  noCriteria: 'Tick a kind or a class of service, or enter an issue type, a label or a JQL clause, so something counts as production support.',
  issueTypesTooMany: `Enter at most ${String(CAPACITY_LIMITS.issueTypesMax)} issue types.`,
  issueTypeTooLong: `Keep each issue type to ${String(CAPACITY_LIMITS.issueTypeMax)} characters.`,
  labelsTooMany: `Enter at most ${String(CAPACITY_LIMITS.labelsMax)} labels.`,
  labelSpaces: 'Labels have no spaces: separate them with commas.',
  labelTooLong: `Keep each label to ${String(CAPACITY_LIMITS.labelMax)} characters.`,
  jqlTooLong: `Keep the JQL clause to ${String(CAPACITY_LIMITS.jqlMax)} characters.`,
  jqlHelp: 'Also counts issues this JQL matches, e.g. component = "Ops".',
} as const;

export const criteriaDraftOf = (criteria: SupportCriteria): CriteriaDraft => ({
  kinds: criteria.kinds,
  classesOfService: criteria.classesOfService,
  issueTypes: criteria.issueTypes.join(', '),
  labels: criteria.labels.join(', '),
  jql: criteria.jql ?? '',
});

/** "Bug, Incident,, bug " → ["Bug", "Incident"]: trimmed, blanks dropped, repeats (any case) once. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '' || seen.has(item.toLowerCase())) continue;
    seen.add(item.toLowerCase());
    items.push(item);
  }
  return items;
}

/** Toggles one id in a list, keeping the order of `all` so an unchanged choice saves the same way. */
export function toggle<T extends string>(list: readonly T[], id: T, on: boolean, all: readonly T[]): T[] {
  return all.filter((candidate) => (candidate === id ? on : list.includes(candidate)));
}

export type CriteriaCheck = { readonly ok: true; readonly criteria: SupportCriteria } | { readonly ok: false; readonly errors: CriteriaErrors };

/** The criteria to save (`jql` omitted when empty), or every reason they cannot be saved yet. */
export function checkCriteria(draft: CriteriaDraft): CriteriaCheck {
  const errors: Partial<Record<CriteriaField, string>> = {};
  const issueTypes = splitList(draft.issueTypes);
  const labels = splitList(draft.labels);
  const jql = draft.jql.trim();
  if (issueTypes.length > CAPACITY_LIMITS.issueTypesMax) errors.issueTypes = CRITERIA_COPY.issueTypesTooMany;
  else if (!issueTypes.every(isValidIssueType)) errors.issueTypes = CRITERIA_COPY.issueTypeTooLong;
  if (labels.length > CAPACITY_LIMITS.labelsMax) errors.labels = CRITERIA_COPY.labelsTooMany;
  else if (labels.some((label) => /\s/.test(label))) errors.labels = CRITERIA_COPY.labelSpaces;
  else if (!labels.every(isValidLabel)) errors.labels = CRITERIA_COPY.labelTooLong;
  // The same check as the contract's, so a clause that would escape the sprint filter is named here.
  const jqlError = jql.length > CAPACITY_LIMITS.jqlMax ? CRITERIA_COPY.jqlTooLong : supportJqlError(jql);
  if (jqlError !== null) errors.jql = jqlError;
  if (draft.kinds.length + draft.classesOfService.length + issueTypes.length + labels.length === 0 && jql === '') errors.criteria = CRITERIA_COPY.noCriteria;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Keys in the contract's order, so unchanged criteria save the same object.
  const criteria: SupportCriteria = { kinds: [...draft.kinds], classesOfService: [...draft.classesOfService], issueTypes, labels };
  return { ok: true, criteria: jql === '' ? criteria : { ...criteria, jql } };
}

/**
 * A backend path under the criteria (`supportCriteria.jql`, `criteria.labels.2`) as the field the
 * form marks, or `undefined`.
 */
export function criteriaFieldOf(rest: string): CriteriaField {
  const [field] = rest.split('.');
  return field === 'issueTypes' || field === 'labels' || field === 'jql' ? field : 'criteria';
}
