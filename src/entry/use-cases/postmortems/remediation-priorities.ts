import type { JiraPriorities } from '../../../contract/postmortem.contract';
import { getPriorities } from '../../../jira/issues';
import { isJiraError } from '../../../jira/jira-error';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { loadPostmortem } from './postmortem-access';

/**
 * format part (issue 15): the priorities Jira offers, by name, for a remediation item's issue. Asked
 * as the user, by someone who may edit the postmortem (only they file).
 */
export const listJiraPriorities = async (handler: HandlerContext, id: string): Promise<JiraPriorities> => {
  await loadPostmortem(handler, id, 'EDIT_ISSUES');
  try {
    return { priorities: [...(await getPriorities(handler.jira.asUser))] };
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return refuse('JIRA_UNAVAILABLE', `Jira did not list its priorities (HTTP ${String(error.status)}). Try again in a minute; you can still file with Jira's default priority.`);
  }
};
