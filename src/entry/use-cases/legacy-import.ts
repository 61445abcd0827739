import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { appliedPolicyStateSchema } from '../../contract/policy.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor } from '../../domain/config/project-config';
import { migrateStoredReport, type ReadinessContext } from '../../domain/report/report';
import type { JiraTransport } from '../../jira/jira-transport';
import { deleteLegacyPolicyProperty, readLegacyProperties, writeReportProjection } from '../../jira/report-property';
import { searchPage } from '../../jira/search';
import { readIssueReport, saveIssueReport, savePolicyState, type IssueRef, type StoredIssueReport } from '../../storage/issue-state.store';
import { readProjectConfig } from '../../storage/project-config.store';

/**
 * Installs from before app storage kept the report and the applied policy in issue properties. They
 * move into app storage once: the scheduled run walks every issue JQL finds with a report and moves
 * it, and until that walk has finished, an issue opened before its turn is moved on first read. Once
 * the walk is done (a flag in KVS), issue properties are never read again: a property written after
 * that, by anyone, is only ever overwritten by the app's projection.
 *
 * The move trusts what the property holds, because before this version that was the record. The
 * window in which a forged property could be taken for the record is the first scheduled run after
 * the upgrade (minutes); the README says so.
 */
const MIGRATION_KEY = 'migration:issue-properties';

const migrationSchema = z.union([
  z.object({ state: z.literal('done'), at: z.string(), moved: z.number() }),
  z.object({ state: z.literal('running'), nextPageToken: z.string().optional(), moved: z.number() }),
]);
type Migration = z.infer<typeof migrationSchema>;

const readMigration = async (): Promise<Migration | null> => {
  const parsed = migrationSchema.safeParse(await kvs.get(MIGRATION_KEY));
  return parsed.success ? parsed.data : null;
};

/** Whether issue properties may still be read as the record (the walk has not finished). */
export const legacyImportOpen = async (): Promise<boolean> => (await readMigration())?.state !== 'done';

/**
 * Moves one issue's legacy properties into app storage, if it has any and nothing is stored yet.
 * Compare-and-swap from "no row", so two callers moving the same issue store it once. Afterwards the
 * report property is rewritten as the projection and the policy property removed. Returns what is
 * stored for the issue afterwards (moved now or before), or null when there was nothing to move.
 */
export const importLegacyState = async (app: JiraTransport, issue: IssueRef, readiness: ReadinessContext): Promise<StoredIssueReport | null> => {
  const legacy = await readLegacyProperties(app, issue.id);
  const report = legacy.report === undefined ? undefined : migrateStoredReport(legacy.report, readiness);
  const policyState = appliedPolicyStateSchema.safeParse(legacy.policyState);
  if (report === undefined && !policyState.success) return null;
  if (report !== undefined) await saveIssueReport(issue, report, 0);
  if (policyState.success) await savePolicyState(issue, policyState.data, 0);
  const stored = await readIssueReport(issue.id);
  if (stored !== null) await writeReportProjection(app, issue.key, stored.report);
  if (legacy.policyState !== undefined) await deleteLegacyPolicyProperty(app, issue.id);
  return stored;
};

/**
 * One step of the walk, for the scheduled run: moves pages of issues (100 each) until `deadline`,
 * keeping its place in KVS so the next run goes on. Issues are found by the report's search alias
 * (`reportReady`, set on every stored report since schema 2); the projection has it too, and those
 * issues already have a row, so they are skipped. Search lags behind writes by seconds: a report
 * saved by the old version in the seconds before the walk's last page may be missed (and then stays
 * in its property, unread).
 */
export const migrateLegacyState = async (app: JiraTransport, deadline: number): Promise<Migration> => {
  let migration: Migration = (await readMigration()) ?? { state: 'running', moved: 0 };
  while (migration.state === 'running' && Date.now() < deadline) {
    const page = await searchPage(app, 'reportReady IN ("yes", "no") ORDER BY key ASC', ['project', 'issuetype'], migration.nextPageToken);
    let moved = migration.moved;
    for (const found of page.issues) {
      const fields = found.fields as { project?: { key?: string }; issuetype?: { name?: string } };
      const projectKey = fields.project?.key ?? '';
      const ref = { id: found.id, key: found.key, projectKey };
      if ((await readIssueReport(found.id)) !== null) continue;
      const settings = (await readProjectConfig(projectKey))?.config ?? DEFAULT_PROJECT_CONFIG;
      const readiness = { rules: fieldRulesFor(settings, fields.issuetype?.name ?? ''), manualItems: settings.manualItems };
      if ((await importLegacyState(app, ref, readiness)) !== null) moved += 1;
    }
    migration = page.nextPageToken === undefined ? { state: 'done', at: new Date().toISOString(), moved } : { state: 'running', nextPageToken: page.nextPageToken, moved };
    await kvs.set(MIGRATION_KEY, migration);
  }
  return migration;
};
