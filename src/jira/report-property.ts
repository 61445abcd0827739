import { REPORT_PROPERTY_KEY, storedReportSchema, type StoredReport } from '../contract/report.contract';
import { getIssueProperty, setIssueProperty } from './issue-properties';
import type { JiraTransport } from './jira-transport';

/** Stored data that does not match its schema: someone wrote it by hand, or a bug did. */
export class StoredDataError extends Error {
  override readonly name = 'StoredDataError';
}

/** Reads the report property and checks it against its schema (validate on read, STYLE.md §4). */
export const readReport = async (jira: JiraTransport, issueKey: string): Promise<StoredReport | null> => {
  const value = await getIssueProperty(jira, issueKey, REPORT_PROPERTY_KEY);
  if (value === undefined) return null;
  const parsed = storedReportSchema.safeParse(value);
  if (!parsed.success) {
    throw new StoredDataError(`The production report stored on ${issueKey} is not in a shape Firebreak understands.`);
  }
  return parsed.data;
};

export const writeReport = async (jira: JiraTransport, issueKey: string, report: StoredReport): Promise<void> => {
  await setIssueProperty(jira, issueKey, REPORT_PROPERTY_KEY, storedReportSchema.parse(report));
};
