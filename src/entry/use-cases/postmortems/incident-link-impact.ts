/**
 * guards (issue 15, item 8): linking an incident from another project hides the postmortem from
 * everyone who cannot browse that project (a postmortem is as visible as all its incidents). Before
 * such a link, the page names who would lose access; the save refuses the link unless the person
 * confirmed it, so a warning skipped (or a forged save) cannot hide the postmortem silently.
 */
import type { Postmortem } from '../../../contract/postmortem.contract';
import type { IncidentLinkImpact } from '../../../contract/incident-link.contract';
import { reviewersOf } from '../../../domain/postmortem/review';
import { mapWithConcurrency } from '../../../jira/concurrency';
import { isJiraError } from '../../../jira/jira-error';
import { issuesPersonMayBrowse } from '../../../jira/permissions';
import { getProjectRoles, getRoleActors, unlessRefused } from '../../../jira/roles';
import { getIssueProgress } from '../../../jira/statuses';
import { getDisplayNames } from '../../../jira/users';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';

/** People checked one by one (one Jira call each); beyond this the answer says how many were not. */
const MAX_PEOPLE_CHECKED = 30;

const projectOfKey = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));

/** The projects the postmortem's incidents are in now, by their keys (and the postmortem's own). */
const linkedProjects = (postmortem: Postmortem): ReadonlySet<string> => new Set([postmortem.projectKey, ...postmortem.incidents.map(projectOfKey)]);

/** An incident's id and project as Jira says (a moved issue keeps its old key), as the user. */
const readIncident = async (handler: HandlerContext, issueKey: string): Promise<{ readonly id: string; readonly projectKey: string }> => {
  try {
    return await getIssueProgress(handler.jira.asUser, issueKey);
  } catch (error) {
    if (isJiraError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) return refuse('NOT_FOUND', `${issueKey} does not exist, or you cannot see it. Check the key.`, 'edit.incidents');
    throw error;
  }
};

/** Whether linking `issueKey` brings in a project the postmortem's incidents are not in yet. */
export const isOtherProject = async (handler: HandlerContext, postmortem: Postmortem, issueKey: string): Promise<{ readonly other: boolean; readonly id: string; readonly projectKey: string }> => {
  const incident = await readIncident(handler, issueKey);
  return { ...incident, other: !linkedProjects(postmortem).has(incident.projectKey) };
};

/**
 * The people the app can name who see the postmortem now: its owner, its reviewers, whoever saved it
 * last, its action owners, and the people in its project's roles. The named ones come first, so the
 * cap on people checked never leaves out a reviewer. Groups in those roles cannot be listed
 * member by member, so they are returned as not checked.
 */
const candidates = async (handler: HandlerContext, postmortem: Postmortem): Promise<{ readonly accountIds: readonly string[]; readonly groups: readonly string[] }> => {
  const named = [postmortem.owner, ...reviewersOf(postmortem), postmortem.updatedBy, ...postmortem.actions.flatMap((action) => (action.owner === null ? [] : [action.owner]))];
  const roles = (await unlessRefused(getProjectRoles(handler.jira.asApp, postmortem.projectKey))) ?? [];
  const fromRoles: string[] = [];
  const groups: string[] = [];
  for (const role of roles) {
    const actors = await unlessRefused(getRoleActors(handler.jira.asApp, postmortem.projectKey, role.id));
    if (actors === null) continue;
    fromRoles.push(...actors.accountIds);
    groups.push(...actors.groups);
  }
  return { accountIds: [...new Set([...named, ...fromRoles])], groups: [...new Set(groups)] };
};

/** Who would lose access to the postmortem if `issueKey` were linked, and what could not be checked. */
export const incidentLinkImpact = async (handler: HandlerContext, postmortem: Postmortem, issueKey: string): Promise<IncidentLinkImpact> => {
  const incident = await isOtherProject(handler, postmortem, issueKey);
  if (!incident.other) return { issueKey, projectKey: incident.projectKey, otherProject: false, losing: [], notChecked: [] };
  const current = await Promise.all(postmortem.incidents.map(async (key) => (await readIncident(handler, key)).id));
  const people = await candidates(handler, postmortem);
  const checked = people.accountIds.slice(0, MAX_PEOPLE_CHECKED);
  // One request per person for all the incidents at once, a few people at a time.
  const verdicts = await mapWithConcurrency(checked, 4, async (accountId) => {
    const browsable = await issuesPersonMayBrowse(handler.jira.asApp, accountId, [...current, incident.id]);
    return current.every((id) => browsable.has(id)) && !browsable.has(incident.id);
  });
  const losing = checked.filter((_accountId, at) => verdicts[at] === true);
  const names = await getDisplayNames(handler.jira.asUser, losing);
  const notChecked = [
    ...(people.groups.length === 0 ? [] : [`members of the group${people.groups.length === 1 ? '' : 's'} ${people.groups.join(', ')} in ${postmortem.projectKey}'s roles`]),
    ...(people.accountIds.length > checked.length ? [`${String(people.accountIds.length - checked.length)} more people in ${postmortem.projectKey}'s roles`] : []),
    `anyone else who sees ${postmortem.projectKey} through its permission scheme (for example every logged-in user) rather than a role`,
  ];
  return {
    issueKey,
    projectKey: incident.projectKey,
    otherProject: true,
    losing: losing.map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'A person Jira did not name' })),
    notChecked,
  };
};

/**
 * The save's check: every newly linked incident from another project must be in `confirmed`, the
 * keys the person confirmed after seeing who would lose access. Judged by Jira's answer for the
 * incident's project, never by what the client says.
 */
export const refuseUnconfirmedOtherProjects = async (handler: HandlerContext, before: Postmortem, after: Postmortem, confirmed: readonly string[]): Promise<void> => {
  for (const issueKey of after.incidents.filter((key) => !before.incidents.includes(key))) {
    const incident = await isOtherProject(handler, before, issueKey);
    if (incident.other && !confirmed.includes(issueKey)) {
      refuse(
        'INVALID_INPUT',
        `Linking ${issueKey} hides this postmortem from everyone who cannot browse ${incident.projectKey}. Check who would lose access, then confirm the link.`,
        'edit.incidents',
      );
    }
  }
};
