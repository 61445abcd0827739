/**
 * What the person is told after an action item was filed as a Jira issue, when Jira did not take
 * everything: optional fields its create screen lacks (or values it refused) are left out rather than
 * failing the action, and a link that failed after the issue was created is said plainly, because the
 * issue exists either way.
 */

export type ActionIssueField = 'description' | 'labels' | 'duedate' | 'assignee' | 'priority';

export interface FiledActionIssue {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly issueType: string;
  /** Fields Jira would not set; `notOnScreen` when its create screen lacks the field. */
  readonly refused: ReadonlyArray<{ readonly field: ActionIssueField; readonly notOnScreen: boolean; readonly message: string }>;
  /** What was asked for, to say what is missing. */
  readonly asked: { readonly label: string; readonly dueDate: string | null; readonly owner: string | null; readonly priority?: string | null };
  /** The incident it should be linked to, and why linking failed (`null`: linked). */
  readonly linkFailure: { readonly incident: string; readonly reason: string } | null;
  /** Someone removed the action from the postmortem while it was being filed: the issue exists, the postmortem does not point to it. */
  readonly actionRemoved?: boolean;
  // actions part (issue 15)
  /** The remote link back to the postmortem failed (`url` null when its address could not be read). */
  readonly backLinkFailure?: { readonly url: string | null; readonly reason: string } | null;
  /** Jira did not email the owner (by name). */
  readonly notifyFailure?: { readonly owner: string; readonly reason: string } | null;
  /** format part (issue 15): what was filed, for the sentences ("remediation item"); an action when absent. */
  readonly noun?: string;
}

const FIELD_NAMES: Readonly<Record<ActionIssueField, string>> = { description: 'Description', labels: 'Labels', duedate: 'Due date', assignee: 'Assignee', priority: 'Priority' };

const whatWasAsked = (field: ActionIssueField, asked: FiledActionIssue['asked']): string => {
  switch (field) {
    case 'labels':
      return `the label “${asked.label}”`;
    case 'duedate':
      return `the due date ${asked.dueDate ?? ''}`.trimEnd();
    case 'assignee':
      return `the owner ${asked.owner ?? ''}`.trimEnd();
    case 'description':
      return 'the description';
    case 'priority':
      return `the priority ${asked.priority ?? ''}`.trimEnd();
  }
};

/** One sentence per refused field; `null` when Jira took everything and the link holds. */
export const describeFiledActionIssue = (filed: FiledActionIssue): string | null => {
  const { backLinkFailure = null, notifyFailure = null } = filed;
  if (filed.refused.length === 0 && filed.linkFailure === null && filed.actionRemoved !== true && backLinkFailure === null && notifyFailure === null) return null;
  const { issueKey, noun = 'action' } = filed;
  const sentences =
    filed.linkFailure === null
      ? [`Filed ${issueKey}.`]
      : [
          `Filed ${issueKey}, but Jira did not link it to ${filed.linkFailure.incident} (${filed.linkFailure.reason.replace(/\.$/, '')}).`,
          `The issue exists and this ${noun} points to it; open ${issueKey} in Jira and link it to ${filed.linkFailure.incident} (“relates to”).`,
        ];
  let screenNamed = false;
  for (const { field, notOnScreen, message } of filed.refused) {
    const what = whatWasAsked(field, filed.asked);
    if (!notOnScreen) {
      sentences.push(`Jira did not accept ${what} (“${message}”), so it was not set.`);
    } else if (!screenNamed) {
      screenNamed = true;
      sentences.push(`Jira’s create screen for ${filed.issueType} in ${filed.projectKey} has no ${FIELD_NAMES[field]} field, so ${what} was not set.`);
    } else {
      sentences.push(`It has no ${FIELD_NAMES[field]} field either, so ${what} was not set.`);
    }
  }
  if (backLinkFailure !== null) {
    const where = backLinkFailure.url === null ? 'this page’s address' : backLinkFailure.url;
    sentences.push(`Jira did not add the link back to this postmortem (${backLinkFailure.reason.replace(/\.$/, '')}): add ${where} to ${issueKey} as a web link.`);
  }
  if (notifyFailure !== null) {
    sentences.push(`Jira did not email ${notifyFailure.owner} about it (${notifyFailure.reason.replace(/\.$/, '')}): tell them the ${noun} is theirs.`);
  }
  if (filed.actionRemoved === true) {
    sentences.push(`The ${noun} was removed from the postmortem meanwhile, so the postmortem does not point to ${issueKey}: add the ${noun} back, or delete ${issueKey} in Jira.`);
  }
  return sentences.join(' ');
};
