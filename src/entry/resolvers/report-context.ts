import type { ProjectConfig } from '../../contract/project-config.contract';
import { REPORT_FIELDS, type ReportView, type StoredReport } from '../../contract/report.contract';
import type { SeverityLevel } from '../../contract/severity.contract';
import { isProductionIssueType } from '../../domain/config/project-config';
import { accountsMentionedIn, decidedSeverityOf, describeRejection, readinessOf, waitingSeconds, type ReadinessContext, type ReportOutcome } from '../../domain/report/report';
import { getIssueBasics, type IssueBasics } from '../../jira/issues';
import { isJiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import { writeReportProjection } from '../../jira/report-property';
import { getDisplayNames } from '../../jira/users';
import { readAlertIncidentOfIssue } from '../../storage/alert-incident.store';
import { readAlertSource } from '../../storage/alert-source.store';
import { saveIssueReport, type IssueRef } from '../../storage/issue-state.store';
import type { VersionedWrite } from '../../storage/compare-and-swap';
import { Refusal } from '../refusal';
import { readAppliedState } from '../use-cases/apply-severity-policy';
import { loadIssueState } from '../use-cases/issue-state';
import { triageVerdictFor } from '../use-cases/triager-check';
import type { HandlerContext } from './resolver-definition';

/** Everything the report resolvers work from: the issue, its project's rules and the app's record. */
export interface IssueReportContext {
  readonly issue: IssueBasics;
  readonly config: ProjectConfig;
  readonly readiness: ReadinessContext & { readonly scale: readonly SeverityLevel[] };
  readonly report: StoredReport | null;
}

/**
 * The issue as the user sees it (one Jira call, as the user) and the app's record of it (app
 * storage; a record that does not parse is refused, never written over). An old install's issue
 * properties are moved into app storage on first read, as the app, after the caller's permission on
 * this issue was checked.
 */
export const loadIssueReportContext = async (handler: Pick<HandlerContext, 'jira'>, issueKey: string): Promise<IssueReportContext> => {
  const issue = await getIssueBasics(handler.jira.asUser, issueKey);
  const state = await loadIssueState({ id: issue.id, key: issue.key, projectKey: issue.projectKey, issueType: issue.issueType }, { legacyReader: handler.jira.asApp, onDamaged: 'refuse' });
  return { issue, config: state.config, readiness: state.readiness, report: state.stored?.report ?? null };
};

export const issueRefOf = (issue: IssueBasics): IssueRef => ({ id: issue.id, key: issue.key, projectKey: issue.projectKey });

/**
 * Stores a report change compare-and-swap (the stored revision must still be the one the change
 * was computed from), with `also` (the plan that carries it out) in the same transaction, then
 * rewrites the issue property's projection for JQL. The projection is a
 * copy: when Jira refuses to write it, the change stands and the next change rewrites it.
 */
export const storeReport = async (jira: JiraTransport, issue: IssueBasics, report: StoredReport, baseRevision: number, also: readonly VersionedWrite[] = []): Promise<'saved' | 'conflict'> => {
  const outcome = await saveIssueReport(issueRefOf(issue), report, baseRevision, also);
  if (outcome === 'conflict') return outcome;
  try {
    await writeReportProjection(jira, issue.key, report);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    console.error(`${issue.key}: the report is saved; Jira refused its search copy (${error.message}), which the next change rewrites`);
  }
  return 'saved';
};

/**
 * Display names for the people the report mentions whom the view does not name already (the
 * reporter, the assignee, the viewer). Looked up as the user, so Jira's profile visibility applies;
 * a report nobody else touched, the usual case, costs no request. The names are a courtesy: when
 * Jira cannot answer, the panel still opens and shows those people by account id.
 */
const namesOfOthers = async (context: IssueReportContext, handler: HandlerContext): Promise<Record<string, string>> => {
  const named = new Set([handler.access.accountId, context.issue.reporter?.accountId, context.issue.assignee?.accountId]);
  const others = accountsMentionedIn(context.report).filter((accountId) => !named.has(accountId));
  if (others.length === 0) return {};
  try {
    return Object.fromEntries(await getDisplayNames(handler.jira.asUser, others));
  } catch (error) {
    if (isJiraError(error)) return {};
    throw error;
  }
};

export const buildReportView = async (context: IssueReportContext, handler: HandlerContext): Promise<ReportView> => {
  const { issue, report, readiness, config } = context;
  const evaluated = readinessOf(report, readiness);
  const triage = await triageVerdictFor(handler, issue.projectKey, config);
  return {
    issueKey: issue.key,
    issue: {
      summary: issue.summary,
      issueType: issue.issueType,
      status: issue.status,
      projectKey: issue.projectKey,
      reporter: issue.reporter,
      assignee: issue.assignee,
      isProductionType: isProductionIssueType(config, issue.issueType),
    },
    report,
    canEdit: handler.access.granted.has('EDIT_ISSUES'),
    viewer: {
      accountId: handler.access.accountId,
      isReporter: issue.reporter?.accountId === handler.access.accountId,
      isTriager: triage.triager,
      notTriagerReason: triage.triager ? null : triage.refusal('decide severity, classify, tick the triager’s checklist or send issues back'),
    },
    fields: REPORT_FIELDS.flatMap((field) => {
      const rule = readiness.rules[field.id];
      return rule === 'hidden' ? [] : [{ id: field.id, label: field.label, prompt: field.prompt, kind: field.kind, rule }];
    }),
    scale: [...readiness.scale],
    readiness: { ready: evaluated.ready, items: [...evaluated.items] },
    problems: [...evaluated.problems],
    manualItems: [...config.manualItems],
    sendBackStatus: config.sendBackStatus === null || config.sendBackStatus.toLowerCase() === issue.status.toLowerCase() ? null : config.sendBackStatus,
    dueTimes: await dueTimesOf(issue.id, report),
    alert: await alertLineOf(issue.id),
    waitingSeconds: Math.round(waitingSeconds(report, handler.now().toISOString())),
    names: await namesOfOthers(context, handler),
    outcome: null,
  };
};

/** intake (issue 17): the alert whose incident this issue is, with its count, from the app's own record. */
const alertLineOf = async (issueId: string): Promise<ReportView['alert']> => {
  const stored = await readAlertIncidentOfIssue(issueId);
  if (stored === null) return null;
  const source = await readAlertSource(stored.incident.sourceId);
  return { sourceName: source?.name ?? 'a deleted alert source', occurrences: stored.incident.occurrences, lastSeenAt: stored.incident.lastSeenAt };
};

/**
 * The due times the app applied for the current decision, from its own storage. A state left from
 * an earlier decision (the new one's policy is still being applied) is not shown as this one's.
 */
const dueTimesOf = async (issueId: string, report: StoredReport | null): Promise<ReportView['dueTimes']> => {
  const decision = decidedSeverityOf(report);
  if (decision === undefined) return null;
  const applied = await readAppliedState(issueId);
  const state = applied?.state;
  if (state === undefined || state.decisionAt !== decision.at) return null;
  return { level: state.level, responseDueAt: state.responseDueAt, firstResponseAt: state.firstResponseAt ?? null, nextUpdateDueAt: state.nextUpdateDueAt };
};

/**
 * The shape of every report change: load as the user, check what the change needs of the person
 * (`guard`, which throws a Refusal), let the domain decide, store, answer the refreshed view. A
 * rejection stores nothing and is thrown as a Refusal.
 */
export const changeReport = async (
  issueKey: string,
  handler: HandlerContext,
  decide: (context: IssueReportContext, meta: { accountId: string; now: string }) => ReportOutcome,
  guard: (context: IssueReportContext) => Promise<unknown> = () => Promise.resolve(),
): Promise<ReportView> => {
  const context = await loadIssueReportContext(handler, issueKey);
  await guard(context);
  const outcome = decide(context, { accountId: handler.access.accountId, now: handler.now().toISOString() });
  if (!outcome.ok) throw rejectionRefusal(outcome);
  if ((await storeReport(handler.jira.asUser, context.issue, outcome.report, context.report?.revision ?? 0)) === 'conflict') {
    throw rejectionRefusal({ ok: false, rejection: { kind: 'conflict', current: null } });
  }
  return buildReportView({ ...context, report: outcome.report }, handler);
};

/** A domain rejection as the Refusal the resolver answers with. */
export const rejectionRefusal = (outcome: Extract<ReportOutcome, { ok: false }>): Refusal => {
  const { rejection } = outcome;
  switch (rejection.kind) {
    case 'conflict':
      return new Refusal('CONFLICT', describeRejection(rejection));
    case 'too-large':
      return new Refusal('TOO_LARGE', describeRejection(rejection), `fields.${rejection.field}`);
    case 'invalid':
      return new Refusal('INVALID_INPUT', describeRejection(rejection), rejection.field);
  }
};
