/**
 * The triage classification's ids alone, apart from their labels in `report.values.ts`: the capacity
 * gadget's configuration reader checks saved criteria against them before any screen's chunk loads,
 * so they ride in the initial bundle and the labels do not.
 */
export const TRIAGE_LEVELS = ['user-error', 'system-problem', 'code-or-data'] as const;
export const ISSUE_KINDS = ['incident', 'defect', 'support-request', 'feature-request'] as const;
export const CLASSES_OF_SERVICE = ['emergency', 'bug-asap', 'bug-next-maintenance', 'bug-next-major', 'support-request'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];
export type ClassOfService = (typeof CLASSES_OF_SERVICE)[number];
