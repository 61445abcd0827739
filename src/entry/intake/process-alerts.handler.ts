import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';

import { forgeJiraClients } from '../../jira/forge-transport';
import { retryFor } from '../triggers/on-issue-event.handler';
import { processAlertEvent, RetryLater } from '../use-cases/intake/process-alert';

/**
 * Consumer of the `alert-intake` queue (manifest.yml): one event per (source, fingerprint) whose
 * inbox holds firings. Thin: parse the event, run the use case as the app (a web trigger has no
 * user; the source's project admin chose this project and issue type), map the outcome to Forge's.
 *
 * A rate limit (Jira's 429, storage's) or an outage is RETURNED as an `InvocationError` whose
 * `retryAfter` honours Jira's `Retry-After`; work left for later (`RetryLater`) likewise. Anything
 * else is thrown: Forge retries it with backoff within the event's 24-hour retention window, and
 * every step is idempotent, so a retry finishes what the failed attempt began.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api-error-handling/
 */
const alertEventSchema = z
  .object({
    body: z.object({ sourceId: z.string().min(1), fingerprint: z.string().min(1) }).loose(),
    eventId: z.string().optional(),
    jobId: z.string().optional(),
    retryContext: z.object({ retryCount: z.number().int() }).loose().optional(),
  })
  .loose();

export const processAlerts = async (payload: unknown): Promise<InvocationError | undefined> => {
  const parsed = alertEventSchema.safeParse(payload);
  if (!parsed.success) {
    console.error('Alert intake: an event that names no alert was ignored.');
    return undefined;
  }
  const retryCount = parsed.data.retryContext?.retryCount ?? 0;
  const event = { ...parsed.data.body, eventId: parsed.data.eventId ?? parsed.data.jobId ?? 'unknown', retryCount };
  try {
    await processAlertEvent(forgeJiraClients().asApp, event);
    return undefined;
  } catch (error) {
    if (error instanceof RetryLater) {
      return new InvocationError({ retryAfter: error.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { reason: error.message.slice(0, 500) } });
    }
    const retry = retryFor(error, retryCount);
    if (retry !== undefined) return new InvocationError(retry);
    throw error;
  }
};
