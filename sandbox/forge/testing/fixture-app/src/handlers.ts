/**
 * Handlers for the runtime emulator's own tests: small Forge functions that use Atlassian's real
 * packages (`@forge/events`, `@forge/kvs`, `@forge/api`) the way an app does, and leave a trace of
 * every invocation in KVS so a test can read what each attempt saw.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs } from '@forge/kvs';

interface TriggerEvent {
  readonly issue: { readonly key: string };
  readonly retryContext?: { readonly retryCount: number; readonly retryReason: string; readonly retryData?: unknown };
}

const recordAttempt = async (name: string, event: TriggerEvent): Promise<void> => {
  await kvs.set(`${name}:${String(event.retryContext?.retryCount ?? 0)}`, { retryContext: event.retryContext ?? null });
};

/** Asks for a retry every time, as a trigger rate-limited by Jira would. */
export const alwaysRetry = async (event: TriggerEvent): Promise<unknown> => {
  await recordAttempt('always-retry', event);
  return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { issueKey: event.issue.key } });
};

/** Asks for a retry twice, then succeeds. `retryData` is a string, which Forge does not send back (ECO-734). */
export const retryTwice = async (event: TriggerEvent): Promise<unknown> => {
  await recordAttempt('retry-twice', event);
  if ((event.retryContext?.retryCount ?? 0) >= 2) return undefined;
  return new InvocationError({ retryAfter: 5000, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: 'not an object' });
};

/** Throws: Forge does not retry a function that throws. */
export const throwsError = async (event: TriggerEvent): Promise<unknown> => {
  await recordAttempt('throws', event);
  throw new Error('Something broke in the app');
};

/** Records the attempt, then works past the time limit and tries to write to KVS and Jira. */
export const slowWriter = async (event: TriggerEvent): Promise<unknown> => {
  await recordAttempt('slow', event);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await kvs.set('slow:late-write', true);
  await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/properties/late-write`, {
    method: 'PUT',
    body: JSON.stringify({ late: true }),
    headers: { 'Content-Type': 'application/json' },
  });
  return undefined;
};

/** Scheduled triggers: one answers the response Forge asks for, one does not. */
export const answersNoContent = (): Promise<unknown> => Promise.resolve({ statusCode: 204 });
export const answersSomethingElse = (): Promise<unknown> => Promise.resolve({ reminded: ['SHOP-1'] });
