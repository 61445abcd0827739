import type { Postmortem, PostmortemList } from '../../../contract/postmortem.contract';
import { severityName } from '../../../contract/severity-names';
import { overdueActions } from '../../../domain/postmortem/postmortem';
import { isRevisionOfPublished } from '../../../domain/postmortem/review';
import { isJiraError } from '../../../jira/jira-error';
import { searchReportedIssues } from '../../../jira/report-search';
import { getDisplayNames } from '../../../jira/users';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { listPostmortems } from '../../../storage/postmortem.store';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { mayAccess } from './postmortem-access';

/**
 * Owners' display names for a list, in one bulk lookup as the user. A name is only a label: when Jira
 * cannot answer, the list still loads and shows the account id instead.
 */
const ownerNamesFor = async (handler: HandlerContext, postmortems: readonly Postmortem[]): Promise<ReadonlyMap<string, string>> => {
  if (postmortems.length === 0) return new Map();
  try {
    return await getDisplayNames(handler.jira.asUser, postmortems.map((postmortem) => postmortem.owner));
  } catch (error) {
    if (isJiraError(error)) return new Map();
    throw error;
  }
};

/** A project's postmortems the caller may read, and its incidents at levels that require one that still have none. */
export const listProjectPostmortems = async (handler: HandlerContext, projectKey: string): Promise<PostmortemList> => {
  const all = await listPostmortems(projectKey);
  const visible: Postmortem[] = [];
  for (const postmortem of all) if (await mayAccess(handler, postmortem, 'BROWSE_PROJECTS')) visible.push(postmortem);
  const { policy } = await readEffectivePolicy(projectKey);
  // The levels the validator's "published postmortem" rule holds to, so the list asks for what closing will.
  const required = policy.levels.filter((level) => level.postmortemRequired);
  const covered = new Set(visible.flatMap((postmortem) => postmortem.incidents));
  const candidates =
    required.length === 0
      ? []
      : await searchReportedIssues(handler.jira.asUser, `project = ${projectKey} AND decidedSeverity IN (${required.map((level) => `"${level.id}"`).join(', ')}) ORDER BY created DESC`, 200);
  const nameOf = (id: string): string => severityName(policy.levels, id);
  const today = handler.now().toISOString().slice(0, 10);
  const ownerNames = await ownerNamesFor(handler, visible);
  return {
    postmortems: visible
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((postmortem) => ({
        id: postmortem.id,
        title: postmortem.title,
        status: postmortem.status,
        severity: postmortem.severity,
        severityName: postmortem.severity === null ? null : nameOf(postmortem.severity),
        incidents: postmortem.incidents,
        owner: postmortem.owner,
        ownerName: ownerNames.get(postmortem.owner) ?? postmortem.owner,
        createdAt: postmortem.createdAt,
        updatedAt: postmortem.updatedAt,
        publishedAt: postmortem.publishedAt,
        overdueActions: overdueActions(postmortem, today, new Set()).length,
        revisionOfPublished: isRevisionOfPublished(postmortem),
      })),
    postmortemLevels: required.map((level) => level.name),
    missing: candidates
      .filter((issue) => !covered.has(issue.key))
      .flatMap((issue) => {
        // Jira's search may lag a decision: an issue whose indexed level is not (or no longer) one of them is left out.
        const severity = issue.report?.search?.decidedSeverity;
        return severity === undefined || !required.some((level) => level.id === severity) ? [] : [{ key: issue.key, summary: issue.summary, severity, severityName: nameOf(severity) }];
      }),
  };
};
