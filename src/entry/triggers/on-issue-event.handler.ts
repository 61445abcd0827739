import { InvocationError, InvocationErrorCode, type RetryOptions } from '@forge/events';
import { ForgeKvsAPIError } from '@forge/kvs';
import { z } from 'zod';

import { forgeJiraClients } from '../../jira/forge-transport';
import { isJiraError } from '../../jira/jira-error';
import { applySeverityPolicy, type StakeholderUpdate } from '../use-cases/apply-severity-policy';
import { watchRecurrence } from '../use-cases/postmortems/watch-recurrence';
import { sendClosingUpdate } from '../use-cases/stakeholder-updates'; // part: updates (issue 16)

/**
 * Forge's product-event payload, the parts we read. Custom fields and properties are not in it, so
 * the use case reads the issue itself. `avi:jira:commented:issue` comes for a new comment and again
 * for every edit of one; `retryContext` comes on a retry the function asked for.
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/
 * @see https://developer.atlassian.com/platform/forge/events-reference/product_events/#retry-atlassian-app-events
 */
const issueEventSchema = z
  .object({
    eventType: z.string(),
    issue: z.object({ key: z.string() }).loose(),
    comment: z
      .object({ created: z.string().optional(), author: z.object({ accountType: z.string().optional() }).loose().nullable().optional() })
      .loose()
      .optional(),
    retryContext: z.object({ retryCount: z.number() }).loose().optional(),
  })
  .loose();

type IssueEvent = z.infer<typeof issueEventSchema>;

/**
 * Applies the severity policy when an issue is created or updated, and counts a comment by a person
 * as a stakeholder update. Converges under duplicated, late and reordered events (see the use case);
 * `ignoreSelf` in the manifest keeps the app's own edits from re-triggering it.
 *
 * Triggers run without a user, so Jira is called as the app: there is no user whose permission
 * could be checked, and the edits are the policy's, configured by an admin.
 *
 * A failure that another attempt can get past (Jira or storage rate-limited or unavailable after the
 * transport's own retries, or the decision's comment still being posted by another invocation) is
 * RETURNED as an `InvocationError`, which is how a trigger asks Forge for a retry: a thrown error is
 * not retried. Forge retries at most four times, then the issue's next event converges it.
 */
export const onIssueEvent = async (payload: unknown): Promise<InvocationError | undefined> => {
  const event = issueEventSchema.parse(payload);
  const jira = forgeJiraClients().asApp;
  const retryCount = event.retryContext?.retryCount ?? 0;
  try {
    const outcome = await applySeverityPolicy({ fields: jira, app: jira }, event.issue.key, new Date(), stakeholderUpdateOf(event));
    if (outcome === 'applied') {
      // guards (issue 15): a new or newly classified incident may recur one with a postmortem.
      if (event.eventType !== 'avi:jira:commented:issue') await watchRecurrence(jira, event.issue.key, new Date());
      // part: updates (issue 16): a resolved incident's stakeholders get one closing update.
      if (event.eventType === 'avi:jira:updated:issue') await sendClosingUpdate(jira, event.issue.key, new Date());
      return undefined;
    }
    return new InvocationError({ retryAfter: backoffSeconds(retryCount), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { waitingFor: 'policy comment' } });
  } catch (error) {
    const retry = retryFor(error, retryCount);
    if (retry === undefined) throw error;
    return new InvocationError(retry);
  }
};

/**
 * A comment counts as an update when a person made it: the app's own comments (the policy comment,
 * reminders; authored by its `app` account) never do, even where `ignoreSelf` lets their event
 * through. Dated by its creation, so an edit of an old comment is no new update.
 */
const stakeholderUpdateOf = (event: IssueEvent): StakeholderUpdate | null => {
  if (event.eventType !== 'avi:jira:commented:issue' || event.comment === undefined) return null;
  if (event.comment.author?.accountType === 'app') return null;
  const created = Date.parse(event.comment.created ?? '');
  return { commentedAt: new Date(Number.isNaN(created) ? Date.now() : created).toISOString() };
};

/** 10, 20, 40, 80 s: Forge allows four retries. */
const backoffSeconds = (retryCount: number): number => 10 * 2 ** retryCount;

/** The retry a failure deserves, or `undefined` when another attempt would fail the same way. */
export const retryFor = (error: unknown, retryCount: number): RetryOptions | undefined => {
  if (isJiraError(error) && (error.kind === 'rate-limited' || error.kind === 'unavailable')) {
    return {
      // Never sooner than Jira's Retry-After.
      retryAfter: Math.max(error.retryAfterSeconds ?? 0, backoffSeconds(retryCount)),
      retryReason: error.kind === 'rate-limited' ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { failed: error.operation, status: error.status },
    };
  }
  if (error instanceof ForgeKvsAPIError && (error.responseDetails.status === 429 || error.responseDetails.status >= 500)) {
    return {
      retryAfter: backoffSeconds(retryCount),
      retryReason: error.responseDetails.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { failed: 'storage', status: error.responseDetails.status },
    };
  }
  return undefined;
};
