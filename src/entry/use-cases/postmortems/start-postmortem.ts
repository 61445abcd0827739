import { randomUUID } from 'node:crypto';

import type { Postmortem, PostmortemView } from '../../../contract/postmortem.contract';
import { APP_AUTHOR, buildTimeline, type LogRecord, type TimelineRecords, type UpdateRecord } from '../../../domain/postmortem/timeline';
import { reporterSeverityOf } from '../../../domain/report/report';
import { getIncidentHistory } from '../../../jira/incident-history';
import { isAssignablePerson } from '../../../jira/users';
import { readEffectivePolicy } from '../../../storage/policy.store';
import { postmortemIdForIncident, readPostmortem, writePostmortem } from '../../../storage/postmortem.store';
import { listStakeholderUpdates } from '../../../storage/stakeholder-updates.store';
import { refuse } from '../../refusal';
import { logEntriesForTimeline } from '../incident-log';
import { loadIssueReportContext } from '../../resolvers/report-context';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { mayAccess } from './postmortem-access';
import { buildView } from './postmortem-view';

/**
 * What the timeline takes from the app's own records for these incidents: their severity history
 * from the triage record in app storage (never the issue property, which anyone with Edit issues can
 * write), named under the policy in force for the postmortem's project; and (log part, issue 16) the
 * entries of their live incident logs; (updates part, issue 16) the stakeholder updates Jira sent for
 * them, from app storage too. An update Jira refused, or never confirmed, is left out: the timeline
 * says what stakeholders were told.
 */
export const timelineRecordsFor = async (handler: HandlerContext, projectKey: string, incidents: readonly string[]): Promise<TimelineRecords> => {
  const severityHistory: Record<string, TimelineRecords['severityHistory'][string]> = {};
  // log part (issue 16): each incident's live log, from app storage by the issue's id.
  const incidentLog: Record<string, LogRecord[]> = {};
  const stakeholderUpdates: Record<string, UpdateRecord[]> = {};
  for (const issueKey of incidents) {
    const context = await loadIssueReportContext(handler, issueKey);
    severityHistory[issueKey] = context.report?.severityHistory ?? [];
    incidentLog[issueKey] = (await logEntriesForTimeline(context.issue.id)).map(({ id, author, happenedAt, text, link }) => ({ id, author, happenedAt, text, link }));
    stakeholderUpdates[issueKey] = (await listStakeholderUpdates(context.issue.id))
      .filter((update) => update.status === 'sent')
      .map(({ actionId, kind, by, at, text, audience }) => ({ actionId, kind, by: kind === 'closing' ? APP_AUTHOR : by.accountId, at, text, audience }));
  }
  const { policy } = await readEffectivePolicy(projectKey);
  return { severityHistory, scale: policy.levels, builtAt: handler.now().toISOString(), incidentLog, stakeholderUpdates };
};

/**
 * Starts a postmortem from an incident (or opens the one it already has), its timeline built from
 * the incident's own history and its owner the person who started it. The caller's Edit issues on
 * the incident was checked before this runs.
 */
export const startPostmortem = async (handler: HandlerContext, issueKey: string): Promise<PostmortemView> => {
  const existingId = await postmortemIdForIncident(issueKey);
  const existing = existingId === null ? null : await readPostmortem(existingId);
  if (existing !== null) {
    // The incident's postmortem may also cover incidents this person cannot see: then it stays
    // closed to them, and the refusal names nothing of it (not its id, which carries another key).
    if (!(await mayAccess(handler, existing, 'BROWSE_PROJECTS'))) {
      refuse('FORBIDDEN', `${issueKey} already has a postmortem, which also covers incidents you cannot see, so it does not open for you. Ask a Jira admin for access to its incidents.`);
    }
    return buildView(handler, existing);
  }
  const { history, summary } = await getIncidentHistory(handler.jira.asUser, issueKey);
  const report = await loadIssueReportContext(handler, issueKey);
  if (!(await isAssignablePerson(handler.jira.asUser, report.issue.projectKey, handler.access.accountId))) {
    refuse('FORBIDDEN', `A postmortem's owner must be someone who can be assigned issues in ${report.issue.projectKey}, and you cannot be. Ask a Jira admin for the Assignable user permission, or ask a colleague who has it to start the postmortem.`);
  }
  const now = handler.now().toISOString();
  const postmortem: Postmortem = {
    schemaVersion: 1,
    id: `pm-${issueKey.toLowerCase()}-${randomUUID().slice(0, 8)}`,
    projectKey: report.issue.projectKey,
    title: `Postmortem: ${summary}`.slice(0, 255),
    status: 'draft',
    severity: report.report?.search.decidedSeverity ?? reporterSeverityOf(report.report) ?? null,
    owner: handler.access.accountId,
    incidents: [issueKey],
    artifacts: [],
    summary: '',
    customerImpact: '',
    impact: { started: null, detected: history.created, mitigated: null, resolved: null, timeZone: 'UTC', usersAffected: report.report?.fields.affectedUsers ?? null },
    timeline: buildTimeline([history], await timelineRecordsFor(handler, report.issue.projectKey, [issueKey])),
    answers: {},
    actions: [],
    remediation: [],
    revision: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: handler.access.accountId,
    publishedAt: null,
  };
  await writePostmortem(postmortem, null);
  return buildView(handler, postmortem);
};
