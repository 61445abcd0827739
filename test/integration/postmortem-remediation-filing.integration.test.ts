/**
 * format part (issue 15): a remediation item filed as its own Jira issue, with a Jira priority chosen
 * by name, through the same recorded plan as actions: apart from actions (its own label), once per
 * click under double clicks and retries, plain words on a 429 or 500 mid-way, and said plainly when
 * the create screen has no Priority field.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { REMEDIATION_LABEL, type PostmortemView } from '../../src/contract/postmortem.contract';
import type { ResolverResult } from '../../src/contract/result';
import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox, type SandboxOptions } from '../../sandbox/sandbox';
import { createIssue, jiraCall, searchKeys } from '../support/jira-helpers';
import { delayStorage } from '../support/storage-latency';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const { rita: RITA, devon: DEVON, mia: MIA, sam: SAM, otto: OTTO } = people;
const PAGE = 'postmortems';
const ISSUE_CREATE = '^/rest/api/3/issue$';
type Stored = PostmortemView['postmortem'];

let sandbox: Sandbox;
let incident: string;

const open = async (options: SandboxOptions = {}): Promise<void> => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 5, maxMs: 25 }, ...options });
  delayStorage(sandbox, { minMs: 2, maxMs: 12 });
  incident = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
};

const ITEM = { id: 'r1', title: 'Refund double-charged orders', owner: MIA, priority: 'high' as const, done: false };

/** A postmortem with one remediation item (and one accepted action, to show the two stay apart). */
const withRemediation = async (title = ITEM.title): Promise<Stored> => {
  const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  const action = { id: 'a1', title: 'Alert on 502 rate', owner: DEVON, dueDate: '2026-12-04', question: 'detect' as const, issueKey: null, triage: { decision: 'accepted' as const, reason: '', by: DEVON, at: '2026-01-01T00:00:00.000Z' } };
  const edit = contentOf({ ...started, actions: [action], remediation: [{ ...ITEM, title }] });
  return dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: started.id, edit, baseRevision: started.revision }, PAGE)).postmortem;
};

const priorities = async (as = DEVON, id = 'pm-none'): Promise<ResolverResult<{ priorities: Array<{ id: string; name: string }> }>> => invokeResolver(sandbox, as, 'postmortem/jiraPriorities', { id }, PAGE);
const priorityId = async (postmortem: Stored, name: string): Promise<string> => {
  const found = dataOf(await priorities(DEVON, postmortem.id)).priorities.find((priority) => priority.name === name);
  if (found === undefined) throw new Error(`Jira offers no ${name} priority`);
  return found.id;
};
const file = (postmortem: Stored, priority: string | null, idempotencyKey = randomUUID(), as = DEVON) =>
  invokeResolver(sandbox, as, 'postmortem/createRemediationIssue', { id: postmortem.id, remediationId: 'r1', priorityId: priority, idempotencyKey, baseRevision: postmortem.revision }, PAGE);
