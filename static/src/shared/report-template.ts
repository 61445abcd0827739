/**
 * The report template's values the UI needs at run time, copied from `@contract/report.contract`
 * because importing a value from there pulls zod into the bundle (static/README.md, "Rules").
 * `report-template.test.ts` checks every copy against the contract, so they cannot drift.
 */
import type { FieldRule } from '@contract/project-config.contract';
import type { ReportFieldId, ReportFields } from '@contract/report.contract';

/** Same as `ENTITY_PROPERTY_MAX_CHARS`: the longest JSON text Jira stores in one issue property. */
export const PROPERTY_MAX_CHARS = 32_768;

/** Same ids, labels and order as `REPORT_FIELDS`. */
export const TEMPLATE_FIELDS: ReadonlyArray<{ readonly id: ReportFieldId; readonly label: string }> = [
  { id: 'stepsToReproduce', label: 'Steps to reproduce' },
  { id: 'actualResult', label: 'What actually happens' },
  { id: 'expectedResult', label: 'What you expected to happen' },
  { id: 'environment', label: 'Environment' },
  { id: 'customers', label: 'Customer(s) affected' },
  { id: 'affectedUsers', label: 'Roughly how many users' },
  { id: 'product', label: 'Product / module' },
  { id: 'raisedVia', label: 'How it was raised' },
  { id: 'workaround', label: 'Is there a workaround?' },
  { id: 'workaroundDescription', label: 'The workaround' },
  { id: 'links', label: 'Recordings, screenshots, logs' },
];

/** Same as `EMPTY_REPORT_FIELDS`: what a report holds before anyone fills it in. */
export const EMPTY_FIELDS: ReportFields = {
  stepsToReproduce: '',
  actualResult: '',
  expectedResult: '',
  environment: '',
  customers: '',
  affectedUsers: null,
  product: '',
  raisedVia: null,
  workaround: null,
  workaroundDescription: '',
  links: [],
};

/** Same as `CHOICE_LABELS`. */
export const CHOICE_LABELS = {
  raisedVia: { customer: 'A customer', 'product-owner': 'The product owner', 'security-report': 'A security report', monitoring: 'Monitoring / a system alert' },
  workaround: { yes: 'Yes', no: 'No', unknown: 'Not known yet' },
} as const;

export type ChoiceFieldId = keyof typeof CHOICE_LABELS;

export const isChoiceField = (id: string): id is ChoiceFieldId => Object.hasOwn(CHOICE_LABELS, id);

/** Same as `TRIAGE_LABELS`. */
export const TRIAGE_LABELS = {
  level: { 'user-error': 'User error', 'system-problem': 'System problem', 'code-or-data': 'Code or data problem' },
  kind: { incident: 'Incident', defect: 'Defect', 'support-request': 'Support request', 'feature-request': 'Feature request' },
  classOfService: {
    emergency: 'Emergency',
    'bug-asap': 'Bug: as soon as possible',
    'bug-next-maintenance': 'Bug: next maintenance release',
    'bug-next-major': 'Bug: next major release',
    'support-request': 'Support request',
  },
} as const;

/**
 * Same as `DEFAULT_FIELD_RULES` in `src/domain/config/project-config.ts`: what a field does when the
 * project's defaults leave it out.
 */
export const BUILT_IN_FIELD_RULES: Readonly<Record<ReportFieldId, FieldRule>> = {
  stepsToReproduce: 'required',
  actualResult: 'required',
  expectedResult: 'required',
  environment: 'required',
  customers: 'required',
  affectedUsers: 'optional',
  product: 'required',
  raisedVia: 'required',
  workaround: 'required',
  workaroundDescription: 'optional',
  links: 'optional',
};

/** Label for a template field id, falling back to the id for a field this UI does not know yet. */
export const fieldLabel = (id: string): string => TEMPLATE_FIELDS.find((field) => field.id === id)?.label ?? id;
