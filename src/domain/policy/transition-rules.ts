import type { SeverityPolicy, ValidatorConfig } from '../../contract/policy.contract';
import { WIP_CLASS_NAMES } from '../../contract/project-config.values';
import type { StoredReport } from '../../contract/report.contract';
import { severityName } from '../../contract/severity-names';
import type { ClassOfService } from '../../contract/triage.values';
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
  /** Set only when this transition starts work on an issue whose class of service has a WIP limit (see `wipStandingOf`). */
  readonly wip?: WipFacts;
}

/** The support WIP limit this transition is judged against. */
export interface WipFacts {
  readonly classOfService: ClassOfService;
  readonly limit: number;
  /**
   * The other issues of that class in progress in the project now (this one left out), each
   * confirmed against app storage: the issue's own record says its class, not its property.
   */
  readonly others: ReadonlyArray<{ readonly key: string; readonly summary: string }>;
}

export type TransitionVerdict = { readonly result: true } | { readonly result: false; readonly errorMessage: string };

/** The level to enforce: the decided one, else the reporter's pick. */
export const effectiveSeverity = (report: StoredReport | null): string | undefined => decidedSeverityOf(report)?.level ?? reporterSeverityOf(report);

const rankOf = (policy: SeverityPolicy, levelId: string | undefined): number => (levelId === undefined ? -1 : policy.levels.findIndex((level) => level.id === levelId));

/**
 * One failed rule in words. Alone, it reads as `lead` and a list of `steps`; with others, each rule
 * is one bullet (`bullet`) under a common lead.
 */
interface Problem {
  /** Why, in one short sentence; null when the single step says it all. */
  readonly lead: string | null;
  readonly steps: readonly string[];
  readonly bullet: string;
}

const simple = (step: string): Problem => ({ lead: null, steps: [step], bullet: step });

/**
 * Jira shows a validator's `errorMessage` as given: the docs describe a string "to show", with no
 * markup, and Jira's REST answer carries it in `errorMessages` as plain text. So the message is plain
 * text that reads well either way: a lead sentence, then one "• " line per thing to do, each ending
 * in punctuation, so it still reads when a screen runs the lines together.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
 */
export const BULLET = '• ';

/**
 * Atlassian documents no length limit for the message; a refusal longer than this stops being read,
 * so steps past it are summed up in one line. Summaries and lists inside a step are kept short too.
 */
export const MAX_VALIDATOR_MESSAGE = 1_000;

/** A refusal as a short lead and a short list of what to do, within `MAX_VALIDATOR_MESSAGE`. */
export const layoutRefusal = (lead: string | null, steps: readonly string[], notes: readonly string[] = []): string => {
  const tail = notes.length === 0 ? '' : `\n${notes.join(' ')}`;
  if (lead === null && steps.length === 1) return `${steps[0] ?? ''}${tail}`;
  const lines = lead === null ? [] : [lead];
  for (const [index, step] of steps.entries()) {
    const rest = steps.length - index - 1;
    const more = rest === 0 ? '' : `\n${BULLET}And ${String(rest)} more: see the Firebreak panels on the issue.`;
    if ([...lines, `${BULLET}${step}`].join('\n').length + more.length + tail.length > MAX_VALIDATOR_MESSAGE) {
      lines.push(`${BULLET}And ${String(steps.length - index)} more: see the Firebreak panels on the issue.`);
      break;
    }
    lines.push(`${BULLET}${step}`);
  }
  return `${lines.join('\n')}${tail}`;
};

const composeRefusal = (problems: readonly Problem[]): string => {
  const [only] = problems;
  if (only !== undefined && problems.length === 1) return layoutRefusal(only.lead, only.steps);
  return layoutRefusal(
    `This issue needs ${String(problems.length)} things before it can move on:`,
    problems.map((problem) => problem.bullet),
  );
};

/** How many in-progress issues a refusal names before "and N more". */
const NAMED_IN_PROGRESS = 3;
const SUMMARY_CHARS = 60;

const quoteSummary = (summary: string): string => {
  const trimmed = summary.trim().replace(/\s+/g, ' ');
  return trimmed.length <= SUMMARY_CHARS ? `“${trimmed}”` : `“${trimmed.slice(0, SUMMARY_CHARS - 1).trimEnd()}…”`;
};

