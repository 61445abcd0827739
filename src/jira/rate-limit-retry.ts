import type { Route } from '@forge/api';

import type { JiraRequestInit, JiraResponse, JiraTransport } from './jira-transport';

export interface RetryPolicy {
  /** Retries after the first attempt. Atlassian suggests about four. */
  readonly maxRetries: number;
  /** Give up rather than wait past this: a resolver has 25 s in all. */
  readonly maxTotalWaitMs: number;
  readonly baseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** 0..1, injected so tests are deterministic. */
  readonly random: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxTotalWaitMs: 12_000,
  baseDelayMs: 1_000,
  sleep: realSleep,
  random: Math.random,
};

/**
 * Whether a request may be sent again: what the operation said (`init.retry`), else its HTTP method.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2 (GET, PUT and DELETE are idempotent; POST is not)
 */
const isReplayable = (init: JiraRequestInit | undefined): boolean => {
  if (init?.retry === 'once') return false;
  if (init?.retry === 'idempotent') return true;
  return (init?.method ?? 'GET') !== 'POST';
};

/**
 * Retries 429s and 5xx answers of replayable requests: `Retry-After` (seconds) is the floor, then
 * exponential backoff with ±30 % jitter. A POST that writes is never replayed (it could create a
 * second comment); a POST that only reads says so with `retry: 'idempotent'`. A wait that would blow
 * the time budget is not attempted: the caller gets the 429 and tells the person to try again.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const withRateLimitRetry = (transport: JiraTransport, policy: RetryPolicy = DEFAULT_RETRY_POLICY): JiraTransport => ({
  async request(path: Route, init?: JiraRequestInit): Promise<JiraResponse> {
    const replayable = isReplayable(init);
    let waitedMs = 0;
    for (let attempt = 0; ; attempt += 1) {
      const response = await transport.request(path, init);
      const retryable = response.status === 429 || (response.status >= 500 && response.status !== 501);
      if (!retryable || !replayable || attempt >= policy.maxRetries) return response;
      const delayMs = computeDelayMs(response, attempt, policy);
      if (waitedMs + delayMs > policy.maxTotalWaitMs) return response;
      waitedMs += delayMs;
      await policy.sleep(delayMs);
    }
  },
});

export const computeDelayMs = (response: JiraResponse, attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'random'>): number => {
  const jitter = 0.7 + policy.random() * 0.6;
  const backoffMs = policy.baseDelayMs * 2 ** attempt * jitter;
  const retryAfterMs = parseRetryAfterSeconds(response.headers.get('retry-after')) * 1_000;
  return Math.round(Math.max(backoffMs, retryAfterMs));
};

export const parseRetryAfterSeconds = (header: string | null): number => {
  if (header === null) return 0;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
};
