/**
 * intake (issue 17): limits and defaults of alert sources, shared by the app and its pages.
 * @see docs/research/intake.md
 */
import type { AlertSourceKind } from '../domain/intake/incoming-alert';

export const ALERT_SOURCE_KINDS = ['alertmanager', 'grafana', 'sentry', 'honeybadger', 'dependabot', 'generic'] as const satisfies readonly AlertSourceKind[];

/** Kinds whose alerts are vulnerability findings: they get a CVSS table and remediation windows. */
export const ADVISORY_KINDS: readonly AlertSourceKind[] = ['dependabot', 'generic'];

export const INTAKE_LIMITS = {
  /** Sources per project. Each has its own web trigger URL ("create 500/min" is far away). */
  sourcesPerProject: 20,
  nameMax: 80,
  rulesPerSource: 50,
  /** A rule's label name and value, as alert labels allow (see `MAX_LABEL_NAME_CHARS`). */
  ruleLabelMax: 128,
  ruleValueMax: 1024,
  /** What a rule may set on the report: Jira's text fields of the template are longer; a label is one line. */
  ruleSetMax: 255,
  commentIntervalMinutesMin: 5,
  commentIntervalMinutesMax: 24 * 60,
  remediationDaysMax: 365,
} as const;

/** "At most one comment per interval" on a repeating alert, by default. */
export const DEFAULT_COMMENT_INTERVAL_MINUTES = 60;

/** What a rule may set on the incident it opens. */
export const RULE_TARGETS = ['severity', 'product', 'environment', 'customers'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

/**
 * Remediation windows by CVSS band (issue 17: "Critical 15 days … Low 90 days"), in days from the
 * first report of the finding. Keys are the CVSS table's band names, as the admin maps them.
 */
export const DEFAULT_REMEDIATION_DAYS: Readonly<Record<string, number>> = { critical: 15, high: 30, medium: 60, low: 90 };
