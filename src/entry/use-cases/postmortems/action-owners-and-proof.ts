import type { ActionItem, PostmortemView } from '../../../contract/postmortem.contract';
import type { FoundPeople } from '../../../contract/on-call.contract';
import { verifyAction as verifyRule, type Ruling } from '../../../domain/postmortem/action-triage';
import { getIssueStatuses } from '../../../jira/issues';
import { searchAssignablePeople } from '../../../jira/user-search';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { backlogProjectOf } from './action-backlog';
import { commitPostmortem, refuseIfStale, stamp } from './commit-postmortem';
import { loadPostmortem } from './postmortem-access';
import { buildView } from './postmortem-view';

/**
 * People to name as owners, found by name among those Jira lets be assigned issues where the work
 * lands: the postmortem's project for its owner and remediation, the improvements backlog for
 * actions. Searched as the user (Jira's privacy applies); apps, Firebreak included, are never offered.
 */
export const findOwners = async (handler: HandlerContext, id: string, query: string, target: 'postmortem' | 'action'): Promise<FoundPeople> => {
  const { postmortem } = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  const projectKey = target === 'action' ? await backlogProjectOf(postmortem) : postmortem.projectKey;
  return { people: await searchAssignablePeople(handler.jira.asUser, projectKey, query, 10) };
};

/** Applies a rule to one saved action and commits the postmortem (compare-and-swap on `baseRevision`). */
const changeAction = async (
  handler: HandlerContext,
  request: { readonly id: string; readonly actionId: string; readonly baseRevision: number },
  rule: (action: ActionItem, at: string) => Promise<Ruling<ActionItem>>,
): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, request.id, 'EDIT_ISSUES');
  refuseIfStale(stored, request.baseRevision);
  const action = stored.postmortem.actions.find((candidate) => candidate.id === request.actionId);
  if (action === undefined) return refuse('NOT_FOUND', 'That action item is not in the saved postmortem. Save the postmortem first.');
  const at = handler.now().toISOString();
  const ruled = await rule(action, at);
  if (!ruled.ok) return refuse('INVALID_INPUT', ruled.reason);
  const next = { ...stamp({ ...stored.postmortem, actions: stored.postmortem.actions.map((candidate) => (candidate.id === action.id ? ruled.value : candidate)) }, handler), updatedAt: at };
  await commitPostmortem(stored, next, request.baseRevision);
  return buildView(handler, next);
};

/**
 * Records how the team checked that a finished action worked. Whether its issue is done is Jira's
 * word, read now as the user; an issue they cannot see is not done for them.
 */
export const verifyAction = (handler: HandlerContext, request: { readonly id: string; readonly actionId: string; readonly how: string; readonly link: string | null; readonly baseRevision: number }): Promise<PostmortemView> =>
  changeAction(handler, request, async (action, at) => {
    const done = action.issueKey !== null && (await getIssueStatuses(handler.jira.asUser, [action.issueKey])).get(action.issueKey)?.done === true;
    return verifyRule(action, { how: request.how, link: request.link }, done, { by: handler.access.accountId, at });
  });
