import type { Postmortem, PostmortemView } from '../../../contract/postmortem.contract';
import { severityName } from '../../../contract/severity-names';
import { stageOf } from '../../../domain/postmortem/action-triage';
import { blameHintsFor, overdueActions, publishBlockers, toMarkdown } from '../../../domain/postmortem/postmortem';
import { describeDuration, impactDurations } from '../../../domain/postmortem/impact-durations';
import { APP_AUTHOR } from '../../../domain/postmortem/timeline';
import { getIncidentHistory } from '../../../jira/incident-history';
import { getIssueStatuses } from '../../../jira/issues';
import { isJiraError } from '../../../jira/jira-error';
import { getDisplayNames } from '../../../jira/users';
import { approvalsOf, historyOf, publishMissing, reviewersOf } from '../../../domain/postmortem/review';
import { readPublishedVersion } from '../../../storage/postmortem.store';
import { readEffectivePolicy } from '../../../storage/policy.store';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { mayAccess } from './postmortem-access';

/**
 * Everything the editor shows about one postmortem, read as the user. `reader.locale` is the viewer's
 * (sent by the page; the resolver context has none) for the export's dates; without it they read en-GB.
 */
export const buildView = async (handler: HandlerContext, postmortem: Postmortem, notice: string | null = null, reader: { readonly locale?: string } = {}): Promise<PostmortemView> => {
  const canEdit = await mayAccess(handler, postmortem, 'EDIT_ISSUES');
  // format part (issue 15): a filed remediation item's issue shows its live status as an action's does.
  const actionKeys = [...postmortem.actions, ...postmortem.remediation].flatMap((item) => (item.issueKey == null ? [] : [item.issueKey]));
  // The recurrence watch records incidents as the app: a viewer sees only those Jira lets them browse
  // (an incident under a security level, or in a project they cannot browse, stays unnamed to them).
  const recurrenceKeys = (postmortem.recurrences ?? []).map((recurrence) => recurrence.issueKey);
  const lookedUp = [...new Set([...actionKeys, ...recurrenceKeys])];
  // Read by key, not by JQL: an issue filed a moment ago may not be in the search index yet.
  const found = lookedUp.length === 0 ? new Map<string, { status: string; done: boolean }>() : await getIssueStatuses(handler.jira.asUser, lookedUp);
  const actionIssues = Object.fromEntries(actionKeys.map((key) => [key, { status: '', done: false, ...found.get(key), missing: !found.has(key) }]));
  const done = new Set(Object.entries(actionIssues).flatMap(([key, value]) => (value.done ? [key] : [])));
  const names: Record<string, string> = {};
  const people = new Set<string>();
  for (const issueKey of postmortem.incidents.slice(0, 3)) {
    const history = await getIncidentHistory(handler.jira.asUser, issueKey);
    Object.assign(names, history.names);
    for (const accountId of history.people) people.add(accountId);
  }
  // record: who decided a severity may not appear in the incident's Jira history; the timeline names them too.
  // log part (issue 16): nor may who wrote in the incident log; updates part: nor who sent a stakeholder update (the app's own closing update is named already).
  const named = (entry: (typeof postmortem.timeline)[number]): boolean => entry.kind === 'severity' || entry.kind === 'log' || (entry.kind === 'update' && entry.who !== APP_AUTHOR);
  const unnamed = [...new Set(postmortem.timeline.flatMap((entry) => (named(entry) && entry.issueKey !== null ? [entry.who] : [])))].filter((accountId) => names[accountId] === undefined);
  if (unnamed.length > 0) {
    try {
      Object.assign(names, Object.fromEntries(await getDisplayNames(handler.jira.asUser, unnamed)));
    } catch (error) {
      if (!isJiraError(error)) throw error;
    }
  }
  Object.assign(names, await ownerNames(handler, postmortem, names));
  const { policy } = await readEffectivePolicy(postmortem.projectKey);
  const review = await reviewView(handler, postmortem, canEdit, names);
  const durations = impactDurations(postmortem.impact);
  // actions part (issue 15): a deferred or rejected action is not owed, so it is never overdue.
  const overdueActionIds = overdueActions(postmortem, handler.now().toISOString().slice(0, 10), done)
    .filter((action) => stageOf(action) !== 'deferred' && stageOf(action) !== 'rejected')
    .map((action) => action.id);
  const recurrences = postmortem.recurrences?.filter((recurrence) => found.has(recurrence.issueKey));
  return {
    postmortem: recurrences === undefined ? postmortem : { ...postmortem, recurrences },
    // A published postmortem is locked for everyone; changing it starts with a new revision.
    canEdit: canEdit && postmortem.status !== 'published',
    review,
    blameHints: blameHintsFor(postmortem),
    publishBlockers: publishBlockers(postmortem),
    actionIssues,
    overdueActionIds,
    impactDurations: [
      { label: 'Time to detect', text: describeDuration(durations.toDetect, 'detected') },
      { label: 'Time to mitigate', text: describeDuration(durations.toMitigate, 'mitigated') },
      { label: 'Time to resolve', text: describeDuration(durations.toResolve, 'resolved') },
    ],
    names,
    ownerCandidates: Object.keys(names).filter((accountId) => people.has(accountId)),
    markdown: toMarkdown(postmortem, names, policy.levels, { actionIssues, overdueActionIds }, reader),
    severityName: postmortem.severity === null ? null : severityName(policy.levels, postmortem.severity),
    notice,
  };
};

