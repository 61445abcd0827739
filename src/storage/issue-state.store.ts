import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';

import { appliedPolicyStateSchema, type AppliedPolicyState } from '../contract/policy.contract';
import { storedReportSchema, type StoredReport } from '../contract/report.contract';
import { StoredDataError } from './stored-data-error';
import { saveTogether, type SwapOutcome, type VersionedWrite } from './compare-and-swap';
import { markIssueFactsStale } from './sprint-facts.store';

/**
 * The app's truth about each production issue, kept where only the app can write: Forge custom
 * entities keyed by the issue's id (keys change when an issue moves to another project, ids never).
 * - `issue-report`: the production report with its severity history, classification, Definition of
 *   Ready ticks and send-back bookkeeping. Its `version` is the report's `revision`.
 * - `issue-policy`: the severity policy as applied to the issue (due times, the one comment, the
 *   reminders sent), indexed by when the next stakeholder update is due, for the reminder run.
 * Both are saved compare-and-swap (`saveIfUnchanged`). The issue property Jira users and JQL see is a
 * projection written after each change (src/jira/report-property.ts); nothing here reads it.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
export const REPORT_ENTITY = 'issue-report';
const POLICY_ENTITY = 'issue-policy';

export interface IssueRef {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
}

interface ReportRow {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly document: unknown;
}

interface PolicyRow {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly version: number;
  /** `yes` while a next update is due and not yet reminded of (indexed with the due time); `no` otherwise. */
  readonly reminding: 'yes' | 'no';
  /** ISO instant, or '' when nothing is due. */
  readonly nextUpdateDueAt: string;
  readonly document: unknown;
}

export interface StoredIssueReport {
  readonly report: StoredReport;
  readonly version: number;
}

export interface StoredPolicyState {
  readonly state: AppliedPolicyState;
  readonly version: number;
}

const reports = () => kvs.entity<ReportRow>(REPORT_ENTITY);
const policies = () => kvs.entity<PolicyRow>(POLICY_ENTITY);

/**
 * The stored report, or `null` when the issue has none yet. A row that does not parse is damaged
 * (a bug, or a hand edit through Forge's storage tools): `StoredDataError`, for the caller to decide.
 */
export const readIssueReport = async (issueId: string): Promise<StoredIssueReport | null> => {
  const row = await reports().get(issueId);
  if (row === undefined) return null;
  const parsed = storedReportSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The production report Firebreak keeps for ${row.issueKey} is not in a shape it understands.`);
  return { report: parsed.data, version: row.version };
};

/** Saves `report` (revision = base + 1) if nobody saved since `baseVersion`. */
/** The write that stores `report` if nobody saved since `baseVersion`, to combine with others in one transaction. */
export const issueReportWrite = (issue: IssueRef, report: StoredReport, baseVersion: number): VersionedWrite => {
  const row: ReportRow = { issueKey: issue.key, projectKey: issue.projectKey, version: report.revision, updatedAt: report.updatedAt, document: storedReportSchema.parse(report) };
  return { entityName: REPORT_ENTITY, key: issue.id, row, baseVersion };
};

/**
 * Saves `report` (revision = base + 1) if nobody saved since `baseVersion`, together with `also`
 * (e.g. the plan that carries the change out) in one transaction: all or nothing.
 */
export const saveIssueReport = async (issue: IssueRef, report: StoredReport, baseVersion: number, also: readonly VersionedWrite[] = []): Promise<SwapOutcome> => {
  // A classification or severity decision changes capacity figures of sprints holding the issue.
  // Marked first: a save whose mark failed would leave figures stale with nothing to say so, and a
  // read between the mark and the save still counts as stale (see CHANGE_MARGIN_MS).
  await markIssueFactsStale(issue.id);
  return saveTogether([issueReportWrite(issue, report, baseVersion), ...also]);
};

export const readPolicyState = async (issueId: string): Promise<StoredPolicyState | null> => {
  const row = await policies().get(issueId);
  if (row === undefined) return null;
  const parsed = appliedPolicyStateSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The policy state Firebreak keeps for ${row.issueKey} is not in a shape it understands.`);
  return { state: parsed.data, version: row.version };
};

export const savePolicyState = (issue: IssueRef, state: AppliedPolicyState, baseVersion: number): Promise<SwapOutcome> => saveTogether([policyStateWrite(issue, state, baseVersion)]);

/** The write that stores the applied state if nobody saved since `baseVersion`, to combine with others in one transaction. */
export const policyStateWrite = (issue: IssueRef, state: AppliedPolicyState, baseVersion: number): VersionedWrite => {
  const valid = appliedPolicyStateSchema.parse(state);
  const row: PolicyRow = {
    issueKey: issue.key,
    projectKey: issue.projectKey,
    version: baseVersion + 1,
    // Indexed only while a reminder may still be due: not once it was sent for this due time.
    reminding: valid.nextUpdateDueAt === null || valid.remindedFor.includes(valid.nextUpdateDueAt) ? 'no' : 'yes',
    nextUpdateDueAt: valid.nextUpdateDueAt ?? '',
    document: valid,
  };
  return { entityName: POLICY_ENTITY, key: issue.id, row, baseVersion };
};

const policyRowSchema = z.object({ issueKey: z.string(), document: z.unknown(), version: z.number() }).loose();

/**
 * Issues whose next stakeholder update was due by `dueBy`, oldest due first, from the app's own
 * index: no JQL (whose index lags behind writes) and no issue property anyone could edit.
 */
export const listOverduePolicyStates = async (dueBy: string, limit = 500): Promise<Array<{ readonly issueId: string; readonly issueKey: string; readonly stored: StoredPolicyState }>> => {
  const found: Array<{ issueId: string; issueKey: string; stored: StoredPolicyState }> = [];
  let cursor: string | undefined;
  do {
    let query = policies().query().index('by-due', { partition: ['yes'] }).where(WhereConditions.lessThanEqualTo(dueBy)).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const row = policyRowSchema.safeParse(result.value);
      const state = row.success ? appliedPolicyStateSchema.safeParse(row.data.document) : undefined;
      // A damaged row is skipped here (the issue's next event repairs or reports it), not fatal to every other reminder.
      if (row.success && state?.success === true) found.push({ issueId: result.key, issueKey: row.data.issueKey, stored: { state: state.data, version: row.data.version } });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined && found.length < limit);
  return found;
};

/**
 * The app's records of one project's issues, a page of up to 100 at a time from the `by-project`
 * index, for work over a whole project (a severity scale change). A row that does not parse is
 * passed over: one damaged record must not stop the rest.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
export async function* listProjectReports(projectKey: string): AsyncGenerator<{ readonly issue: IssueRef; readonly stored: StoredIssueReport }> {
  let cursor: string | undefined;
  do {
    let query = reports().query().index('by-project', { partition: [projectKey] }).limit(100);
    if (cursor !== undefined) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) {
      const parsed = storedReportSchema.safeParse(result.value.document);
      if (parsed.success) yield { issue: { id: result.key, key: result.value.issueKey, projectKey }, stored: { report: parsed.data, version: result.value.version } };
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
