import type { Postmortem } from '../../contract/postmortem.contract';
import { stageOf } from './action-triage';

/**
 * Which filed actions are overdue and who is reminded (pure). The judge is the postmortem in app
 * storage, never the issue's property a user could edit: the issue must be the one the action
 * points to, the action accepted, not verified, its stored due date before today, and its issue not
 * done. The owner and the postmortem's owner are reminded, once per due date (`claim`): a new date
 * is a new reminder.
 */
export interface ActionReminder {
  readonly issueKey: string;
  readonly claim: string;
  readonly recipients: readonly string[];
  readonly title: string;
  readonly dueDate: string;
  readonly postmortemTitle: string;
}

export const planActionReminder = (postmortem: Postmortem, actionId: string, issueKey: string, issueDone: boolean, today: string): ActionReminder | null => {
  const action = postmortem.actions.find((candidate) => candidate.id === actionId);
  if (action === undefined || action.issueKey !== issueKey || issueDone || action.verification !== undefined) return null;
  if (stageOf(action) !== 'accepted' || action.dueDate === null || action.dueDate >= today) return null;
  const recipients = [...new Set([action.owner, postmortem.owner].filter((accountId): accountId is string => accountId !== null))];
  return { issueKey, claim: `action-reminder:${postmortem.id}:${action.id}:${action.dueDate}`, recipients, title: action.title, dueDate: action.dueDate, postmortemTitle: postmortem.title };
};
