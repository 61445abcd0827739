import { z } from 'zod';

import { planActionReminder } from '../../../domain/postmortem/action-reminders';
import { notifyPeople } from '../../../jira/action-issue-extras';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { searchAll } from '../../../jira/search';
import { anyActionFiled } from '../../../storage/action-reminders.store';
import { claimOnce, releaseClaim } from '../../../storage/once.store';
import { readStoredPostmortem } from '../../../storage/postmortem.store';
import { ORIGIN_PROPERTY } from './file-action-issue';

const originSchema = z.object({ postmortemId: z.string(), actionId: z.string() }).loose();
const statusSchema = z.object({ statusCategory: z.object({ key: z.string() }).loose() }).loose();

/**
 * actions part (issue 15): reminds the owner and the postmortem's owner of overdue open actions, from
 * the scheduled run, once the site has any filed action. One JQL search (as the app, over the indexed origin property) lists the open
 * issues Firebreak filed; each is judged by the postmortem in app storage (`planActionReminder`), so
 * a forged property can neither add a reminder nor change its date. One email per action and due
 * date, however many runs overlap (a `claimOnce` per date; given back if Jira refuses the email).
 * Answers the keys reminded.
 */
export const remindOverdueActions = async (jira: JiraTransport, clock: Date): Promise<string[]> => {
  if (!(await anyActionFiled())) return [];
  const today = clock.toISOString().slice(0, 10);
  const open = await searchAll(jira, 'firebreakActionPlan IS NOT EMPTY AND statusCategory != Done ORDER BY key ASC', ['status'], [ORIGIN_PROPERTY]);
  const reminded: string[] = [];
  for (const issue of open) {
    const origin = originSchema.safeParse(issue.properties?.[ORIGIN_PROPERTY]);
    if (!origin.success) continue;
    const postmortem = (await readStoredPostmortem(origin.data.postmortemId))?.postmortem;
    if (postmortem === undefined) continue;
    const status = statusSchema.safeParse(issue.fields['status']);
    const plan = planActionReminder(postmortem, origin.data.actionId, issue.key, status.success && status.data.statusCategory.key === 'done', today);
    if (plan === null || plan.recipients.length === 0) continue;
    if (!(await claimOnce(plan.claim, clock))) continue;
    try {
      await notifyPeople(jira, plan.issueKey, {
        accountIds: plan.recipients,
        subject: `${plan.issueKey} is overdue: an action from the postmortem “${plan.postmortemTitle}”`,
        textBody: `${plan.title} was due on ${plan.dueDate} and is still open. Finish it, or change its due date in the postmortem (a new date gets its own reminder).`,
      });
    } catch (error) {
      await releaseClaim(plan.claim);
      if (isJiraError(error)) continue;
      throw error;
    }
    reminded.push(plan.issueKey);
  }
  return reminded;
};