const filedKey = (view: PostmortemView): string => view.postmortem.remediation[0]?.issueKey ?? '';
const issue = async (key: string) =>
  (await jiraCall<{ fields: { summary: string; labels: string[]; priority: { name: string }; assignee: { accountId: string } | null } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${key}?fields=summary,labels,priority,assignee`)).body.fields;
const failure = (result: ResolverResult<unknown>): { code: string; message: string } => {
  if (result.ok) throw new Error('Expected a refusal, got OK.');
  return result.error;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('filing a remediation item', () => {
  beforeEach(async () => {
    await open();
  });

  it('lists Jira’s priorities by name to editors only', async () => {
    const postmortem = await withRemediation();
    expect(dataOf(await priorities(DEVON, postmortem.id)).priorities.map((priority) => priority.name)).toEqual(expect.arrayContaining(['Highest', 'High']));
    expect(failure(await priorities(OTTO, postmortem.id)).code).toBe('FORBIDDEN');
  });

  it('files it with the priority chosen and its own label, apart from actions; shows its live status; notifies and links back', async () => {
    const postmortem = await withRemediation();
    const filed = dataOf(await file(postmortem, await priorityId(postmortem, 'Highest')));
    const key = filedKey(filed);
    expect(key).toMatch(/^SHOP-\d+$/);
    expect(filed.notice).toBeNull();
    expect(filed.postmortem.remediation[0]).toMatchObject({ issueKey: key, filedPriority: 'Highest' });
    expect(filed.postmortem.actions[0]?.issueKey).toBeNull();
    expect(await issue(key)).toMatchObject({ summary: ITEM.title, labels: [REMEDIATION_LABEL], priority: { name: 'Highest' }, assignee: { accountId: MIA } });
    expect(filed.actionIssues[key]).toMatchObject({ missing: false, status: expect.any(String) as unknown });
    expect(sandbox.jira.notificationsSent()).toEqual([expect.objectContaining({ issueKey: key, to: [MIA] })]);
    expect(await searchKeys(sandbox, `labels = "${REMEDIATION_LABEL}"`)).toEqual([key]);
    expect(await searchKeys(sandbox, 'labels = "postmortem-action"')).toEqual([]);
  });

  it('files with Jira’s default priority when none is chosen', async () => {
    const postmortem = await withRemediation();
    const filed = dataOf(await file(postmortem, null));
    expect(filed.postmortem.remediation[0]?.filedPriority).toBeUndefined();
    expect(filedKey(filed)).toMatch(/^SHOP-\d+$/);
  });

  it.each([
    ['a priority Jira does not offer', { priorityId: '999' }, 'INVALID_INPUT'],
    ['a priority that is not an id', { priorityId: 'Highest' }, 'INVALID_INPUT'],
    ['an item not in the postmortem', { remediationId: 'r-none' }, 'NOT_FOUND'],
    ['a hostile item id', { remediationId: 'r1:a1' }, 'INVALID_INPUT'],
  ])('refuses %s and files nothing', async (_name, change, code) => {
    const postmortem = await withRemediation();
    const result = await invokeResolver(sandbox, DEVON, 'postmortem/createRemediationIssue', { id: postmortem.id, remediationId: 'r1', priorityId: null, idempotencyKey: randomUUID(), baseRevision: postmortem.revision, ...change }, PAGE);
    expect(failure(result).code).toBe(code);
    expect(await searchKeys(sandbox, `labels = "${REMEDIATION_LABEL}"`)).toEqual([]);
  });

  it('refuses someone who may not edit the postmortem, and a done item', async () => {
    const postmortem = await withRemediation();
    expect(failure(await file(postmortem, null, randomUUID(), OTTO)).code).toBe('FORBIDDEN');
    const done = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: contentOf({ ...postmortem, remediation: [{ ...ITEM, done: true }] }), baseRevision: postmortem.revision }, PAGE)).postmortem;
    expect(failure(await file(done, null))).toEqual({ code: 'INVALID_INPUT', message: 'This remediation item is marked done: there is nothing left to file.' });
  });

  it('a double click, a second person at once and a retry of the same click file one issue', async () => {
    const postmortem = await withRemediation();
    const high = await priorityId(postmortem, 'High');
    const click = randomUUID();
    const results = await Promise.all([file(postmortem, high, click), file(postmortem, high, click), file(postmortem, high, randomUUID(), SAM)]);
    const retried = await file(postmortem, high, click);
    expect([...results, retried].map((result) => (result.ok ? 'OK' : `${result.error.code}: ${result.error.message}`)).filter((code) => code !== 'OK' && !code.startsWith('IN_PROGRESS'))).toEqual([]);
    const filed = await searchKeys(sandbox, `labels = "${REMEDIATION_LABEL}"`);
    expect(filed).toHaveLength(1);
    expect(dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/get', { id: postmortem.id }, PAGE)).postmortem.remediation[0]?.issueKey).toBe(filed[0]);
    expect(sandbox.jira.notificationsSent()).toHaveLength(1);
  });

  it('a 429 on the create files nothing and says so; the same click files it when tried again', async () => {
    const postmortem = await withRemediation();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: '429', retryAfterSeconds: 1, times: 1 });
    const click = randomUUID();
    expect(failure(await file(postmortem, null, click))).toEqual({ code: 'RATE_LIMITED', message: 'Jira is busy and asked Firebreak to slow down. Nothing was filed; try again in 5 seconds.' });
    expect(await searchKeys(sandbox, `labels = "${REMEDIATION_LABEL}"`)).toEqual([]);
    expect(filedKey(dataOf(await file(postmortem, null, click)))).toMatch(/^SHOP-\d+$/);
  });

  it('a 500 on the create: Jira did not confirm, and the retry a minute later files it once', async () => {
    const postmortem = await withRemediation();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: '500', times: 1 });
    const click = randomUUID();
    expect(failure(await file(postmortem, null, click))).toEqual({
      code: 'JIRA_UNAVAILABLE',
      message: 'Jira did not confirm whether it filed the issue (HTTP 500). Try again in a minute: Firebreak looks for the issue first, so this remediation item is never filed twice.',
    });
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 61_000);
    const filed = dataOf(await file(postmortem, null, click));
    expect(await searchKeys(sandbox, `labels = "${REMEDIATION_LABEL}"`)).toEqual([filedKey(filed)]);
  });

  it('a save from the page cannot set or change the issue key; it can unlink it', async () => {
    const postmortem = await withRemediation();
    const forged = await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: contentOf({ ...postmortem, remediation: [{ ...ITEM, issueKey: 'SHOP-1', filedPriority: 'Lowest' }] }), baseRevision: postmortem.revision }, PAGE);
    expect(dataOf(forged).postmortem.remediation[0]).toEqual(ITEM);
    const filed = dataOf(await file(dataOf(forged).postmortem, null));
    const key = filedKey(filed);
    const changed = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: contentOf({ ...filed.postmortem, remediation: [{ ...ITEM, issueKey: 'SHOP-1' }] }), baseRevision: filed.postmortem.revision }, PAGE));
    expect(changed.postmortem.remediation[0]?.issueKey).toBe(key);
    const unlinked = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: contentOf({ ...changed.postmortem, remediation: [{ ...ITEM, issueKey: null }] }), baseRevision: changed.postmortem.revision }, PAGE));
    expect(unlinked.postmortem.remediation[0]?.issueKey).toBeNull();
  });
});

describe('a create screen without Priority', () => {
  it('files without the priority and says so, as for the due date of an action', async () => {
    const scenario = JSON.parse(readFileSync(new URL('../../sandbox/scenarios/demo.json', import.meta.url), 'utf8')) as { projects: Array<{ key: string; screens?: Array<{ issueTypeIds?: string[]; create: string[]; edit: string[] }> }> };
    const shop = scenario.projects.find((project) => project.key === 'SHOP');
    if (shop === undefined) throw new Error('demo has SHOP');
    shop.screens = [{ create: ['summary', 'description', 'assignee', 'reporter', 'labels', 'duedate', 'issuelinks'], edit: ['summary', 'description', 'assignee', 'labels', 'duedate', 'priority'] }];
    await open({ scenario: scenario as unknown as NonNullable<SandboxOptions['scenario']> });
    const postmortem = await withRemediation();
    const filed = dataOf(await file(postmortem, await priorityId(postmortem, 'Highest')));
    const key = filedKey(filed);
    expect(key).toMatch(/^SHOP-\d+$/);
    expect(filed.notice).toBe(`Filed ${key}. Jira’s create screen for Task in SHOP has no Priority field, so the priority Highest was not set.`);
    expect((await issue(key)).labels).toEqual([REMEDIATION_LABEL]);
  });
});
