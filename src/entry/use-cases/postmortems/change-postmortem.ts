import type { Postmortem, PostmortemEdit, PostmortemStatus, PostmortemView } from '../../../contract/postmortem.contract';
import { stampTriage } from '../../../domain/postmortem/action-triage';
import { applyEdit, newlyNamedOwners } from '../../../domain/postmortem/edit';
import { LOCKED_SENTENCE, backToDraft, contentOf, recordSave, sendToReview } from '../../../domain/postmortem/review';
import { buildTimeline, mergeTimeline } from '../../../domain/postmortem/timeline';
import { getIncidentHistory } from '../../../jira/incident-history';
import { isAssignablePerson } from '../../../jira/users';
import { backlogProjectOf } from './action-backlog';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { commitPostmortem, refuseIfStale } from './commit-postmortem';
import { publishPostmortem } from './review-postmortem';
import { loadPostmortem, mayAccess } from './postmortem-access';
import { refuseUnconfirmedOtherProjects } from './incident-link-impact';
import { buildView } from './postmortem-view';
import { timelineRecordsFor } from './start-postmortem';

/** A change to the text under the review's rules (locked when published, owner hand-over, history, approvals of changed text). The caller checked Edit issues. */
const reviewedSave = (handler: HandlerContext, stored: Postmortem, content: PostmortemEdit, now = handler.now().toISOString()): Postmortem => {
  const reviewed = recordSave(stored, content, { accountId: handler.access.accountId, now, mayEdit: true });
  return reviewed.ok ? reviewed.postmortem : refuse('INVALID_INPUT', reviewed.reason);
};

/**
 * Saves a person's edit. The stored postmortem decides what the client may not write (built
 * timeline entries, action issue keys; see `applyEdit`); every owner the edit newly names must be a
 * person Jira lets be assigned issues in the postmortem's project, asked as the user.
 */
export const savePostmortem = async (handler: HandlerContext, id: string, edit: PostmortemEdit, baseRevision: number, confirmedLinks: readonly string[] = []): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  refuseIfStale(stored, baseRevision);
  const edited = applyEdit(stored.postmortem, edit);
  // actions part (issue 15): triage decisions are recorded as the caller's, now.
  const now = handler.now().toISOString();
  const triaged = stampTriage(stored.postmortem.actions, edited.actions, { by: handler.access.accountId, at: now });
  if (!triaged.ok) return refuse('INVALID_INPUT', triaged.reason, triaged.field);
  const next = reviewedSave(handler, stored.postmortem, contentOf({ ...edited, actions: triaged.value }), now);
  // Linking more incidents needs the same rights on them as on the first.
  if (!(await mayAccess(handler, next, 'EDIT_ISSUES'))) refuse('FORBIDDEN', 'You need Edit issues on every incident you link to this postmortem.', 'edit.incidents');
  await refuseUnconfirmedOtherProjects(handler, stored.postmortem, next, confirmedLinks);
  const checked = new Set<string>();
  for (const owner of newlyNamedOwners(stored.postmortem, next)) {
    // actions part (issue 15): an action's owner is checked where its issue is filed.
    const projectKey = owner.where === 'backlog' ? await backlogProjectOf(next) : next.projectKey;
    if (checked.has(`${projectKey}:${owner.accountId}`)) continue;
    if (!(await isAssignablePerson(handler.jira.asUser, projectKey, owner.accountId))) {
      refuse('INVALID_INPUT', `Choose someone else as ${owner.role}: owners must be people who can be assigned issues in ${projectKey}, and this account cannot be.`, owner.field);
    }
    checked.add(`${projectKey}:${owner.accountId}`);
  }
  await commitPostmortem(stored, next, baseRevision);
  return buildView(handler, next);
};

/**
 * draft ⇄ in review, by anyone who may edit it; "published" is the owner's publish (approval and
 * blame confirmation as `publishPostmortem` asks, so an older client cannot skip either). Nothing
 * moves a published postmortem back: a new revision is opened instead.
 */
export const setPostmortemStatus = async (handler: HandlerContext, id: string, to: PostmortemStatus, baseRevision: number): Promise<PostmortemView> => {
  if (to === 'published') return publishPostmortem(handler, id, baseRevision, false);
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  refuseIfStale(stored, baseRevision);
  const actor = { accountId: handler.access.accountId, now: handler.now().toISOString(), mayEdit: true };
  const change = to === 'in-review' ? sendToReview(stored.postmortem, actor) : backToDraft(stored.postmortem, actor);
  if (!change.ok) return refuse('INVALID_INPUT', change.reason);
  if (change.postmortem === stored.postmortem) return buildView(handler, stored.postmortem);
  await commitPostmortem(stored, change.postmortem, baseRevision);
  return buildView(handler, change.postmortem);
};

/** Rebuilds the timeline from the incidents' history, keeping notes, hidden marks and manual entries. */
export const refreshPostmortemTimeline = async (handler: HandlerContext, id: string, baseRevision: number): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'EDIT_ISSUES');
  refuseIfStale(stored, baseRevision);
  if (stored.postmortem.status === 'published') refuse('INVALID_INPUT', LOCKED_SENTENCE);
  const histories = [];
  for (const issueKey of stored.postmortem.incidents) histories.push((await getIncidentHistory(handler.jira.asUser, issueKey)).history);
  const next = reviewedSave(handler, stored.postmortem, { ...contentOf(stored.postmortem), timeline: mergeTimeline(stored.postmortem.timeline, buildTimeline(histories, await timelineRecordsFor(handler, stored.postmortem.projectKey, stored.postmortem.incidents))) });
  await commitPostmortem(stored, next, baseRevision);
  return buildView(handler, next);
};
