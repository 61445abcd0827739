import type { ProjectConfig } from '../../contract/project-config.contract';
import { REPORT_FIELDS, type ReportView, type StoredReport } from '../../contract/report.contract';
import { fail, ok, type ResolverResult } from '../../contract/result';
import type { SeverityLevel } from '../../contract/severity.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor, isProductionIssueType } from '../../domain/config/project-config';
import { accountsMentionedIn, describeRejection, migrateStoredReport, readinessOf, waitingSeconds, type ReadinessContext, type ReportOutcome } from '../../domain/report/report';
import { getIssueBasics, type IssueBasics } from '../../jira/issues';
import { isJiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import { readReportValue, writeReport } from '../../jira/report-property';
import { getDisplayNames } from '../../jira/users';
import { readEffectivePolicy } from '../../storage/policy.store';
import { readProjectConfig } from '../../storage/project-config.store';
import { StoredDataError } from '../../storage/stored-data-error';
import type { HandlerContext } from './resolver-definition';

/** Everything the report resolvers work from: the issue, its project's rules and the stored report. */
export interface IssueReportContext {
  readonly issue: IssueBasics;
  readonly config: ProjectConfig;
  readonly readiness: ReadinessContext & { readonly scale: readonly SeverityLevel[] };
  readonly report: StoredReport | null;
}

/**
 * Reads as the user: the issue and its report property from Jira (two calls, in parallel), the
 * project's settings from app storage. The stored report is migrated and validated on read.
 */
export const loadIssueReportContext = async (jira: JiraTransport, issueKey: string): Promise<IssueReportContext> => {
  const [issue, raw] = await Promise.all([getIssueBasics(jira, issueKey), readReportValue(jira, issueKey)]);
  const [stored, { policy }] = await Promise.all([readProjectConfig(issue.projectKey), readEffectivePolicy(issue.projectKey)]);
  const config = stored?.config ?? DEFAULT_PROJECT_CONFIG;
  // The reporter chooses from the scale of the policy in force, with its definitions and examples.
  const scale: SeverityLevel[] = policy.levels.map(({ id, name, definition, examples, response }) => ({ id, name, definition, examples, response }));
  const readiness = { rules: fieldRulesFor(config, issue.issueType), manualItems: config.manualItems, scale };
  if (raw === undefined) return { issue, config, readiness, report: null };
  const report = migrateStoredReport(raw, readiness);
  if (report === undefined) throw new StoredDataError(`The production report stored on ${issueKey} is not in a shape Firebreak understands.`);
  return { issue, config, readiness, report };
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
    viewer: { accountId: handler.access.accountId, isReporter: issue.reporter?.accountId === handler.access.accountId },
    fields: REPORT_FIELDS.flatMap((field) => {
      const rule = readiness.rules[field.id];
      return rule === 'hidden' ? [] : [{ id: field.id, label: field.label, prompt: field.prompt, kind: field.kind, rule }];
    }),
    scale: [...readiness.scale],
    readiness: { ready: evaluated.ready, items: [...evaluated.items] },
    problems: [...evaluated.problems],
    manualItems: [...config.manualItems],
    waitingSeconds: Math.round(waitingSeconds(report, handler.now().toISOString())),
    names: await namesOfOthers(context, handler),
  };
};

/**
 * The shape of every report change: load as the user, let the domain decide, store as the user,
 * answer the refreshed view. A rejection stores nothing.
 */
export type ReportChange =
  | { readonly ok: true; readonly view: ReportView; readonly stored: StoredReport; readonly context: IssueReportContext }
  | { readonly ok: false; readonly result: ResolverResult<never> };

export const changeReport = async (
  issueKey: string,
  handler: HandlerContext,
  decide: (context: IssueReportContext, meta: { accountId: string; now: string }) => ReportOutcome,
): Promise<ReportChange> => {
  const context = await loadIssueReportContext(handler.jira.asUser, issueKey);
  const outcome = decide(context, { accountId: handler.access.accountId, now: handler.now().toISOString() });
  if (!outcome.ok) return { ok: false, result: rejectionResult(outcome) };
  await writeReport(handler.jira.asUser, issueKey, outcome.report);
  const next = { ...context, report: outcome.report };
  return { ok: true, view: await buildReportView(next, handler), stored: outcome.report, context: next };
};

/** For resolvers whose change has no follow-up: the envelope alone. */
export const resultOf = (change: ReportChange): ResolverResult<ReportView> => (change.ok ? ok(change.view) : change.result);

export const rejectionResult = (outcome: Extract<ReportOutcome, { ok: false }>): ResolverResult<never> => {
  const { rejection } = outcome;
  switch (rejection.kind) {
    case 'conflict':
      return fail('CONFLICT', describeRejection(rejection));
    case 'too-large':
      return fail('TOO_LARGE', describeRejection(rejection), `fields.${rejection.field}`);
    case 'invalid':
      return fail('INVALID_INPUT', describeRejection(rejection), rejection.field);
  }
};
