import type { SeverityPolicy, ValidatorConfig } from '../../contract/policy.contract';
import type { StoredReport } from '../../contract/report.contract';
import { severityName } from '../../contract/severity-names';
import type { Readiness } from '../readiness/readiness';
import { decidedSeverityOf, reporterSeverityOf } from '../report/report';

export interface TransitionFacts {
  readonly report: StoredReport | null;
  /** The Definition of Ready for this issue, from the same function the panel uses. */
  readonly readiness: Readiness;
  readonly assigneeAccountId: string | null;
  /** Whether the most recent move into the Verified status was made by the reporter. */
  readonly verifiedByReporter: boolean;
  /** The status of the postmortem linked to the issue, if any. */
  readonly postmortemStatus?: 'draft' | 'in-review' | 'published' | null;
}

export type TransitionVerdict = { readonly result: true } | { readonly result: false; readonly errorMessage: string };

/** The level to enforce: the decided one, else the reporter's pick. */
export const effectiveSeverity = (report: StoredReport | null): string | undefined => decidedSeverityOf(report)?.level ?? reporterSeverityOf(report);

const rankOf = (policy: SeverityPolicy, levelId: string | undefined): number => (levelId === undefined ? -1 : policy.levels.findIndex((level) => level.id === levelId));

/**
 * The severity-policy validator's decision. Each failed rule contributes one sentence that says
 * what to do; the panel shows the same facts, so what it says is missing is what blocks here.
 */
export const evaluateTransition = (config: ValidatorConfig, policy: SeverityPolicy, facts: TransitionFacts): TransitionVerdict => {
  const problems: string[] = [];
  const { rules } = config;
  // Names, never ids, in what the person moving the issue reads (severity-names.ts).
  const levelName = (id: string | undefined): string => (id === undefined ? 'Unrated' : severityName(policy.levels, id));

  if (rules.severityPicked && reporterSeverityOf(facts.report) === undefined && decidedSeverityOf(facts.report) === undefined) {
    problems.push('Pick a severity in the Production report panel first.');
  }
  if (rules.severityConfirmed && decidedSeverityOf(facts.report) === undefined) {
    problems.push('A triager must confirm or change the severity (Production report panel → Triage) first.');
  }
  if (rules.definitionOfReady && !facts.readiness.ready) {
    const missing = facts.readiness.items.filter((item) => !item.met).map((item) => item.label);
    problems.push(`This issue is not Ready. Missing: ${missing.join('; ')}. See the Definition of Ready panel.`);
  }
  if (rules.assigneeAtOrAbove !== null && facts.assigneeAccountId === null) {
    const threshold = rankOf(policy, rules.assigneeAtOrAbove);
    const rank = rankOf(policy, effectiveSeverity(facts.report));
    if (rank !== -1 && threshold !== -1 && rank <= threshold) {
      problems.push(`Assign someone first: ${levelName(effectiveSeverity(facts.report))} issues need an owner before they move on.`);
    }
  }
  if (rules.postmortemPublished === true && facts.postmortemStatus !== 'published') {
    const level = policy.levels.find((candidate) => candidate.id === effectiveSeverity(facts.report));
    if (level?.postmortemRequired === true) {
      problems.push(
        facts.postmortemStatus == null
          ? `${level.name} issues need a published postmortem: start one from the Production report panel.`
          : `${level.name} issues need a published postmortem; this one is still ${facts.postmortemStatus === 'draft' ? 'a draft' : 'in review'}.`,
      );
    }
  }
  if (rules.reporterVerification && !facts.verifiedByReporter) {
    problems.push('The reporter must verify the fix (the Verify transition) before this issue is closed.');
  }
  return problems.length === 0 ? { result: true } : { result: false, errorMessage: problems.join(' ') };
};

/**
 * What a rule checks when it has no usable settings. Forge opens a function validator's create and
 * edit pages only in Jira's new workflow editor, so a rule added in the old one has no
 * configuration at all, and stored settings can be damaged. Such a rule must not lock a workflow:
 * it asks only production issue types for a severity (the entry point lets other types through),
 * and lets the transition through when Firebreak cannot decide, since no admin chose to block then.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
 */
export const UNCONFIGURED_VALIDATOR_CONFIG: ValidatorConfig = {
  rules: { severityPicked: true, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: false },
  failMode: 'open',
};

/** Why a rule runs on `UNCONFIGURED_VALIDATOR_CONFIG`: Jira passed no settings, or ones we cannot read. */
export type UnconfiguredReason = 'missing' | 'damaged';

const UNCONFIGURED_NOTES: Readonly<Record<UnconfiguredReason, string>> = {
  missing:
    'This Firebreak rule has no settings yet (Jira’s old workflow editor cannot open them), so it only asks production issues for a severity. A Jira admin can choose its rules in Jira’s new workflow editor.',
  damaged:
    'This Firebreak rule’s settings could not be read, so it only asks production issues for a severity. A Jira admin can open the rule in Jira’s new workflow editor and save it again.',
};

/** A blocking verdict of an unconfigured rule says so, so the admin learns the rule needs its settings. */
export const explainUnconfigured = (verdict: TransitionVerdict, reason: UnconfiguredReason): TransitionVerdict =>
  verdict.result ? verdict : { result: false, errorMessage: `${verdict.errorMessage} ${UNCONFIGURED_NOTES[reason]}` };

/** The answer when the validator cannot decide, by the admin's chosen mode. Never throws. */
export const undecidedVerdict = (config: Pick<ValidatorConfig, 'failMode'>, reason: string): TransitionVerdict =>
  config.failMode === 'open'
    ? { result: true }
    : { result: false, errorMessage: `Firebreak could not check the severity policy (${reason}). Try again in a minute; a Jira admin can set this rule to let transitions through when that happens.` };
