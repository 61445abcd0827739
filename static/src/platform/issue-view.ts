import { view } from '@forge/bridge';

import { flagWarning } from './flags';

/**
 * Asks Jira to show the issue's current fields after an app action changed them (status, assignee,
 * priority, labels, comments, due date): without it the issue view stays as it was loaded and the
 * person thinks nothing happened. Only issue view modules may ask; elsewhere the host answers false
 * and the bridge throws ("not refreshable"), as it does when the host fails: either way the change
 * is made and the view shows it on its next load, so a failure is only reported as `false`.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#refresh
 */
export async function refreshIssueView(): Promise<boolean> {
  try {
    await view.refresh();
    return true;
  } catch {
    return false;
  }
}

/** What an action says it did (`ReportView['outcome']`), as far as the issue view needs to know. */
interface ChangeOutcome {
  readonly tone: string;
  readonly message: string;
}

/**
 * The one place the panels call after an action that changed the issue's Jira fields. Jira renders
 * the issue view again on refresh, app frames included, so what the panel shows inline is gone
 * with its frame: an unfinished change is said in a flag first (the host's, it outlives frames;
 * success flags are the caller's), then the view is refreshed.
 */
export function showIssueChanges(outcome: ChangeOutcome | null, warningTitle = 'Not everything is done yet'): void {
  if (outcome?.tone === 'warning') flagWarning(warningTitle, outcome.message);
  void refreshIssueView();
}