/**
 * The review part of the view (part "review"), adding to `names` the people it shows (owner,
 * reviewers, whoever is in the history or published), asked as the user so Jira's privacy applies.
 */
const reviewView = async (handler: HandlerContext, postmortem: Postmortem, mayEdit: boolean, names: Record<string, string>): Promise<PostmortemView['review']> => {
  const approvals = approvalsOf(postmortem);
  const published = postmortem.publishedVersion === undefined ? null : await readPublishedVersion(postmortem.id);
  const shown = [postmortem.owner, ...reviewersOf(postmortem), ...historyOf(postmortem).flatMap((entry) => [entry.by, ...(entry.people ?? [])]), ...(postmortem.publishedVersion?.publishedBy == null ? [] : [postmortem.publishedVersion.publishedBy])];
  const unnamed = [...new Set(shown)].filter((accountId) => names[accountId] === undefined);
  if (unnamed.length > 0) {
    try {
      for (const [accountId, name] of await getDisplayNames(handler.jira.asUser, unnamed)) names[accountId] = name;
    } catch {
      // Names are labels: the page shows "someone" for a name Jira did not give rather than fail.
    }
  }
  return {
    isOwner: handler.access.accountId === postmortem.owner,
    isReviewer: reviewersOf(postmortem).includes(handler.access.accountId),
    approvedByYou: approvals.some((approval) => approval.accountId === handler.access.accountId),
    mayEdit,
    reviewers: reviewersOf(postmortem).map((accountId) => ({ accountId, approvedAt: approvals.find((approval) => approval.accountId === accountId)?.at ?? null })),
    publishMissing: publishMissing(postmortem, handler.access.accountId),
    published: published === null || postmortem.publishedVersion === undefined ? null : { postmortem: published, publishedAt: postmortem.publishedVersion.publishedAt, publishedBy: postmortem.publishedVersion.publishedBy },
    history: [...historyOf(postmortem)],
  };
};

/**
 * actions part (issue 15): the display names of everyone the postmortem names (its owner, action and
 * remediation owners, who triaged and verified) that the incidents' history did not, in one bulk
 * request as the user, so the page and the export show names, not account ids. A name is a label:
 * when Jira cannot say, the id stays and the page still opens.
 */
const ownerNames = async (handler: HandlerContext, postmortem: Postmortem, known: Readonly<Record<string, string>>): Promise<Record<string, string>> => {
  const named = [
    postmortem.owner,
    ...postmortem.actions.flatMap((action) => [action.owner, action.triage?.by ?? null, action.verification?.by ?? null]),
    ...postmortem.remediation.map((item) => item.owner),
  ].filter((accountId): accountId is string => accountId !== null && !Object.hasOwn(known, accountId));
  if (named.length === 0) return {};
  try {
    return Object.fromEntries(await getDisplayNames(handler.jira.asUser, named));
  } catch (error) {
    if (isJiraError(error)) return {};
    throw error;
  }
};
