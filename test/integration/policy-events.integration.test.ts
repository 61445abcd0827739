/**
 * The severity policy as Forge delivers events: comments edited and delivered late or out of order,
 * a trigger that asks Forge for a retry, the open question whether the app's `asUser()` edits raise
 * events, and functions stopped at their time limit. Assertions read what Jira stores and shows.
 */
import { describe, expect, it } from 'vitest';

import type { AppliedPolicyState } from '../../src/contract/policy.contract';
import type { ResolverResult } from '../../src/contract/result';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import type { ProductEvent } from '../../sandbox/jira';
import { Sandbox, type SandboxOptions } from '../../sandbox/sandbox';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { appPolicyState } from '../support/app-storage';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const MINUTE = 60_000;

/** A site with one fresh incident assigned to the triager. Retries wait 0.1 ms per second asked. */
const site = async (options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; issueKey: string }> => {
  const sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.0001, ...options });
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
  await sandbox.runtime.drain();
  sandbox.runtime.deliveries.length = 0;
  return { sandbox, issueKey };
};

const decideCritical = async (sandbox: Sandbox, issueKey: string): Promise<ResolverResult<unknown>> => {
  const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  return invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: 'Confirmed with two customers', baseRevision: picked.report?.revision ?? 0 });
};

const policyState = (sandbox: Sandbox, issueKey: string): Promise<AppliedPolicyState | undefined> => appPolicyState(sandbox, issueKey);

const policyFields = async (sandbox: Sandbox, issueKey: string) =>
  (await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority,labels`)).body.fields;

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const comment = async (sandbox: Sandbox, issueKey: string, as: string, text: string): Promise<string> =>
  (await jiraCall<{ id: string }>(sandbox, as, 'POST', `/rest/api/3/issue/${issueKey}/comment`, { body: adf(text) })).body.id;

/** `avi:jira:commented:issue` as Forge sends it, for a comment made `minutesAfterDecision` after the decision. */
const commentedEvent = (issueKey: string, state: AppliedPolicyState, minutesAfterDecision: number, accountType: 'atlassian' | 'app' = 'atlassian'): ProductEvent => {
  const created = new Date(Date.parse(state.decisionAt) + minutesAfterDecision * MINUTE).toISOString().replace('Z', '+0000');
  return {
    eventType: 'avi:jira:commented:issue',
    timestamp: created,
    issue: { id: '0', key: issueKey, fields: {} },
    comment: { id: '1', author: { accountId: accountType === 'app' ? '712020:firebreak-app' : TRIAGER, accountType }, created, updated: created },
    actor: { kind: 'user', accountId: TRIAGER },
  };
};

const dueAfter = (state: AppliedPolicyState, minutes: number): string => new Date(Date.parse(state.decisionAt) + minutes * MINUTE).toISOString();

describe('comments as updates', () => {
  it('an edit of an older comment never moves the next update due time back', async () => {
    const { sandbox, issueKey } = await site();
    await decideCritical(sandbox, issueKey);
    await sandbox.runtime.drain();
    const first = await comment(sandbox, issueKey, TRIAGER, 'Rolling back the 14:02 deploy.');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await comment(sandbox, issueKey, TRIAGER, 'Rollback done, payments recovering.');
    await sandbox.runtime.drain();
    const afterLatest = await policyState(sandbox, issueKey);
    const delivered = sandbox.runtime.deliveries.length;

    await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/comment/${first}`, { body: adf('Rolling back the 14:02 deploy (build 4711).') });
    await sandbox.runtime.drain();

    expect(sandbox.runtime.deliveries.slice(delivered)).toMatchObject([{ eventType: 'avi:jira:commented:issue', outcome: 'ok' }]);
    expect(await policyState(sandbox, issueKey)).toEqual(afterLatest);
  });

  it('late and reordered comment events converge on the latest update', async () => {
    const { sandbox, issueKey } = await site();
    await decideCritical(sandbox, issueKey);
    await sandbox.runtime.drain();
    const decided = await policyState(sandbox, issueKey);
    if (decided === undefined) throw new Error('The policy was not applied.');

    // The latest comment's event first (and again, duplicated), the earlier comment's event last.
    for (const minutes of [20, 20, 10]) {
      sandbox.runtime.deliverEvent(commentedEvent(issueKey, decided, minutes));
      await sandbox.runtime.drain();
    }

    expect(await policyState(sandbox, issueKey)).toEqual({ ...decided, nextUpdateDueAt: dueAfter(decided, 20 + 30), firstResponseAt: dueAfter(decided, 10) });
  });

  it('counts neither the app’s own comments nor comments made before the decision', async () => {
    const { sandbox, issueKey } = await site();
    await decideCritical(sandbox, issueKey);
    await sandbox.runtime.drain();
    const decided = await policyState(sandbox, issueKey);
    if (decided === undefined) throw new Error('The policy was not applied.');

    sandbox.runtime.deliverEvent(commentedEvent(issueKey, decided, 25, 'app'));
    sandbox.runtime.deliverEvent(commentedEvent(issueKey, decided, -5));
    await sandbox.runtime.drain();

    expect(await policyState(sandbox, issueKey)).toEqual(decided);
  });
});

