import { forgeJiraClients } from '../../jira/forge-transport';
import { notifyPeople } from '../../jira/action-issue-extras';
import { getIssueStatuses } from '../../jira/issues';
import type { JiraTransport } from '../../jira/jira-transport';
import { readProjectConfig } from '../../storage/project-config.store';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { listPendingDisputes } from '../../storage/severity-dispute.store';
import { authorityOf, authorityPeople, tellDisputer, updateDispute } from '../use-cases/severity-dispute';

/**
 * disputes (issue 16 part 4): the `dispute-reminders` scheduled trigger. Answers 204 as the other
 * scheduled run does (a failing run throws; the next comes on schedule).
 * @see https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/
 */
export const runDisputeReminders = async (): Promise<{ statusCode: number }> => {
  const jira = forgeJiraClients().asApp;
  const now = new Date();
  const reminded = await remindOverdueDisputes(jira, now);
  if (reminded.length > 0) console.log(`overdue dispute reminders sent on ${reminded.join(', ')}`);
  await tellPendingDisputers(jira, now);
  return { statusCode: 204 };
};

/**
 * Every open dispute whose time box passed with no ruling reminds the authority once: the person,
 * the group's members or the role's holders, by Jira's own notification about the issue (as the
 * app). Candidates come from the app's own index of open disputes (no scan of issues, no JQL); a
 * KVS claim per dispute and the row's `remindedAt` keep it to one email however many runs overlap.
 * A resolved issue's dispute is no longer chased. Answers the keys reminded.
 */
export const remindOverdueDisputes = async (jira: JiraTransport, now: Date): Promise<string[]> => {
  const overdue = await listPendingDisputes('remind', now.toISOString());
  if (overdue.length === 0) return [];
  const statuses = await getIssueStatuses(jira, overdue.map(({ issue }) => issue.id));
  const reminded: string[] = [];
  for (const { issue, stored } of overdue) {
    const { dispute } = stored;
    const status = statuses.get(issue.key);
    if (status === undefined || status.done) {
      // Moved, deleted or resolved: nobody is chased for it any more.
      await updateDispute(issue.id, issue.key, dispute.disputeAt, (current) => ({ ...current, remindedAt: now.toISOString() }));
      continue;
    }
    const claim = `dispute-reminder:${issue.id}:${dispute.disputeAt}`;
    if (!(await claimOnce(claim, now))) continue;
    try {
      const authority = authorityOf((await readProjectConfig(issue.projectKey))?.config ?? {});
      const recipients = (await authorityPeople(jira, issue.projectKey, authority)).filter((accountId) => accountId !== '');
      if (recipients.length > 0) {
        await notifyPeople(jira, issue.key, {
          accountIds: recipients,
          subject: `${issue.key}: a severity dispute is waiting for your ruling`,
          textBody: `A severity dispute on ${issue.key} was due for a ruling by ${dispute.dueAt.slice(0, 16).replace('T', ' ')} UTC and nobody has ruled yet. You have the final say: open the issue's Production report and keep the decided severity or change it, with a reason.`,
        });
      } else console.error(`${issue.key}: nobody holds the dispute authority; no reminder could be sent`);
    } catch (error) {
      await releaseClaim(claim);
      throw error;
    }
    await updateDispute(issue.id, issue.key, dispute.disputeAt, (current) => ({ ...current, remindedAt: now.toISOString() }));
    reminded.push(issue.key);
  }
  return reminded;
};

/** Rulings whose disputer was not told (Jira failed at the time): told now, once. */
const tellPendingDisputers = async (jira: JiraTransport, now: Date): Promise<void> => {
  for (const { issue } of await listPendingDisputes('notify', now.toISOString())) await tellDisputer(jira, issue.id, issue.key, now);
};
