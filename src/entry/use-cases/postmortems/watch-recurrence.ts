/**
 * guards (issue 15): the recurrence watch, run by the issue event trigger. When an incident (the
 * app's own classification, or an Incident issue the triager has not classified yet) names the same
 * product/module as, or shares a customer with, an earlier incident of the project that has a
 * postmortem, within the project's window, that postmortem is flagged "recurred" with the new
 * incident's key. Everything matched comes from the app's records in storage (reports,
 * postmortems), never from the issue property anyone with Edit can write. Idempotent: a postmortem
 * names an incident once, saved compare-and-swap, so duplicate or concurrent events flag it once.
 */
import type { Postmortem } from '../../../contract/postmortem.contract';
import type { StoredReport } from '../../../contract/report.contract';
import { DEFAULT_RECURRENCE_WINDOW_DAYS, recurrenceOf, type IncidentFacts, type RecurrenceMatch } from '../../../domain/postmortem/recurrence';
import type { JiraTransport } from '../../../jira/jira-transport';
import { getIssueProgress } from '../../../jira/statuses';
import { listProjectReports, readIssueReport } from '../../../storage/issue-state.store';
import { listPostmortems, readStoredPostmortem, writePostmortem } from '../../../storage/postmortem.store';
import { readProjectConfig } from '../../../storage/project-config.store';

/** Compare-and-swap attempts against people saving the postmortem at the same moment. */
const ATTEMPTS = 3;

const factsOf = (report: StoredReport): IncidentFacts => ({
  product: report.fields.product,
  customers: report.fields.customers,
  since: report.severityHistory[0]?.at ?? null,
});

const isIncident = (report: StoredReport, issueType: string): boolean =>
  report.classification === null ? issueType.toLowerCase() === 'incident' : report.classification.kind === 'incident';

/** The first of the postmortem's incidents whose report makes `next` a recurrence of it. */
const matchFor = (postmortem: Postmortem, reports: ReadonlyMap<string, StoredReport>, next: StoredReport, arrivedAt: string, windowDays: number): RecurrenceMatch | null => {
  for (const key of postmortem.incidents) {
    const earlier = reports.get(key);
    const match = earlier === undefined ? null : recurrenceOf(factsOf(earlier), next.fields, arrivedAt, windowDays);
    if (match !== null) return match;
  }
  return null;
};

/** Adds the recurrence to the stored postmortem unless it already names the incident; retried on a conflict. */
const flag = async (postmortemId: string, issueKey: string, match: RecurrenceMatch, now: Date): Promise<void> => {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const stored = await readStoredPostmortem(postmortemId);
    if (stored === null) return;
    const current = stored.postmortem;
    if ((current.recurrences ?? []).some((recurrence) => recurrence.issueKey === issueKey) || (current.recurrences?.length ?? 0) >= 50) return;
    const next: Postmortem = {
      ...current,
      recurrences: [...(current.recurrences ?? []), { issueKey, detectedAt: now.toISOString(), matchedOn: match.matchedOn, value: match.value.slice(0, 500) }],
      revision: current.revision + 1,
      // `updatedBy` stays the last person's: the flag is the app's note, not anyone's edit.
      updatedAt: now.toISOString(),
    };
    const outcome = await writePostmortem(next, { revision: current.revision, legacy: stored.legacy, incidents: current.incidents });
    if (outcome === 'written') return;
  }
};

/** Looks for earlier incidents this one recurs, and flags their postmortems. Returns the ids flagged. */
export const watchRecurrence = async (asApp: JiraTransport, issueKey: string, now: Date): Promise<readonly string[]> => {
  const issue = await getIssueProgress(asApp, issueKey);
  const stored = await readIssueReport(issue.id);
  if (stored === null || !isIncident(stored.report, issue.issueType)) return [];
  const postmortems = (await listPostmortems(issue.projectKey)).filter((postmortem) => !postmortem.incidents.includes(issueKey));
  if (postmortems.length === 0) return [];
  const windowDays = (await readProjectConfig(issue.projectKey))?.config.recurrenceWindowDays ?? DEFAULT_RECURRENCE_WINDOW_DAYS;
  const wanted = new Set(postmortems.flatMap((postmortem) => postmortem.incidents));
  const reports = new Map<string, StoredReport>();
  for await (const { issue: ref, stored: record } of listProjectReports(issue.projectKey)) if (wanted.has(ref.key)) reports.set(ref.key, record.report);
  const flagged: string[] = [];
  for (const postmortem of postmortems) {
    const match = matchFor(postmortem, reports, stored.report, now.toISOString(), windowDays);
    if (match === null) continue;
    await flag(postmortem.id, issueKey, match, now);
    flagged.push(postmortem.id);
  }
  return flagged;
};

/** The earlier postmortem (first flagged) this incident recurs, for its report panel. */
export const recurrenceOfIncident = async (projectKey: string, issueKey: string): Promise<{ readonly id: string; readonly title: string; readonly matchedOn: 'product' | 'customer'; readonly value: string } | null> => {
  for (const postmortem of await listPostmortems(projectKey)) {
    const recurrence = (postmortem.recurrences ?? []).find((candidate) => candidate.issueKey === issueKey);
    if (recurrence !== undefined) return { id: postmortem.id, title: postmortem.title, matchedOn: recurrence.matchedOn, value: recurrence.value };
  }
  return null;
};
