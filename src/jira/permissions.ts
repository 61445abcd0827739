import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';

/** Project permissions the app checks. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get */
export type ProjectPermission = 'BROWSE_PROJECTS' | 'EDIT_ISSUES' | 'ADMINISTER_PROJECTS' | 'ASSIGN_ISSUES' | 'TRANSITION_ISSUES' | 'ADD_COMMENTS';
export type GlobalPermission = 'ADMINISTER';

const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).loose()),
});

const grantedFrom = <P extends string>(body: z.infer<typeof myPermissionsSchema>, wanted: readonly P[]): ReadonlySet<P> =>
  new Set(wanted.filter((key) => body.permissions[key]?.havePermission === true));

/**
 * The caller's permissions on one issue. Must be called with the user's transport: it answers for
 * whoever makes the request. An issue the caller may not browse answers 404 (Jira hides its
 * existence), which surfaces as a `not-found` JiraError.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
 */
export const getMyIssuePermissions = async <P extends ProjectPermission>(
  jira: JiraTransport,
  issueKey: string,
  wanted: readonly P[],
): Promise<ReadonlySet<P>> => {
  const response = await jira.request(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=${wanted.join(',')}`);
  return grantedFrom(await readJson(response, 'GET mypermissions', myPermissionsSchema), wanted);
};

/** The caller's permissions in one project (or globally, for ADMINISTER). Scope: read:jira-work. */
export const getMyProjectPermissions = async <P extends ProjectPermission | GlobalPermission>(
  jira: JiraTransport,
  projectKey: string,
  wanted: readonly P[],
): Promise<ReadonlySet<P>> => {
  const response = await jira.request(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${wanted.join(',')}`);
  return grantedFrom(await readJson(response, 'GET mypermissions', myPermissionsSchema), wanted);
};

/** Global permissions of the caller (no issue or project context). Scope: read:jira-work. */
export const getMyGlobalPermissions = async <P extends GlobalPermission>(jira: JiraTransport, wanted: readonly P[]): Promise<ReadonlySet<P>> => {
  const response = await jira.request(route`/rest/api/3/mypermissions?permissions=${wanted.join(',')}`);
  return grantedFrom(await readJson(response, 'GET mypermissions', myPermissionsSchema), wanted);
};

// guards (issue 15): who could still see a postmortem after linking an incident from another project.
const bulkPermissionsSchema = z
  .object({ projectPermissions: z.array(z.object({ permission: z.string(), issues: z.array(z.number()).optional() }).loose()).optional() })
  .loose();

/** One bulk Browse projects check: the ids Jira answers with, for `accountId` when given, else for the caller. */
const browseCheck = async (jira: JiraTransport, issueIds: readonly string[], accountId: string | undefined, retry: boolean): Promise<string[]> => {
  const response = await jira.request(route`/rest/api/3/permissions/check`, {
    method: 'POST',
    body: JSON.stringify({ ...(accountId === undefined ? {} : { accountId }), projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: issueIds.map(Number) }] }),
    headers: { 'Content-Type': 'application/json' },
    ...(retry ? { retry: 'idempotent' as const } : {}),
  });
  const answer = await readJson(response, 'POST permissions/check', bulkPermissionsSchema);
  const browse = (answer.projectPermissions ?? []).find((entry) => entry.permission === 'BROWSE_PROJECTS');
  return (browse?.issues ?? []).map(String);
};

/**
 * Which of these issues (by id) another person may browse, in one request asked as the app
 * (checking someone else's permissions needs Administer Jira, or the app). Scope: read:permission:jira.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
 */
export const issuesPersonMayBrowse = async (asApp: JiraTransport, accountId: string, issueIds: readonly string[]): Promise<ReadonlySet<string>> =>
  new Set(await browseCheck(asApp, issueIds, accountId, false));

/** Issue ids per bulk permission check (a view's secured issues are few; no documented cap was found). */
const ISSUES_PER_CHECK = 1000;

/**
 * Which of these issues (by id) the caller may browse, asked as the viewer through the bulk
 * permission check: an issue under a security level they are not in, or deleted, is simply absent
 * from the answer. (A search for `id in (…)` cannot ask this: Jira rejects the whole query when it
 * names an issue the searcher may not see, exactly as for a missing one.) One call per 1,000 ids.
 * Scope: read:permission:jira.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
 */
export const issuesViewerMayBrowse = async (viewer: JiraTransport, issueIds: readonly string[]): Promise<ReadonlySet<string>> => {
  const visible = new Set<string>();
  for (let start = 0; start < issueIds.length; start += ISSUES_PER_CHECK) {
    for (const id of await browseCheck(viewer, issueIds.slice(start, start + ISSUES_PER_CHECK), undefined, true)) visible.add(id);
  }
  return visible;
};