/** "SHOP-12 “Checkout fails”, SHOP-14 “Login slow” and 2 more". */
export const nameInProgress = (items: WipFacts['others']): string => {
  const named = items.slice(0, NAMED_IN_PROGRESS).map((item) => (item.summary.trim() === '' ? item.key : `${item.key} ${quoteSummary(item.summary)}`));
  const more = items.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${String(more)} more`;
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
};

const RAISE_LIMIT = 'Or ask a project admin to raise the limit (Project settings → Firebreak → Support work in progress).';

/** The WIP rule: at the limit, starting one more is refused, naming what is already in progress. */
const wipProblem = (wip: WipFacts): Problem | null => {
  if (wip.others.length < wip.limit) return null;
  const name = WIP_CLASS_NAMES[wip.classOfService];
  const one = wip.others.length === 1;
  const inProgress = `${nameInProgress(wip.others)} ${one ? 'is' : 'are'} in progress`;
  return {
    lead: `${name} work in progress is at its limit of ${String(wip.limit)}: ${inProgress}.`,
    steps: [one ? 'Finish it or move it out of In Progress first.' : 'Finish one of them or move it out of In Progress first.', RAISE_LIMIT],
    bullet: `${name} work in progress is at its limit of ${String(wip.limit)} (${inProgress}): finish or move one first, or ask a project admin to raise the limit.`,
  };
};

/**
 * The severity-policy validator's decision. Each failed rule says what to do; the panel shows the
 * same facts, so what it says is missing is what blocks here.
 */
export const evaluateTransition = (config: ValidatorConfig, policy: SeverityPolicy, facts: TransitionFacts): TransitionVerdict => {
  const problems: Problem[] = [];
  const { rules } = config;
  // Names, never ids, in what the person moving the issue reads (severity-names.ts).
  const levelName = (id: string | undefined): string => (id === undefined ? 'Unrated' : severityName(policy.levels, id));

  if (rules.severityPicked && reporterSeverityOf(facts.report) === undefined && decidedSeverityOf(facts.report) === undefined) {
    problems.push(simple('Pick a severity in the Production report panel first.'));
  }
  if (rules.severityConfirmed && decidedSeverityOf(facts.report) === undefined) {
    problems.push(simple('A triager must confirm or change the severity (Production report panel → Triage) first.'));
  }
  if (rules.definitionOfReady && !facts.readiness.ready) {
    const missing = facts.readiness.items.filter((item) => !item.met).map((item) => item.label);
    problems.push({
      lead: 'This issue is not Ready. Complete these first (see the Definition of Ready panel):',
      steps: missing.map((label) => `${label}.`),
      bullet: `Make the issue Ready (see the Definition of Ready panel): ${missing.join('; ')}.`,
    });
  }
  if (rules.assigneeAtOrAbove !== null && facts.assigneeAccountId === null) {
    const threshold = rankOf(policy, rules.assigneeAtOrAbove);
    const rank = rankOf(policy, effectiveSeverity(facts.report));
    if (threshold === -1 && config.failMode === 'closed') {
      // The scale changed under the rule: its level lives in Jira's workflow settings, which a scale
      // change cannot reach. The rule cannot decide, so the admin's fail mode answers, saying why.
      problems.push(
        simple(
          `Assign someone first: this rule asks for an owner from ${levelName(rules.assigneeAtOrAbove)} up, and the severity scale no longer has that level. A Jira admin can choose a level in this rule’s settings (workflow editor).`,
        ),
      );
    } else if (rank !== -1 && threshold !== -1 && rank <= threshold) {
      problems.push(simple(`Assign someone first: ${levelName(effectiveSeverity(facts.report))} issues need an owner before they move on.`));
    }
  }
  if (rules.postmortemPublished === true && facts.postmortemStatus !== 'published') {
    const level = policy.levels.find((candidate) => candidate.id === effectiveSeverity(facts.report));
    if (level?.postmortemRequired === true) {
      problems.push(
        simple(
          facts.postmortemStatus == null
            ? `${level.name} issues need a published postmortem: start one from the Production report panel.`
            : `${level.name} issues need a published postmortem; this one is still ${facts.postmortemStatus === 'draft' ? 'a draft' : 'in review'}.`,
        ),
      );
    }
  }
  if (rules.reporterVerification && !facts.verifiedByReporter) {
    problems.push(simple('The reporter must verify the fix (the Verify transition) before this issue is closed.'));
  }
  const wip = rules.supportWipLimits === true && facts.wip !== undefined ? wipProblem(facts.wip) : null;
  if (wip !== null) problems.push(wip);
  return problems.length === 0 ? { result: true } : { result: false, errorMessage: composeRefusal(problems) };
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
  rules: { severityPicked: true, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: false, supportWipLimits: false },
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
  verdict.result ? verdict : { result: false, errorMessage: `${verdict.errorMessage}\n${UNCONFIGURED_NOTES[reason]}` };

/** The answer when the validator cannot decide, by the admin's chosen mode. Never throws. */
export const undecidedVerdict = (config: Pick<ValidatorConfig, 'failMode'>, reason: string): TransitionVerdict =>
  config.failMode === 'open'
    ? { result: true }
    : {
        result: false,
        errorMessage: layoutRefusal(`Firebreak could not check the severity policy (${reason}).`, [
          'Try again in a minute.',
          'If it keeps happening, a Jira admin can set this rule to let transitions through when Firebreak cannot decide.',
        ]),
      };
