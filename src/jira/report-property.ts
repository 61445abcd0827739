import { route } from '@forge/api';
import { z } from 'zod';

import { POLICY_STATE_PROPERTY_KEY } from '../contract/policy.contract';
import { REPORT_PROPERTY_KEY, reportProjectionSchema, type StoredReport } from '../contract/report.contract';
import { ensureOk, readJson } from './jira-response';
import type { JiraTransport } from './jira-transport';
import { setIssueProperty } from './issue-properties';

const PROJECTION_NOTE = 'Written by Firebreak for JQL after each change. Firebreak keeps the report in its own storage and does not read this back; edit the report in the Production report panel.';

/**
 * Rewrites the issue property as the projection of `report` (what JQL searches), replacing whatever
 * is there, a tampered value included. Scope: write:jira-work.
 */
export const writeReportProjection = async (jira: JiraTransport, issueKey: string, report: StoredReport): Promise<void> => {
  const projection = reportProjectionSchema.parse({ schemaVersion: 3, note: PROJECTION_NOTE, revision: report.revision, updatedAt: report.updatedAt, search: report.search });
  await setIssueProperty(jira, issueKey, REPORT_PROPERTY_KEY, projection);
};

/**
 * The report property's search copy as a JQL search returns it (`properties: ["firebreak-report"]`).
 * Anyone with Edit issues can overwrite the property, so a value in another shape reads as no copy
 * rather than failing the whole search.
 */
export const reportSearchCopySchema = z
  .object({
    search: z
      .object({ decidedSeverity: z.string().optional(), reporterSeverity: z.string().optional(), kind: z.string().optional(), classOfService: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose()
  .optional()
  .catch(undefined);
export type ReportSearchCopy = z.infer<typeof reportSearchCopySchema>;

const legacySchema = z.object({ id: z.string(), key: z.string(), properties: z.record(z.string(), z.unknown()).default({}) }).loose();

/**
 * What an install from before app storage kept on the issue: the whole report and the applied policy
 * state, as issue properties, in one request. Only the one-time move into app storage reads these
 * (src/entry/use-cases/legacy-import.ts). Scope: read:jira-work.
 */
export const readLegacyProperties = async (jira: JiraTransport, issueIdOrKey: string): Promise<{ readonly report: unknown; readonly policyState: unknown }> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueIdOrKey}?fields=summary&properties=${REPORT_PROPERTY_KEY},${POLICY_STATE_PROPERTY_KEY}`);
  const issue = await readJson(response, 'GET issue', legacySchema);
  return { report: issue.properties[REPORT_PROPERTY_KEY], policyState: issue.properties[POLICY_STATE_PROPERTY_KEY] };
};

/** Removes the old policy-state property once its content lives in app storage. Scope: write:jira-work. */
export const deleteLegacyPolicyProperty = async (jira: JiraTransport, issueIdOrKey: string): Promise<void> => {
  const response = await jira.request(route`/rest/api/3/issue/${issueIdOrKey}/properties/${POLICY_STATE_PROPERTY_KEY}`, { method: 'DELETE' });
  if (response.status === 404) {
    await response.text();
    return;
  }
  await ensureOk(response, 'DELETE issue property');
};
