/**
 * The project settings page after a save conflict: the admin's unsaved edits put back on top of the
 * settings someone else saved (three-way, `shared/three-way-merge.ts`). Each control is one value
 * (a field's rule, the send-back status, the support defaults as a whole); the production types and
 * who triages are sets; checklist items merge by id. Pure.
 */
import type { FieldRule, FieldRules, ManualItem, ProjectConfig } from '@contract/project-config.contract';
import type { ReportFieldId } from '@contract/report.contract';

import { REPORT_FIELDS as TEMPLATE_FIELDS } from '@contract/report.values';
import { type MergeNotes, mergeById, mergeSet, mergeValue } from '../../shared/three-way-merge';
import { RULE_LABELS } from './settings-form';

const rule = (value: FieldRule | undefined): string => (value === undefined ? 'same as default' : RULE_LABELS[value]);

/** One set of field rules, field by field; `undefined` rules are left out. */
function mergeRules(notes: MergeNotes, column: string, base: FieldRules, mine: FieldRules, theirs: FieldRules): FieldRules {
  const merged: Partial<Record<ReportFieldId, FieldRule>> = {};
  for (const { id, label } of TEMPLATE_FIELDS) {
    const value = mergeValue(notes, `${label} (${column})`, base[id], mine[id], theirs[id], rule);
    if (value !== undefined) merged[id] = value;
  }
  return merged;
}

const describeItem = (item: ManualItem): string => `${item.label}${item.needsNote ? ' (needs a note)' : ''}`;

/** `base`: the saved settings the admin started from; `mine`: their draft; `theirs`: the newer saved settings. */
export function mergeProjectConfig(notes: MergeNotes, base: ProjectConfig, mine: ProjectConfig, theirs: ProjectConfig): ProjectConfig {
  const types = new Set([...Object.keys(base.fieldRulesByIssueType), ...Object.keys(mine.fieldRulesByIssueType), ...Object.keys(theirs.fieldRulesByIssueType)]);
  const fieldRulesByIssueType: Record<string, FieldRules> = {};
  for (const type of types) {
    const merged = mergeRules(notes, type, base.fieldRulesByIssueType[type] ?? {}, mine.fieldRulesByIssueType[type] ?? {}, theirs.fieldRulesByIssueType[type] ?? {});
    if (Object.keys(merged).length > 0) fieldRulesByIssueType[type] = merged;
  }
  const supportCriteria = mergeValue(notes, 'What counts as production support', base.supportCriteria, mine.supportCriteria, theirs.supportCriteria, (value) => JSON.stringify(value ?? 'defaults'));
  const wipLimits = mergeValue(notes, 'Support work in progress', base.wipLimits, mine.wipLimits, theirs.wipLimits, (value) => (value === undefined ? 'no limits' : JSON.stringify(value)));
  const onCall = mergeValue(notes, 'On-call rotation', base.onCall, mine.onCall, theirs.onCall, (value) => (value === undefined ? 'no rotation' : JSON.stringify(value)));
  const capacityTeam = mergeValue(notes, 'Who is the team', base.capacityTeam, mine.capacityTeam, theirs.capacityTeam, (value) => (value?.source === 'group' ? `the ${value.groupName} group` : 'worklog authors'));
  // disputes (issue 16 part 4)
  const disputeAuthority = mergeValue(notes, 'Who has the final say on severity disputes', base.disputeAuthority, mine.disputeAuthority, theirs.disputeAuthority, (value) => (value === undefined ? 'the Administrators role' : JSON.stringify(value)));
  // guards (issue 15)
  const recurrenceWindowDays = mergeValue(notes, 'Recurrence window', base.recurrenceWindowDays, mine.recurrenceWindowDays, theirs.recurrenceWindowDays, (value) => `${String(value ?? 30)} days`);
  const improvements = mergeValue(notes, 'Postmortem action items', base.improvements, mine.improvements, theirs.improvements, (value) => (value === undefined ? 'defaults' : `${value.projectKey}, ${value.issueType}, ${value.label}`));
  return {
    productionIssueTypes: mergeSet(notes, 'Production issue types', base.productionIssueTypes, mine.productionIssueTypes, theirs.productionIssueTypes),
    defaultFieldRules: mergeRules(notes, 'all production types', base.defaultFieldRules, mine.defaultFieldRules, theirs.defaultFieldRules),
    fieldRulesByIssueType,
    manualItems: mergeById(notes, (item) => item.id, base.manualItems, mine.manualItems, theirs.manualItems, (item) => `checklist item “${item.label}”`, describeItem),
    sendBackStatus: mergeValue(notes, 'Send-back status', base.sendBackStatus, mine.sendBackStatus, theirs.sendBackStatus, (value) => value ?? 'do not change the status'),
    triagers: {
      roles: mergeSet(notes, 'Triager roles', base.triagers.roles, mine.triagers.roles, theirs.triagers.roles),
      groups: mergeSet(notes, 'Triager groups', base.triagers.groups, mine.triagers.groups, theirs.triagers.groups),
    },
    ...(supportCriteria === undefined ? {} : { supportCriteria }),
    ...(improvements === undefined ? {} : { improvements }),
    ...(wipLimits === undefined ? {} : { wipLimits }),
    ...(onCall === undefined ? {} : { onCall }),
    ...(capacityTeam === undefined ? {} : { capacityTeam }),
    ...(recurrenceWindowDays === undefined ? {} : { recurrenceWindowDays }),
    ...(disputeAuthority === undefined ? {} : { disputeAuthority }),
  };
}
