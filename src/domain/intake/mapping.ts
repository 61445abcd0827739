/**
 * intake (issue 17): what a source's mapping rules make of one alert. Pure: the same function
 * opens incidents and previews the rules against the last payload on the settings page, so what
 * the admin sees is what the app will do.
 *
 * Rules run in order; for each target the first matching rule wins. What no rule sets comes from
 * the alert's own hints (its `environment`, `service`, `customer` labels). A severity comes only
 * from a rule, or for a vulnerability finding from the CVSS table; a level the policy no longer
 * has is left out with a note, so the triager decides.
 */
import type { AdvisorySettings, MappingRule, RuleTarget } from '../../contract/intake.contract';
import { severityFromCvss } from './cvss';
import type { IncomingAlert } from './incoming-alert';

export interface MappedAlert {
  /** A level id of the policy, or null: the incident waits for a triager. */
  readonly severity: string | null;
  /** "by rule <name>" in the severity history; the CVSS table reads "CVSS 9.8". */
  readonly severityBy: string | null;
  readonly product: string | null;
  readonly environment: string | null;
  readonly customers: string | null;
  /** Ids of the rules that matched, in order. */
  readonly matchedRules: readonly string[];
  /** Sentences for the preview: a rule naming a level the policy lacks, no CVSS score, … */
  readonly notes: readonly string[];
}

const HINT_NAMES = { severity: 'severity', environment: 'environment', service: 'service', customer: 'customer' } as const;

/** The value a rule reads: the alert's label by that name, else the parser's hint of that name. */
export function ruleInput(alert: IncomingAlert, label: string): string | null {
  const wanted = label.trim();
  const direct = Object.entries(alert.labels).find(([name]) => name === wanted) ?? Object.entries(alert.labels).find(([name]) => name.toLowerCase() === wanted.toLowerCase());
  const fromLabel = direct?.[1].trim();
  if (fromLabel !== undefined && fromLabel !== '') return fromLabel;
  const name = wanted.toLowerCase();
  const fromHint = Object.hasOwn(HINT_NAMES, name) ? alert.hints[HINT_NAMES[name as keyof typeof HINT_NAMES]]?.trim() : undefined;
  return fromHint === undefined || fromHint === '' ? null : fromHint;
}

export function ruleMatches(rule: MappingRule, alert: IncomingAlert): boolean {
  const input = ruleInput(alert, rule.when.label);
  if (input === null) return false;
  const expected = rule.when.equals.trim();
  return expected === '*' || input.toLowerCase() === expected.toLowerCase();
}

export function mapAlert(alert: IncomingAlert, rules: readonly MappingRule[], levelIds: readonly string[], advisory: AdvisorySettings | null = null): MappedAlert {
  const chosen = new Map<RuleTarget, MappingRule>();
  const matchedRules: string[] = [];
  const notes: string[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, alert)) continue;
    matchedRules.push(rule.id);
    if (rule.set === 'severity' && !levelIds.includes(rule.value)) {
      notes.push(`Rule “${rule.name}” sets the level “${rule.value}”, which the severity policy no longer has; the triager decides.`);
      continue;
    }
    if (!chosen.has(rule.set)) chosen.set(rule.set, rule);
  }
  const severityRule = chosen.get('severity');
  let severity: string | null = severityRule?.value ?? null;
  let severityBy: string | null = severityRule === undefined ? null : `by rule ${severityRule.name}`;
  if (severity === null && alert.advisory !== null && advisory !== null) {
    const score = alert.advisory.cvssScore;
    const band = severityFromCvss(score, advisory.cvssTable);
    if (score === null) notes.push('The finding has no CVSS score; the triager decides its severity.');
    else if (band === null) notes.push(`CVSS ${score.toFixed(1)} falls under no band of the table; the triager decides its severity.`);
    else if (!levelIds.includes(band)) notes.push(`CVSS ${score.toFixed(1)} maps to “${band}”, which the severity policy no longer has; the triager decides.`);
    else {
      severity = band;
      severityBy = `by rule CVSS ${score.toFixed(1)}`;
    }
  }
  return {
    severity,
    severityBy,
    product: chosen.get('product')?.value ?? alert.hints.service,
    environment: chosen.get('environment')?.value ?? alert.hints.environment,
    customers: chosen.get('customers')?.value ?? alert.hints.customer,
    matchedRules,
    notes,
  };
}

/**
 * The due date of a vulnerability finding: its level's remediation window from when it was first
 * reported, as a calendar date (`YYYY-MM-DD`, Jira's `duedate`) in UTC; null without a window.
 */
export function remediationDueDate(level: string | null, firstReportedAt: string, advisory: AdvisorySettings | null): string | null {
  if (level === null || advisory === null) return null;
  const days = advisory.remediationDays[level];
  const start = Date.parse(firstReportedAt);
  if (days === undefined || Number.isNaN(start)) return null;
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}
