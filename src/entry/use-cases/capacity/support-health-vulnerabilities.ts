import { z } from 'zod';

import type { AdvisorySettings } from '../../../contract/intake.contract';
import type { StoredReport } from '../../../contract/report.contract';
import { nameSeverity, type NamedLevel } from '../../../contract/severity-names';
import { HEALTH_LIMITS, HEALTH_NOT_DECIDED, type SupportHealthView } from '../../../contract/support-health.contract';
import type { HealthPeriod } from '../../../domain/capacity/health';
import { fixedInTimeShare, remediation, remediationVerdict, type Finding, type RemediationFigures } from '../../../domain/capacity/remediation';
import { remediationDueDate } from '../../../domain/intake/mapping';
import { decidedSeverityOf } from '../../../domain/report/report';
import { ALERT_LABEL } from '../../../jira/alert-incidents';
import type { JiraTransport } from '../../../jira/jira-transport';
import { searchAllAs } from '../../../jira/search';
import { readAlertIncidentsOfIssues } from '../../../storage/alert-incident.store';
import { readAlertSource } from '../../../storage/alert-source.store';
import { readStoredReports } from '../../../storage/support-records.store';

/** Findings one view reads at most (20 pages): open ones and those resolved since the span began. */
const FINDINGS_LIMIT = 2_000;
const DAY_MS = 86_400_000;

export const findingIssueSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().nullish(),
        created: z.string(),
        resolutiondate: z.string().nullish(),
        duedate: z.string().nullish(),
      })
      .loose(),
  })
  .loose();
export type FindingIssue = z.infer<typeof findingIssueSchema>;

export const FINDING_FIELDS = ['summary', 'created', 'resolutiondate', 'duedate'] as const;

type Vulnerabilities = SupportHealthView['vulnerabilities'];

export const NO_VULNERABILITIES: Vulnerabilities = {
  levels: [],
  total: { due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 0, share: null },
  overdue: [],
  unlisted: 0,
  jiraDueDateMoved: 0,
};

/**
 * The project's incidents Firebreak opened from an alert, as the viewer finds them (so an issue the
 * viewer may not browse is never counted): open, or resolved since the span began (a day early,
 * since Jira reads JQL dates in the searcher's zone). The label and the marker property only find
 * candidates; the app's own alert record decides what is a finding. Either may be removed by anyone
 * with Edit issues, so both are asked for, and the caller adds the span's issues whose report (app
 * storage) says they were raised by a security report.
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Resolved
 */
export const findingsJql = (projectKey: string, spanStart: string): string => {
  const from = new Date(Date.parse(spanStart) - DAY_MS).toISOString().slice(0, 10);
  return `project = "${projectKey}" AND (labels = "${ALERT_LABEL}" OR firebreakAlert IS NOT EMPTY) AND (resolution IS EMPTY OR resolutiondate >= "${from}")`;
};

export const searchFindingCandidates = (jira: JiraTransport, projectKey: string, spanStart: string): Promise<FindingIssue[]> =>
  searchAllAs(jira, findingIssueSchema, findingsJql(projectKey, spanStart), FINDING_FIELDS, [], FINDINGS_LIMIT);

const figuresOf = (figures: RemediationFigures): Vulnerabilities['total'] => ({ ...figures, share: fixedInTimeShare(figures) });

/**
 * Vulnerabilities fixed within their window (issue 17, part 2). `candidates` are issues the viewer's
 * own searches returned; the app's alert record (by issue) says which are security findings and
 * when each was first reported, the report (app storage) which level was decided, and the source's
 * remediation windows how many days that level has. The due date is computed from those, as the
 * intake computed it: Jira's Due date is only compared, never believed (anyone with Edit issues may
 * change it, and the policy writes its own first-response date there for a level decided later).
 */
