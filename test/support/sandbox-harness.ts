import { REPORT_PROPERTY_KEY } from '../../src/contract/report.contract';
import type { ResolverResult } from '../../src/contract/result';
import type { Sandbox } from '../../sandbox/sandbox';

/** The module whose resolver serves the report keys; every UI module shares one resolver function. */
export const REPORT_PANEL = 'production-report-panel';

/** Invokes a resolver through the Forge runtime emulator, as the given user (or nobody). */
export const invokeAs = async (sandbox: Sandbox, accountId: string | undefined, functionKey: string, payload: unknown, moduleKey = REPORT_PANEL): Promise<ResolverResult<unknown>> =>
  (await sandbox.runtime.invokeUi({ moduleKey, functionKey, payload, accountId, extension: {} })) as ResolverResult<unknown>;

/** What Jira itself stores in the report property, read as the app (bypassing the app's own code). */
export const storedReportProperty = async (sandbox: Sandbox, issueKey: string): Promise<unknown> => {
  const answer = await sandbox.jira.handle({ kind: 'app' }, { method: 'GET', path: `/rest/api/3/issue/${issueKey}/properties/${REPORT_PROPERTY_KEY}` });
  if (answer.status === 404) return undefined;
  return (JSON.parse(answer.body) as { value: unknown }).value;
};

/** Everything a resolver could have changed: Jira's state and the app's storage. */
export const worldFingerprint = (sandbox: Sandbox): string => `${sandbox.jira.stateFingerprint()}|${sandbox.kvs.fingerprint()}`;
