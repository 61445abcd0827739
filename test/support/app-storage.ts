import type { AppliedPolicyState } from '../../src/contract/policy.contract';
import type { StoredReport } from '../../src/contract/report.contract';
import type { Sandbox } from '../../sandbox/sandbox';
import { jiraCall } from './jira-helpers';

/**
 * What Firebreak keeps in its own storage for an issue, read and written the way Forge's storage
 * tools would (through the KVS emulator's API, beside the app), for tests that check the record or
 * must set up a state that only time would reach (an overdue update).
 */
interface Row<T> {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly version: number;
  readonly document: T;
  readonly [attribute: string]: unknown;
}

const entityCall = async (sandbox: Sandbox, operation: 'get' | 'set', body: Record<string, unknown>): Promise<unknown> => {
  const response = await sandbox.kvs.handle(`/api/v1/entity/${operation}`, { method: 'POST', body: JSON.stringify(body) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`KVS ${operation} failed: ${String(response.status)} ${await response.text()}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as { value?: unknown }).value;
};

export const issueIdOf = async (sandbox: Sandbox, issueKey: string): Promise<string> => {
  const issue = await jiraCall<{ id: string }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=summary`);
  if (issue.status !== 200) throw new Error(`No issue ${issueKey}`);
  return issue.body.id;
};

const row = async <T>(sandbox: Sandbox, entityName: string, issueKey: string): Promise<Row<T> | undefined> =>
  (await entityCall(sandbox, 'get', { entityName, key: await issueIdOf(sandbox, issueKey) })) as Row<T> | undefined;

/** The production report Firebreak keeps for the issue, or undefined. */
export const appReport = async (sandbox: Sandbox, issueKey: string): Promise<StoredReport | undefined> => (await row<StoredReport>(sandbox, 'issue-report', issueKey))?.document;

/** The severity policy as Firebreak applied it to the issue, or undefined. */
export const appPolicyState = async (sandbox: Sandbox, issueKey: string): Promise<AppliedPolicyState | undefined> => (await row<AppliedPolicyState>(sandbox, 'issue-policy', issueKey))?.document;

/** Rewrites the applied policy state (a new version, as a save would), e.g. to make an update overdue. */
export const changeAppPolicyState = async (sandbox: Sandbox, issueKey: string, change: (state: AppliedPolicyState) => AppliedPolicyState): Promise<void> => {
  const current = await row<AppliedPolicyState>(sandbox, 'issue-policy', issueKey);
  if (current === undefined) throw new Error(`Firebreak keeps no policy state for ${issueKey}`);
  const document = change(current.document);
  const value = {
    ...current,
    version: current.version + 1,
    reminding: document.nextUpdateDueAt === null || document.remindedFor.includes(document.nextUpdateDueAt) ? 'no' : 'yes',
    nextUpdateDueAt: document.nextUpdateDueAt ?? '',
    document,
  };
  await entityCall(sandbox, 'set', { entityName: 'issue-policy', key: await issueIdOf(sandbox, issueKey), value });
};

/** Makes the stored report unreadable, as a bug or a hand edit through Forge's storage tools could. */
export const damageAppReport = async (sandbox: Sandbox, issueKey: string): Promise<void> => {
  const current = await row<StoredReport>(sandbox, 'issue-report', issueKey);
  if (current === undefined) throw new Error(`Firebreak keeps no report for ${issueKey}`);
  await entityCall(sandbox, 'set', { entityName: 'issue-report', key: await issueIdOf(sandbox, issueKey), value: { ...current, document: { schemaVersion: 2, garbage: true } } });
};

interface PlanRow {
  readonly status: string;
  readonly updatedAt: string;
  readonly outcome: string;
  readonly kind: string;
  readonly [attribute: string]: unknown;
}

/** Firebreak's recorded multi-step actions, by id. */
export const appPlans = (sandbox: Sandbox): Record<string, PlanRow> => (sandbox.kvs.dump().entities['action-plan'] ?? {}) as Record<string, PlanRow>;

/**
 * Makes every plan still running, and every claim, look `minutes` older, as if the function that
 * left them had long stopped: what the scheduled run waits for before it takes a plan over.
 */
export const ageRunningPlans = async (sandbox: Sandbox, minutes: number): Promise<void> => {
  const earlier = (iso: string): string => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
  for (const [key, value] of Object.entries(appPlans(sandbox))) {
    if (value.status !== 'running') continue;
    await entityCall(sandbox, 'set', { entityName: 'action-plan', key, value: { ...value, updatedAt: earlier(value.updatedAt) } });
  }
  for (const [key, value] of Object.entries(sandbox.kvs.dump().keys)) {
    const claimedAt = (value as { claimedAt?: unknown }).claimedAt;
    if (!key.startsWith('once:') || typeof claimedAt !== 'string') continue;
    const response = await sandbox.kvs.handle('/api/v1/set', { method: 'POST', body: JSON.stringify({ key, value: { ...(value as object), claimedAt: earlier(claimedAt) } }) });
    if (!response.ok) throw new Error(`KVS set failed: ${String(response.status)}`);
  }
};

// disputes (issue 16 part 4)
/** Moves the stored dispute's ruling deadline into the past (a new version, as a save would): what only time would do. */
export const makeDisputeOverdue = async (sandbox: Sandbox, issueKey: string): Promise<void> => {
  const current = await row<{ dueAt: string }>(sandbox, 'severity-dispute', issueKey);
  if (current === undefined) throw new Error(`Firebreak keeps no dispute for ${issueKey}`);
  const dueAt = new Date(Date.now() - 60_000).toISOString();
  await entityCall(sandbox, 'set', { entityName: 'severity-dispute', key: await issueIdOf(sandbox, issueKey), value: { ...current, version: current.version + 1, dueAt, document: { ...current.document, dueAt } } });
};