export const vulnerabilityFigures = async (input: {
  readonly candidates: readonly FindingIssue[];
  readonly reports: ReadonlyMap<string, StoredReport>;
  readonly periods: readonly HealthPeriod[];
  readonly levels: readonly NamedLevel[];
  readonly now: string;
}): Promise<Vulnerabilities> => {
  const first = input.periods[0];
  const last = input.periods.at(-1);
  if (first === undefined || last === undefined || input.candidates.length === 0) return NO_VULNERABILITIES;
  const span = { start: first.start, end: last.end };
  const issues = new Map(input.candidates.map((issue) => [issue.id, issue]));
  const records = await readAlertIncidentsOfIssues([...issues.keys()]);
  const findingIds = [...records].filter(([, stored]) => stored.incident.latest.advisory !== null).map(([id]) => id);
  if (findingIds.length === 0) return NO_VULNERABILITIES;

  const unread = findingIds.filter((id) => !input.reports.has(id));
  const moreReports = unread.length === 0 ? new Map<string, StoredReport>() : await readStoredReports(unread);
  const sourceIds = [...new Set(findingIds.map((id) => records.get(id)?.incident.sourceId ?? ''))];
  const windows = new Map<string, AdvisorySettings | null>(await Promise.all(sourceIds.map(async (id) => [id, (await readAlertSource(id))?.advisory ?? null] as const)));

  const recordedNames = new Map<string, string>();
  const findings: (Finding & { readonly jiraDueDate: string | null })[] = findingIds.flatMap((id) => {
    const issue = issues.get(id);
    const record = records.get(id)?.incident;
    if (issue === undefined || record === undefined) return [];
    const decision = decidedSeverityOf(input.reports.get(id) ?? moreReports.get(id) ?? null);
    const level = decision?.level ?? null;
    if (level !== null && decision?.levelName !== undefined) recordedNames.set(level, decision.levelName);
    const reportedAt = record.firstSeenAt ?? issue.fields.created;
    return [
      {
        issueId: id,
        key: issue.key,
        summary: issue.fields.summary ?? issue.key,
        level,
        dueDate: remediationDueDate(level, reportedAt, windows.get(record.sourceId) ?? null),
        resolvedAt: issue.fields.resolutiondate ?? null,
        jiraDueDate: issue.fields.duedate ?? null,
      },
    ];
  });
  const result = remediation(findings, span, input.now);

  const naming = (level: string | null) => (level === null ? { text: 'Not yet decided', name: 'Not yet decided', rank: null } : nameSeverity(input.levels, level, recordedNames.get(level)));
  const order = (level: string | null): [number, number, string] => {
    const named = naming(level);
    return [level === null ? 1 : 0, named.rank ?? Number.MAX_SAFE_INTEGER, named.text];
  };
  const levels = [...result.byLevel]
    .sort((a, b) => {
      const [x, y] = [order(a.level), order(b.level)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    })
    .map(({ level, ...figures }) => {
      const named = naming(level);
      return { id: level ?? HEALTH_NOT_DECIDED, name: named.text, rank: named.rank, ...figuresOf(figures) };
    });
  const byId = new Map(findings.map((finding) => [finding.issueId, finding]));
  const moved = (finding: { readonly dueDate: string | null; readonly jiraDueDate: string | null }): boolean => finding.dueDate !== null && finding.jiraDueDate !== finding.dueDate;
  const overdue = result.overdue.map((row) => {
    const finding = byId.get(row.issueId);
    const differs = finding !== undefined && moved(finding);
    return { key: row.key, summary: row.summary, levelName: naming(row.level).text, dueDate: row.dueDate, daysOverdue: row.daysOverdue, jiraDueDate: differs ? (finding.jiraDueDate ?? '') : null };
  });
  return {
    levels,
    total: figuresOf(result.total),
    overdue: overdue.slice(0, HEALTH_LIMITS.overdueFindingsListed),
    unlisted: Math.max(overdue.length - HEALTH_LIMITS.overdueFindingsListed, 0),
    jiraDueDateMoved: findings.filter((finding) => remediationVerdict(finding, span, input.now) !== null && moved(finding)).length,
  };
};
