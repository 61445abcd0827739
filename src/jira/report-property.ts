import { REPORT_PROPERTY_KEY, storedReportSchema, type StoredReport } from '../contract/report.contract';
import { getIssueProperty, setIssueProperty } from './issue-properties';
import type { JiraTransport } from './jira-transport';

/** The raw report property (any stored version); the caller migrates and validates it. */
export const readReportValue = (jira: JiraTransport, issueKey: string): Promise<unknown> => getIssueProperty(jira, issueKey, REPORT_PROPERTY_KEY);

/** Writes the report, checked against its schema first so nothing malformed reaches Jira. */
export const writeReport = async (jira: JiraTransport, issueKey: string, report: StoredReport): Promise<void> => {
  await setIssueProperty(jira, issueKey, REPORT_PROPERTY_KEY, storedReportSchema.parse(report));
};
