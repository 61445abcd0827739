import type { Postmortem, PostmortemView } from '../../../contract/postmortem.contract';
import { severityName } from '../../../contract/severity-names';
import { stageOf } from '../../../domain/postmortem/action-triage';
import { blameHintsFor, overdueActions, publishBlockers, toMarkdown } from '../../../domain/postmortem/postmortem';
import { getIncidentHistory } from '../../../jira/incident-history';
import { getIssueStatuses } from '../../../jira/issues';
import { isJiraError } from '../../../jira/jira-error';
import { getDisplayNames } from '../../../jira/users';
import { readEffectivePolicy } from '../../../storage/policy.store';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { mayAccess } from './postmortem-access';

/** Everything the editor shows about one postmortem, read as the user. */
export const buildView = async (handler: HandlerContext, postmortem: Postmortem, notice: string | null = null): Promise<PostmortemView> => {
  const canEdit = await mayAccess(handler, postmortem, 'EDIT_ISSUES');
  const actionKeys = postmortem.actions.flatMap((action) => (action.issueKey === null ? [] : [action.issueKey]));
  // Read by key, not by JQL: an issue filed a moment ago may not be in the search index yet.
  const found = actionKeys.length === 0 ? new Map<string, { status: string; done: boolean }>() : await getIssueStatuses(handler.jira.asUser, actionKeys);
  const actionIssues = Object.fromEntries(actionKeys.map((key) => [key, { status: '', done: false, ...found.get(key), missing: !found.has(key) }]));
  const done = new Set(Object.entries(actionIssues).flatMap(([key, value]) => (value.done ? [key] : [])));
  const names: Record<string, string> = {};
  const people = new Set<string>();
  for (const issueKey of postmortem.incidents.slice(0, 3)) {
    const history = await getIncidentHistory(handler.jira.asUser, issueKey);
    Object.assign(names, history.names);
    for (const accountId of history.people) people.add(accountId);
  }
  Object.assign(names, await ownerNames(handler, postmortem, names));
  const { policy } = await readEffectivePolicy(postmortem.projectKey);
  return {
    postmortem,
    canEdit,
    blameHints: blameHintsFor(postmortem),
    publishBlockers: publishBlockers(postmortem),
    actionIssues,
    // actions part (issue 15): a deferred or rejected action is not owed, so it is never overdue.
    overdueActionIds: overdueActions(postmortem, handler.now().toISOString().slice(0, 10), done)
      .filter((action) => stageOf(action) !== 'deferred' && stageOf(action) !== 'rejected')
      .map((action) => action.id),
    names,
    ownerCandidates: Object.keys(names).filter((accountId) => people.has(accountId)),
    markdown: toMarkdown(postmortem, names, policy.levels),
    severityName: postmortem.severity === null ? null : severityName(policy.levels, postmortem.severity),
    notice,
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
