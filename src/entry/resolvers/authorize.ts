import { fail, type ResolverResult } from '../../contract/result';
import { getMyGlobalPermissions, getMyIssuePermissions, getMyProjectPermissions } from '../../jira/permissions';
import { isJiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import type { Access, AccessRule } from './resolver-definition';

const PERMISSION_NAMES: Readonly<Record<string, string>> = {
  BROWSE_PROJECTS: 'Browse projects',
  EDIT_ISSUES: 'Edit issues',
  ADMINISTER_PROJECTS: 'Administer projects',
  ADMINISTER: 'Administer Jira',
};

/**
 * Checks the rule as the invoking user. The account id comes from the invocation context that
 * Forge signs, never from the payload.
 * @see https://developer.atlassian.com/platform/forge/app-context-security/
 */
export const authorize = async <P>(
  rule: AccessRule<P>,
  payload: P,
  accountId: string | undefined,
  asUser: JiraTransport,
): Promise<ResolverResult<Access>> => {
  if (accountId === undefined || accountId === '') {
    return fail('FORBIDDEN', 'Firebreak needs a signed-in Jira user for this. Sign in and try again.');
  }
  try {
    switch (rule.kind) {
      case 'issue': {
        const issueKey = rule.issueKey(payload);
        const granted = await getMyIssuePermissions(asUser, issueKey, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
        return decide(accountId, granted, rule.permission, `issue ${issueKey}`);
      }
      case 'project': {
        const projectKey = rule.projectKey(payload);
        const granted = await getMyProjectPermissions(asUser, projectKey, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
        return decide(accountId, granted, rule.permission, `project ${projectKey}`);
      }
      case 'global': {
        const granted = await getMyGlobalPermissions(asUser, ['ADMINISTER']);
        return decide(accountId, granted, rule.permission, 'this Jira site');
      }
      case 'authenticated':
        return { ok: true, data: { accountId, granted: new Set() } };
    }
  } catch (error) {
    // Jira hides issues a user may not browse behind a 404, so "missing" and "not yours" look alike.
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) {
      return fail('FORBIDDEN', `You don't have access to ${describeTarget(rule, payload)}, or it doesn't exist.`);
    }
    throw error;
  }
};

const decide = (accountId: string, granted: ReadonlySet<string>, required: string, target: string): ResolverResult<Access> => {
  if (!granted.has('BROWSE_PROJECTS') && required !== 'ADMINISTER') {
    return fail('FORBIDDEN', `You don't have access to ${target}, or it doesn't exist.`);
  }
  if (!granted.has(required)) {
    return fail('FORBIDDEN', `You need the "${PERMISSION_NAMES[required] ?? required}" permission on ${target} to do this. Ask a Jira admin for it.`);
  }
  return { ok: true, data: { accountId, granted } };
};

const describeTarget = <P>(rule: AccessRule<P>, payload: P): string => {
  switch (rule.kind) {
    case 'issue':
      return `issue ${rule.issueKey(payload)}`;
    case 'project':
      return `project ${rule.projectKey(payload)}`;
    case 'global':
    case 'authenticated':
      return 'this Jira site';
  }
};
