import type { ProjectConfig } from '../../contract/project-config.contract';
import type { SeverityPolicy } from '../../contract/policy.contract';
import type { SeverityLevel } from '../../contract/severity.contract';
import { DEFAULT_PROJECT_CONFIG, fieldRulesFor } from '../../domain/config/project-config';
import type { ReadinessContext } from '../../domain/report/report';
import type { JiraTransport } from '../../jira/jira-transport';
import { readIssueReport, type IssueRef, type StoredIssueReport } from '../../storage/issue-state.store';
import { readEffectivePolicy } from '../../storage/policy.store';
import { readProjectConfig } from '../../storage/project-config.store';
import { StoredDataError } from '../../storage/stored-data-error';
import { importLegacyState, legacyImportOpen } from './legacy-import';

/** Everything the app judges an issue by, besides Jira's own fields: its project's rules and the app's record. */
export interface IssueState {
  readonly config: ProjectConfig;
  readonly policy: SeverityPolicy;
  readonly readiness: ReadinessContext & { readonly scale: readonly SeverityLevel[] };
  /** The app's record of the report, or null when the issue has none yet. */
  readonly stored: StoredIssueReport | null;
}

/**
 * What to do when the app's own record of an issue does not parse. `refuse`: throw the
 * `StoredDataError`, so a person is told and nothing is written over it (resolvers). `as-empty`:
 * go on as if there were no record (a trigger, which must not fail every event; the validator
 * decides by its fail mode before calling).
 */
export type OnDamagedState = 'refuse' | 'as-empty';

/**
 * The one loader of "issue + settings + rules + stored state", shared by the resolvers, the
 * validator and the trigger. The issue itself comes from whichever Jira read the caller already made
 * (basics for the panels, the snapshot with its changelog for the validator). Settings and policy are
 * read in parallel with the record. `legacyReader` reads an old install's issue properties for the
 * one-time move into app storage (see legacy-import.ts); it is only used while that move is open.
 */
export const loadIssueState = async (
  issue: IssueRef & { readonly issueType: string },
  options: { readonly legacyReader: JiraTransport; readonly onDamaged: OnDamagedState },
): Promise<IssueState> => {
  const [storedConfig, { policy }, stored] = await Promise.all([readProjectConfig(issue.projectKey), readEffectivePolicy(issue.projectKey), readRecord(issue.id, options.onDamaged)]);
  const config = storedConfig?.config ?? DEFAULT_PROJECT_CONFIG;
  // The reporter chooses from the scale of the policy in force, with its definitions and examples.
  const scale: SeverityLevel[] = policy.levels.map(({ id, name, definition, examples, response }) => ({ id, name, definition, examples, response }));
  const readiness = { rules: fieldRulesFor(config, issue.issueType), manualItems: config.manualItems, scale };
  if (stored !== 'none') return { config, policy, readiness, stored: stored === 'damaged' ? null : stored };
  const imported = (await legacyImportOpen()) ? await importLegacyState(options.legacyReader, issue, readiness) : null;
  return { config, policy, readiness, stored: imported };
};

const readRecord = async (issueId: string, onDamaged: OnDamagedState): Promise<StoredIssueReport | 'none' | 'damaged'> => {
  try {
    return (await readIssueReport(issueId)) ?? 'none';
  } catch (error) {
    if (error instanceof StoredDataError && onDamaged === 'as-empty') return 'damaged';
    throw error;
  }
};
