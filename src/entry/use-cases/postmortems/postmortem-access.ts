import type { Postmortem } from '../../../contract/postmortem.contract';
import { isJiraError } from '../../../jira/jira-error';
import { getMyIssuePermissions } from '../../../jira/permissions';
import { readStoredPostmortem, type StoredPostmortem } from '../../../storage/postmortem.store';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';

export type PostmortemPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES';

/**
 * A postmortem is as visible as its incidents: reading needs Browse on every linked incident,
 * editing needs Edit on every one, checked as the user. KVS is the app's storage, so this check is
 * the only thing between a user and a postmortem about issues they may not see.
 */
export const mayAccess = async (handler: HandlerContext, postmortem: Postmortem, permission: PostmortemPermission): Promise<boolean> => {
  for (const issueKey of postmortem.incidents) {
    try {
      const granted = await getMyIssuePermissions(handler.jira.asUser, issueKey, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
      if (!granted.has(permission)) return false;
    } catch (error) {
      if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) return false;
      throw error;
    }
  }
  return true;
};

/**
 * The postmortem the caller asked for by id, if they may read (or edit) it. The refusal names only
 * the id they sent: whether it exists is not theirs to learn.
 */
export const loadPostmortem = async (handler: HandlerContext, id: string, permission: PostmortemPermission): Promise<StoredPostmortem> => {
  const stored = await readStoredPostmortem(id);
  if (stored === null || !(await mayAccess(handler, stored.postmortem, permission))) {
    return refuse('FORBIDDEN', `You don't have access to postmortem ${id}, or it doesn't exist. It is visible to people who can see all of its incidents.`);
  }
  return stored;
};