describe('retries Forge makes for the trigger', () => {
  it('a rate-limited policy comment is retried through InvocationError, not left for the next event', async () => {
    const { sandbox, issueKey } = await site();
    // The decision's own attempt and the trigger's first one are both refused.
    sandbox.jira.faults.add({ method: 'POST', pathPattern: `^/rest/api/3/issue/${issueKey}/comment$`, kind: '429', retryAfterSeconds: 3, times: 2 });

    await decideCritical(sandbox, issueKey);
    await sandbox.runtime.drain();

    expect((await issueSnapshot(sandbox, issueKey)).comments.filter((text) => text.startsWith('Critical: all hands.'))).toHaveLength(1);
    expect(await policyState(sandbox, issueKey)).toMatchObject({ level: 'critical', commented: true });
    const attempts = sandbox.runtime.deliveries.filter((delivery) => delivery.issueKey === issueKey && delivery.outcome !== 'ignored-self');
    expect(attempts).toContainEqual(expect.objectContaining({ outcome: 'retry-requested', retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED' }));
    expect(attempts.filter((delivery) => delivery.outcome === 'error' || delivery.outcome === 'retries-exhausted')).toEqual([]);
  });
});

describe('the triager’s decision, whether or not the app’s asUser() edits raise events', () => {
  it('applies priority, label, due times and one comment itself when those edits count as the app’s own', async () => {
    const { sandbox, issueKey } = await site({ asUserEditsAreSelf: true });

    expect(await decideCritical(sandbox, issueKey)).toMatchObject({ ok: true });
    await sandbox.runtime.drain();

    expect(await policyFields(sandbox, issueKey)).toMatchObject({ priority: { name: 'Highest' }, labels: expect.arrayContaining(['severity-critical']) as unknown });
    const state = await policyState(sandbox, issueKey);
    if (state === undefined) throw new Error('The policy was not applied.');
    expect(state).toMatchObject({ level: 'critical', commented: true, responseDueAt: dueAfter(state, 15), nextUpdateDueAt: dueAfter(state, 30) });
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
    expect(sandbox.runtime.deliveries.filter((delivery) => delivery.issueKey === issueKey && delivery.moduleKey === 'apply-severity-policy' && delivery.eventType === 'avi:jira:updated:issue').map((delivery) => delivery.outcome)).toEqual(['ignored-self']);
  });

  it('still posts one comment when those edits reach the trigger too', async () => {
    const { sandbox, issueKey } = await site({ asUserEditsAreSelf: false });

    await decideCritical(sandbox, issueKey);
    await sandbox.runtime.drain();

    expect(sandbox.runtime.deliveries).toContainEqual(expect.objectContaining({ issueKey, eventType: 'avi:jira:updated:issue', outcome: 'ok' }));
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
    expect(await policyState(sandbox, issueKey)).toMatchObject({ level: 'critical', commented: true });
  });
});

describe('the function time limit', () => {
  it('a decision slowed past the limit writes nothing after it: the triager sees the failure, Jira and storage keep what they had', async () => {
    const { sandbox, issueKey } = await site({ functionTimeoutMs: 300 });
    const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    sandbox.jira.faults.add({ method: 'GET', pathPattern: '^/rest/api/3/mypermissions$', kind: 'latency', latencyMs: 600, times: 1 });
    const before = worldFingerprint(sandbox);

    await expect(invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: 'Confirmed', baseRevision: picked.report?.revision ?? 0 })).rejects.toThrow(/timed out/);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await sandbox.runtime.drain();

    expect(worldFingerprint(sandbox)).toBe(before);
  });
});
