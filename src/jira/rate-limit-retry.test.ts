import { route } from '@forge/api';
import { describe, expect, it } from 'vitest';

import type { JiraRequestInit, JiraResponse, JiraTransport } from './jira-transport';
import { withRateLimitRetry, type RetryPolicy } from './rate-limit-retry';

const answer = (status: number, retryAfter?: string): JiraResponse => ({
  status,
  headers: { get: (name) => (name.toLowerCase() === 'retry-after' ? (retryAfter ?? null) : null) },
  text: () => Promise.resolve(status === 200 ? '{}' : '{"errorMessages":["Rate limit exceeded."]}'),
});

/** A transport that answers from a script (then 200 forever) and counts what reached it. */
const scripted = (...statuses: number[]): JiraTransport & { readonly sent: Array<JiraRequestInit | undefined> } => {
  const sent: Array<JiraRequestInit | undefined> = [];
  return {
    sent,
    request: (_path, init) => {
      sent.push(init);
      return Promise.resolve(answer(statuses[sent.length - 1] ?? 200, '1'));
    },
  };
};

const waits: number[] = [];
const instantPolicy: RetryPolicy = { maxRetries: 4, maxTotalWaitMs: 12_000, baseDelayMs: 1_000, random: () => 0.5, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } };

describe('withRateLimitRetry', () => {
  it('retries a GET after a 429, waiting at least Retry-After', async () => {
    const jira = scripted(429);
    const response = await withRateLimitRetry(jira, instantPolicy).request(route`/rest/api/3/issue/SHOP-1`);
    expect(response.status).toBe(200);
    expect(jira.sent).toHaveLength(2);
  });

  it('never replays a POST that writes (a second comment would be posted)', async () => {
    const jira = scripted(500);
    const response = await withRateLimitRetry(jira, instantPolicy).request(route`/rest/api/3/issue/SHOP-1/comment`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(jira.sent).toHaveLength(1);
  });

  it('replays a POST the operation marks as a read, like a GET', async () => {
    const jira = scripted(429, 503);
    const response = await withRateLimitRetry(jira, instantPolicy).request(route`/rest/api/3/search/jql`, { method: 'POST', body: '{}', retry: 'idempotent' });
    expect(response.status).toBe(200);
    expect(jira.sent).toHaveLength(3);
  });

  it('tries a cosmetic lookup once, whatever its method, so a page never waits for a label', async () => {
    const jira = scripted(429);
    const response = await withRateLimitRetry(jira, instantPolicy).request(route`/rest/api/3/user/bulk`, { retry: 'once' });
    expect(response.status).toBe(429);
    expect(jira.sent).toHaveLength(1);
  });
});
