import { route } from '@forge/api';
import { z } from 'zod';

import { readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';
import { searchAll } from './search';

/**
 * intake (issue 17): the Jira reads the alert consumer needs besides creating, commenting and
 * linking (src/jira/issues.ts). All as the app: the web trigger that accepted the alert has no user.
 */

/** The label and entity property every incident opened from an alert carries. */
export const ALERT_LABEL = 'firebreak-alert';
export const ALERT_PROPERTY = 'firebreak-alert';

const securityLevelsSchema = z.object({ levels: z.array(z.object({ id: z.string(), name: z.string().optional(), isDefault: z.boolean().optional() }).loose()) }).loose();

/**
 * The issue security level a security finding is opened under: the project's default level when
 * the app may set it, else the first level Jira lists for the app; null when the project has no
 * issue security scheme, or the app may set no level (it needs Set Issue Security and membership
 * of the level, or it would lose sight of the issue it just opened). Jira applies a scheme's default
 * level to a new issue by itself; naming it keeps the choice explicit and visible in the request.
 * Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-permission-schemes/#api-rest-api-3-project-projectkeyorid-securitylevel-get
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-security-schemes/
 */
export const securityLevelForFinding = async (app: JiraTransport, projectId: string): Promise<{ readonly id: string; readonly name: string } | null> => {
  const { levels } = await readJson(await app.request(route`/rest/api/3/project/${projectId}/securitylevel`), 'GET project security levels', securityLevelsSchema);
  const chosen = levels.find((level) => level.isDefault === true) ?? levels[0];
  return chosen === undefined ? null : { id: chosen.id, name: chosen.name ?? chosen.id };
};

/**
 * The issue an earlier create for this marker made, found through the `firebreakAlert` search alias
 * (manifest.yml, `alert-origin-index`), as the app. Jira's search index lags behind writes, so an
 * empty answer right after a create proves nothing; the caller waits before it believes it.
 * Scope: read:jira-work.
 */
export const findAlertIncident = async (app: JiraTransport, marker: string): Promise<{ readonly id: string; readonly key: string } | null> => {
  const [found] = await searchAll(app, `firebreakAlert = "${marker}" ORDER BY created ASC`, ['summary'], [], 1);
  return found === undefined ? null : { id: found.id, key: found.key };
};

const standingSchema = z.object({ id: z.string(), key: z.string(), fields: z.object({ status: z.object({ statusCategory: z.object({ key: z.string() }).loose().optional() }).loose() }).loose() }).loose();

/**
 * Whether the incident is still open: its status category is not Done. `gone` when Jira no longer
 * shows it to the app (deleted, or moved out of the app's sight). Read by id: a move to another
 * project changes the key, never the id. Scope: read:jira-work.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
 */
export const incidentStanding = async (app: JiraTransport, issueId: string): Promise<{ readonly standing: 'open' | 'closed' | 'gone'; readonly key: string | null }> => {
  const response = await app.request(route`/rest/api/3/issue/${issueId}?fields=status`);
  if (response.status === 404) return { standing: 'gone', key: null };
  const issue = await readJson(response, 'GET issue status', standingSchema);
  return { standing: issue.fields.status.statusCategory?.key === 'done' ? 'closed' : 'open', key: issue.key };
};

const myselfSchema = z.object({ accountId: z.string().min(1) }).loose();

/** The app's own account id, which Jira shows as the app's name (the decider of a rule's severity). Scope: read:jira-user. */
export const appAccountId = async (app: JiraTransport): Promise<string> => (await readJson(await app.request(route`/rest/api/3/myself`), 'GET myself', myselfSchema)).accountId;
