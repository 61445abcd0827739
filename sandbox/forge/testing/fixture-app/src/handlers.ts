/**
 * Handlers for the runtime emulator's own tests: small Forge functions that use Atlassian's real
 * packages (`@forge/events`, `@forge/kvs`, `@forge/api`) the way an app does, and leave a trace of
 * every invocation in KVS so a test can read what each attempt saw.
 */
import { asApp, asUser, route } from '@forge/api';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
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

/**
 * A consumer of async events (`@forge/events` 2+: the event is the first argument). What it does is
 * the event body's `mode`; every attempt is recorded under `consumer:{eventId}:{attempt}`.
 */
interface AsyncEvent {
  readonly body: { readonly mode: string; readonly label?: string; readonly holdMs?: number; readonly hops?: number };
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly retryContext?: { readonly retryCount: number; readonly retryReason: string; readonly retryData?: unknown };
}

export const consumeEvent = async (event: AsyncEvent): Promise<unknown> => {
  const retryCount = event.retryContext?.retryCount ?? 0;
  const attempts = ((await kvs.get<number>(`attempts:${event.eventId}`)) ?? 0) + 1;
  await kvs.set(`attempts:${event.eventId}`, attempts);
  await kvs.set(`consumer:${event.eventId}:${String(attempts)}`, { body: event.body, queueName: event.queueName, jobId: event.jobId, retryContext: event.retryContext ?? null });
  switch (event.body.mode) {
    case 'retry-once':
      return retryCount === 0 ? new InvocationError({ retryAfter: 5000, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED, retryData: { page: 2 } }) : undefined;
    case 'throw-twice':
      if (retryCount < 2) throw new Error('Jira answered 503');
      return undefined;
    case 'always-throw':
      throw new Error('Still broken');
    case 'hold': {
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, event.body.holdMs ?? 20));
      await kvs.set(`held:${event.eventId}`, { startedAt, endedAt: Date.now() });
      return undefined;
    }
    case 'chain': {
      const hops = event.body.hops ?? 0;
      try {
        await new Queue({ key: event.queueName }).push({ body: { mode: 'chain', hops: hops + 1 } });
      } catch (error) {
        await kvs.set('chain:stopped', { hops, error: error instanceof Error ? error.constructor.name : String(error) });
      }
      return undefined;
    }
    default:
      return undefined;
  }
};

/** The same consumer behind a queue whose function has a 2 s limit (`timeoutSeconds: 2`): `slow` runs past it. */
export const consumeSlowly = async (event: AsyncEvent): Promise<unknown> => {
  const attempts = ((await kvs.get<number>(`attempts:${event.eventId}`)) ?? 0) + 1;
  await kvs.set(`attempts:${event.eventId}`, attempts);
  await kvs.set(`consumer:${event.eventId}:${String(attempts)}`, { retryContext: event.retryContext ?? null });
  if ((event.retryContext?.retryCount ?? 0) < 1) await new Promise((resolve) => setTimeout(resolve, event.body.holdMs ?? 100));
  return undefined;
};

interface WebTriggerEvent {
  readonly method: string;
  readonly path: string;
  readonly userPath?: string;
  readonly headers: Record<string, string[]>;
  readonly queryParameters: Record<string, string[]>;
  readonly body: string;
}

/**
 * A web trigger that answers with what it was given: the request, the context's keys, and what
 * `asUser()` did (no user is behind a web trigger). `?mode=` picks a misbehaviour instead.
 */
export const webTriggerEcho = async (request: WebTriggerEvent, context: Record<string, unknown>): Promise<unknown> => {
  const mode = request.queryParameters['mode']?.[0];
  if (mode === 'throw') throw new Error('The web trigger failed.');
  if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 500));
  if (mode === 'incompatible') return { status: 'fine' };
  if (mode === 'no-body') return { statusCode: 204 };
  let asUserOutcome = 'answered';
  try {
    await asUser().requestJira(route`/rest/api/3/myself`);
  } catch (error) {
    asUserOutcome = error instanceof Error ? error.name : String(error);
  }
  return {
    statusCode: 201,
    statusText: 'Created',
    headers: { 'Content-Type': ['application/json'], 'X-Echo': ['one', 'two'] },
    body: JSON.stringify({ request, contextKeys: Object.keys(context).sort(), asUser: asUserOutcome }),
  };
};
