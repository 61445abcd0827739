import { DEMO_SCENARIO_PATH, loadScenarioFile } from '../../sandbox/jira/index';
import { Sandbox } from '../../sandbox/sandbox';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { createIssue } from './jira-helpers';
import { dataOf, invokeResolver } from './invoke-resolver';
import { people } from './people';

/** Browses SHOP, but SHOP's permission scheme withholds Add comments from her. */
export const VIEWER_WHO_CANNOT_COMMENT = 'acc-vera-viewer';

/** The demo site plus Vera, who may read SHOP's incidents but not comment on them; Jira's retries sped up. */
export const demoWithReadOnlyViewer = async (): Promise<Sandbox> => {
  const scenario = structuredClone(await loadScenarioFile(DEMO_SCENARIO_PATH));
  scenario.users.push({ accountId: VIEWER_WHO_CANNOT_COMMENT, displayName: 'Vera Viewer', timeZone: 'UTC', siteAdmin: false, projectPermissions: { SHOP: ['browse'] }, withheldPermissions: { SHOP: ['ADD_COMMENTS'] }, allowedAppAccess: true });
  return Sandbox.create({ scenario, retryDelayScale: 0.0001 });
};

/** A SHOP incident Rita filed and reported as Critical (not decided yet). */
export const reportedIncident = async (sandbox: Sandbox, summary = 'Checkout fails for every card payment'): Promise<string> => {
  const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary });
  dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  return issueKey;
};
