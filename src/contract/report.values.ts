/**
 * The production report's values, free of zod so the UI can import them at run time (the schemas in
 * `report.contract.ts` are built from them; the UI imports those as types only, eslint.config.js).
 */
import type { ReportFieldId, ReportFields } from './report.contract';

/**
 * The production report lives on the issue as one entity property, so Jira users find it where they
 * expect it and JQL can search it (via `jira:entityProperty`, see manifest.yml).
 * Property keys may hold letters, digits, dots and hyphens.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/
 */
export const REPORT_PROPERTY_KEY = 'firebreak-report';

/**
 * Jira rejects an entity property whose JSON is longer than 32,768 characters.
 * @see https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/#limitations
 */
export const ENTITY_PROPERTY_MAX_CHARS = 32_768;

/** The longest personal note a triager may add to a send-back comment. */
export const SEND_BACK_NOTE_MAX = 1_000;

// ── The template ────────────────────────────────────────────────────────────────────────────────

/** Who noticed it first. New values go at the end: stored reports and JQL keep the ids. */
export const RAISED_VIA = ['customer', 'product-owner', 'security-report', 'monitoring', 'support-agent', 'internal-user'] as const;
export const WORKAROUND = ['yes', 'no', 'unknown'] as const;

/** The template's field ids, in the order a reporter fills them in. */
export const REPORT_FIELD_IDS = [
  'stepsToReproduce',
  'actualResult',
  'expectedResult',
  'environment',
  'customers',
  'affectedUsers',
  'product',
  'raisedVia',
  'workaround',
  'workaroundDescription',
  'links',
] as const;

export const EMPTY_REPORT_FIELDS: ReportFields = {
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

export interface ReportFieldDefinition {
  readonly id: ReportFieldId;
  readonly label: string;
  /** The prompt shown under the field; text left equal to it counts as empty. */
  readonly prompt: string;
  readonly kind: 'long-text' | 'text' | 'number' | 'choice' | 'links';
}

/** The template, in the order a reporter fills it in. */
export const REPORT_FIELDS: readonly ReportFieldDefinition[] = [
  { id: 'stepsToReproduce', label: 'Steps to reproduce', kind: 'long-text', prompt: 'Who was logged in (role, account), and exactly what they clicked or typed, one step per line.' },
  { id: 'actualResult', label: 'What actually happens', kind: 'long-text', prompt: 'What you saw: error text, wrong value, how long it hung.' },
  { id: 'expectedResult', label: 'What you expected to happen', kind: 'long-text', prompt: 'What should have happened instead.' },
  { id: 'environment', label: 'Environment', kind: 'text', prompt: 'Production, staging…; browser or app version; region.' },
  { id: 'customers', label: 'Customer(s) affected', kind: 'text', prompt: 'Customer names or account ids.' },
  { id: 'affectedUsers', label: 'Roughly how many users', kind: 'number', prompt: 'Your best estimate.' },
  { id: 'product', label: 'Product / module', kind: 'text', prompt: 'Which part of the product, e.g. Checkout.' },
  { id: 'raisedVia', label: 'How it was raised', kind: 'choice', prompt: 'Who noticed it first.' },
  { id: 'workaround', label: 'Is there a workaround?', kind: 'choice', prompt: 'Can users get their work done another way?' },
  { id: 'workaroundDescription', label: 'The workaround', kind: 'long-text', prompt: 'How users can get their work done meanwhile.' },
  { id: 'links', label: 'Recordings, screenshots, logs', kind: 'links', prompt: 'Links to a screen recording, screenshots or log searches.' },
];

export const REPORT_FIELD_LABELS: Readonly<Record<ReportFieldId, string>> = Object.fromEntries(REPORT_FIELDS.map((field) => [field.id, field.label])) as Record<
  ReportFieldId,
  string
>;

/** Label for a template field id, falling back to the id for a field this side does not know yet. */
export const fieldLabel = (id: string): string => (Object.hasOwn(REPORT_FIELD_LABELS, id) ? REPORT_FIELD_LABELS[id as ReportFieldId] : id);

export const CHOICE_LABELS = {
  raisedVia: {
    customer: 'A customer',
    'support-agent': 'A support agent',
    'internal-user': 'An internal user (a colleague)',
    'product-owner': 'The product owner',
    'security-report': 'A security report',
    monitoring: 'Monitoring / a system alert',
  },
  workaround: { yes: 'Yes', no: 'No', unknown: 'Not known yet' },
} as const;

export type ChoiceFieldId = keyof typeof CHOICE_LABELS;

export const isChoiceField = (id: string): id is ChoiceFieldId => Object.hasOwn(CHOICE_LABELS, id);

// ── Triage ──────────────────────────────────────────────────────────────────────────────────────

export * from './triage.values';

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
