import type { PostmortemEdit, PostmortemStatus, PostmortemView } from '../../../contract/postmortem.contract';
import { applyEdit, newlyNamedOwners } from '../../../domain/postmortem/edit';
import { changeStatus } from '../../../domain/postmortem/postmortem';
import { buildTimeline, mergeTimeline } from '../../../domain/postmortem/timeline';
import { getIncidentHistory } from '../../../jira/incident-history';
import { isAssignablePerson } from '../../../jira/users';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { commitPostmortem, refuseIfStale, stamp } from './commit-postmortem';
import { loadPostmortem, mayAccess } from './postmortem-access';
import { refuseUnconfirmedOtherProjects } from './incident-link-impact';
import { buildView } from './postmortem-view';

/**
 * Saves a person's edit. The stored postmortem decides what the client may not write (built
 * timeline entries, action issue keys; see `applyEdit`); every owner the edit newly names must be a
 * person Jira lets be assigned issues in the postmortem's project, asked as the user.
 */
export const savePostmortem = async (handler: HandlerContext, id: string, edit: PostmortemEdit, baseRevision: number, confirmedLinks: readonly string[] = []): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  refuseIfStale(stored, baseRevision);
  const next = stamp(applyEdit(stored.postmortem, edit), handler);
  // Linking more incidents needs the same rights on them as on the first.
  if (!(await mayAccess(handler, next, 'EDIT_ISSUES'))) refuse('FORBIDDEN', 'You need Edit issues on every incident you link to this postmortem.', 'edit.incidents');
  await refuseUnconfirmedOtherProjects(handler, stored.postmortem, next, confirmedLinks);
  const checked = new Set<string>();
  for (const owner of newlyNamedOwners(stored.postmortem, next)) {
    if (checked.has(owner.accountId)) continue;
    if (!(await isAssignablePerson(handler.jira.asUser, next.projectKey, owner.accountId))) {
      refuse('INVALID_INPUT', `Choose someone else as ${owner.role}: owners must be people who can be assigned issues in ${next.projectKey}, and this account cannot be.`, owner.field);
    }
    checked.add(owner.accountId);
  }
  await commitPostmortem(stored, next, baseRevision);
  return buildView(handler, next);
};

/** draft → in review → published (and back); publishing needs every blocker cleared. */
export const setPostmortemStatus = async (handler: HandlerContext, id: string, to: PostmortemStatus, baseRevision: number): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  const change = changeStatus(stored.postmortem, to, { accountId: handler.access.accountId, now: handler.now().toISOString() });
  if (!change.ok) return refuse('INVALID_INPUT', `Not yet: ${change.reasons.join(' ')}`);
  await commitPostmortem(stored, change.postmortem, baseRevision);
  return buildView(handler, change.postmortem);
};

/** Rebuilds the timeline from the incidents' history, keeping notes, hidden marks and manual entries. */
export const refreshPostmortemTimeline = async (handler: HandlerContext, id: string, baseRevision: number): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  refuseIfStale(stored, baseRevision);
  const histories = [];
  for (const issueKey of stored.postmortem.incidents) histories.push((await getIncidentHistory(handler.jira.asUser, issueKey)).history);
  const next = stamp({ ...stored.postmortem, timeline: mergeTimeline(stored.postmortem.timeline, buildTimeline(histories)) }, handler);
  await commitPostmortem(stored, next, baseRevision);
  return buildView(handler, next);
};
