/**
 * Filing a postmortem action as a Jira issue never doubles and never leaves half a job behind, under
 * Jira and storage latency: double clicks, two people at once, a retry after Forge stopped the call,
 * a 429 or a 500 at every step (Jira's and storage's), Jira's answer lost after it filed. The end
 * state is one issue, linked once and noted on the action, or nothing filed; and the person is told
 * what was done, what was not, and what to do.
 */
import { contentOf } from '../../src/domain/postmortem/review';
import { randomUUID } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import type { ResolverResult } from '../../src/contract/result';
import { KVS_VALUE_MAX_BYTES, storedBytes } from '../../src/storage/postmortem.store';
import { Sandbox, type SandboxOptions } from '../../sandbox/sandbox';
import { createIssue, jiraCall, searchKeys } from '../support/jira-helpers';
import { delayStorage } from '../support/storage-latency';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const SAM = people.sam;
const PAGE = 'postmortems';
const ISSUE_CREATE = '^/rest/api/3/issue$';
const ISSUE_LINK = '^/rest/api/3/issueLink$';

type Stored = PostmortemView['postmortem'];

let sandbox: Sandbox;
let incident: string;

/** The parts a person writes (the review's fields, like status and revision, are the server's). */
const editOf = (postmortem: Stored, changes: Partial<Stored> = {}) => contentOf({ ...postmortem, ...changes });

const stored = async (id: string): Promise<Stored> => dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/get', { id }, PAGE)).postmortem;

const open = async (options: SandboxOptions = {}): Promise<void> => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 5, maxMs: 25 }, ...options });
  delayStorage(sandbox, { minMs: 2, maxMs: 12 });
  incident = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
};

/** A postmortem on the incident with one action to file, titled so its issue can be found by summary. */
const withAction = async (title: string, changes: Partial<Stored> = {}): Promise<Stored> => {
  const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  const action = { id: 'a1', title, owner: DEVON, dueDate: '2026-12-04', question: 'detect' as const, issueKey: null, triage: { decision: 'accepted' as const, reason: '', by: DEVON, at: '2026-01-01T00:00:00.000Z' } };
  return dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: started.id, edit: editOf(started, { actions: [...started.actions, action], ...changes }), baseRevision: started.revision }, PAGE)).postmortem;
};

const file = (postmortem: Stored, idempotencyKey: string, as = DEVON, actionId = 'a1') =>
  invokeResolver(sandbox, as, 'postmortem/createActionIssue', { id: postmortem.id, actionId, idempotencyKey, baseRevision: postmortem.revision }, PAGE);

/** The issues Jira holds with this summary: what reached Jira, whatever the app says. */
const issuesTitled = (title: string): Promise<string[]> => searchKeys(sandbox, `summary ~ "${title}"`);

/** How many links join the incident and the issue. */
const linksBetween = async (issueKey: string): Promise<number> => {
  const read = await jiraCall<{ fields: { issuelinks: Array<{ inwardIssue?: { key: string }; outwardIssue?: { key: string } }> } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${incident}?fields=issuelinks`);
  return read.body.fields.issuelinks.filter((link) => (link.inwardIssue?.key ?? link.outwardIssue?.key) === issueKey).length;
};

/** Lets a minute pass on every clock the app and the site read, so a claim's lease runs out. */
const aMinuteLater = (): void => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + 61_000);
};

const failure = (result: ResolverResult<unknown>): { code: string; message: string } => {
  if (result.ok) throw new Error('Expected a refusal, got OK.');
  return result.error;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('filing an action: once per click', () => {
  beforeEach(async () => {
    await open();
  });

  it('files one issue however the clicks arrive: a double click and a second person at once, 20 rounds', async () => {
    const outcomes: string[] = [];
    let postmortem = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    for (let round = 0; round < 20; round += 1) {
      const title = `Alert on gateway errors r${String(round)}`;
      const actionId = `a${String(round)}`;
      postmortem = dataOf(
        await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: editOf(postmortem, { actions: [...postmortem.actions, { id: actionId, title, owner: DEVON, dueDate: null, question: 'detect', issueKey: null, triage: { decision: 'accepted', reason: '', by: DEVON, at: '2026-01-01T00:00:00.000Z' } }] }), baseRevision: postmortem.revision }, PAGE),
      ).postmortem;
      const click = randomUUID();
      const results = await Promise.all([file(postmortem, click, DEVON, actionId), file(postmortem, click, DEVON, actionId), file(postmortem, randomUUID(), SAM, actionId)]);
      const filed = await issuesTitled(title);
      postmortem = await stored(postmortem.id);
      const noted = postmortem.actions.find((action) => action.id === actionId)?.issueKey ?? null;
      const codes = results.map((result) => (result.ok ? 'OK' : result.error.code)).sort();
      outcomes.push(`${String(filed.length)} filed, noted ${String(noted !== null && filed.includes(noted))}, ${codes.includes('OK') ? 'answered' : 'unanswered'}`);
      expect(codes.every((code) => code === 'OK' || code === 'IN_PROGRESS')).toBe(true);
    }
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => '1 filed, noted true, answered'));
  });

  it('answers a click that already finished with its result, filing nothing more', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    const click = randomUUID();
    const first = dataOf(await file(postmortem, click));
    sandbox.jira.metering.reset();

    const again = dataOf(await file(postmortem, click));

    expect(again.postmortem.actions[0]?.issueKey).toBe(first.postmortem.actions[0]?.issueKey);
    expect(await issuesTitled('Alert on gateway errors')).toHaveLength(1);
    expect(sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/issue']).toBeUndefined();
  });

  it('refuses before filing when the issue key would not fit in the postmortem, so no issue is left behind', async () => {
    const big = { detect: 'd'.repeat(9_999), react: 'r'.repeat(9_999), quickFix: 'q'.repeat(9_999), prevent: 'p'.repeat(9_999), otherRisks: 'o'.repeat(9_999) };
    const timeline = Array.from({ length: 44 }, (_, index) => ({ id: `manual-${String(index)}`, at: '2026-11-20T14:00:00.000Z', who: 'Ops', kind: 'manual' as const, issueKey: null, text: 't'.repeat(1_999), hidden: false, note: 'n'.repeat(1_999) }));
    const padded = await withAction('Alert on gateway errors', { answers: big, timeline, summary: 's'.repeat(5_000) });
    // Fill it to 3 bytes short of Forge's limit: a real key (`"SHOP-200"` for `null`) no longer fits.
    // The save adds one version-history line (part "review"), after a comma.
    const historyLine = JSON.stringify({ at: padded.updatedAt, by: DEVON, event: 'saved', revision: padded.revision + 1, sections: ['summary', 'customerImpact'] }).length + 1;
    const fill = 5_000 + KVS_VALUE_MAX_BYTES - 3 - storedBytes(padded) - historyLine;
    const summary = 's'.repeat(Math.min(fill, 10_000));
    const customerImpact = 'c'.repeat(fill - summary.length);
    const full = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: padded.id, edit: editOf(padded, { summary, customerImpact }), baseRevision: padded.revision }, PAGE)).postmortem;
    expect(storedBytes(full)).toBe(KVS_VALUE_MAX_BYTES - 3);

    const result = await file(full, randomUUID());

    expect(failure(result)).toMatchObject({ code: 'TOO_LARGE' });
    expect(failure(result).message).toMatch(/Nothing was filed: shorten the longest texts first\.$/);
    expect(await issuesTitled('Alert on gateway errors')).toEqual([]);
    expect((await stored(full.id)).revision).toBe(full.revision);
  });

  it('keeps a save someone made while the action was being filed, and notes the key on top of it', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: 'latency', latencyMs: 400, times: 1 });

    const [filed, saved] = await Promise.all([
      file(postmortem, randomUUID()),
      new Promise((resolve) => setTimeout(resolve, 150)).then(() => invokeResolver(sandbox, SAM, 'postmortem/save', { id: postmortem.id, edit: editOf(postmortem, { summary: 'Sam’s summary' }), baseRevision: postmortem.revision }, PAGE)),
    ]);

    expect(saved.ok).toBe(true);
    const after = await stored(postmortem.id);
    expect(after.summary).toBe('Sam’s summary');
    expect(after.actions[0]?.issueKey).toBe(dataOf(filed).postmortem.actions[0]?.issueKey);
    expect(await issuesTitled('Alert on gateway errors')).toHaveLength(1);
  });
});

describe('filing an action: faults in Jira', () => {
  beforeEach(async () => {
    await open();
  });

  it('a 429 on the create files nothing, says so, and the same click files it when tried again', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: '429', retryAfterSeconds: 1, times: 1 });
    const click = randomUUID();

    const busy = await file(postmortem, click);

    expect(failure(busy)).toEqual({ code: 'RATE_LIMITED', message: 'Jira is busy and asked Firebreak to slow down. Nothing was filed; try again in 5 seconds.' });
    expect(await issuesTitled('Alert on gateway errors')).toEqual([]);
    const retried = dataOf(await file(postmortem, click));
    const issueKey = retried.postmortem.actions[0]?.issueKey ?? '';
    expect(await issuesTitled('Alert on gateway errors')).toEqual([issueKey]);
    expect(await linksBetween(issueKey)).toBe(1);
  });

  it('a 500 before Jira filed anything: Jira did not confirm, and the retry a minute later looks, finds nothing and files it once', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: '500', times: 1 });
    const click = randomUUID();

    expect(failure(await file(postmortem, click))).toEqual({
      code: 'JIRA_UNAVAILABLE',
      message: 'Jira did not confirm whether it filed the issue (HTTP 500). Try again in a minute: Firebreak looks for the issue first, so this action is never filed twice.',
    });
    expect(failure(await file(postmortem, click))).toMatchObject({ code: 'IN_PROGRESS', message: expect.stringContaining('Jira has not confirmed it yet. Try again in a minute') as unknown });
    aMinuteLater();
    const filed = dataOf(await file(postmortem, click));

    const issueKey = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(await issuesTitled('Alert on gateway errors')).toEqual([issueKey]);
    expect(await linksBetween(issueKey)).toBe(1);
  });

  it('Jira’s answer lost after it filed (a 500 after the write): the retry a minute later finds that issue by its origin and files no other', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: '500', afterWrite: true, times: 1 });
    const click = randomUUID();

    expect(failure(await file(postmortem, click))).toMatchObject({ code: 'JIRA_UNAVAILABLE' });
    const [orphan] = await issuesTitled('Alert on gateway errors');
    expect(orphan).toMatch(/^SHOP-\d+$/);
    aMinuteLater();
    // Someone else finishes it: the claim has settled, so any caller may.
    const filed = dataOf(await file(postmortem, randomUUID(), SAM));

    expect(filed.postmortem.actions[0]?.issueKey).toBe(orphan);
    expect(await issuesTitled('Alert on gateway errors')).toEqual([orphan]);
    expect(await linksBetween(orphan ?? '')).toBe(1);
    const origin = await jiraCall<{ value: { plan: string } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${orphan ?? ''}/properties/firebreak-origin`);
    expect(origin.body.value).toMatchObject({ postmortemId: postmortem.id, actionId: 'a1' });
  });

  it.each([
    ['a 429 (waited out)', { kind: '429' as const, retryAfterSeconds: 1 }],
    ['a 500 before the link was made', { kind: '500' as const }],
    ['a 500 after the link was made', { kind: '500' as const, afterWrite: true }],
  ])('%s on the link ends with one issue, linked once, and nothing to report', async (_name, fault) => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_LINK, times: 1, ...fault });

    const filed = dataOf(await file(postmortem, randomUUID()));

    const issueKey = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(filed.notice).toBeNull();
    expect(await issuesTitled('Alert on gateway errors')).toEqual([issueKey]);
    expect(await linksBetween(issueKey)).toBe(1);
  });
});

describe('filing an action: faults in storage', () => {
  beforeEach(async () => {
    await open();
  });

  /** Fails KVS transactions that write the named entity (exactly that name). */
  const failTransactionsOn = (entityName: string, kind: 'rate-limit' | 'error') => {
    sandbox.kvs.injectFault({ kind, times: 1, when: ({ path, body }) => path === '/api/v1/transaction' && JSON.stringify(body).includes(`"entityName":"${entityName}"`) });
  };

  it.each(['rate-limit', 'error'] as const)('a storage %s while noting the key: told the issue exists, and clicking again finishes without filing another', async (kind) => {
    const postmortem = await withAction('Alert on gateway errors');
    failTransactionsOn('postmortem', kind);
    const click = randomUUID();

    const interrupted = failure(await file(postmortem, click));

    const [issueKey] = await issuesTitled('Alert on gateway errors');
    expect(interrupted).toEqual({
      code: 'IN_PROGRESS',
      message: `Filed ${issueKey ?? ''} and linked it to ${incident}, but Firebreak could not note it in the postmortem yet. Choose Create Jira issue again to finish: it notes ${issueKey ?? ''} rather than filing another.`,
    });
    expect((await stored(postmortem.id)).actions[0]?.issueKey).toBeNull();
    const finished = dataOf(await file(postmortem, click));
    expect(finished.postmortem.actions[0]?.issueKey).toBe(issueKey);
    expect(await issuesTitled('Alert on gateway errors')).toEqual([issueKey]);
    expect(await linksBetween(issueKey ?? '')).toBe(1);
  });

  it('a storage error right after the create: told the issue exists, and the retry a minute later finds it', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    failTransactionsOn('postmortem-action-plan', 'error');
    const click = randomUUID();

    const interrupted = failure(await file(postmortem, click));

    const [issueKey] = await issuesTitled('Alert on gateway errors');
    expect(interrupted).toEqual({
      code: 'IN_PROGRESS',
      message: `Filed ${issueKey ?? ''} in Jira, but Firebreak could not note it yet. Try again in a minute to finish: Firebreak finds ${issueKey ?? ''} rather than filing another.`,
    });
    aMinuteLater();
    const finished = dataOf(await file(postmortem, click));
    expect(finished.postmortem.actions[0]?.issueKey).toBe(issueKey);
    expect(await issuesTitled('Alert on gateway errors')).toEqual([issueKey]);
  });

  it('a storage error on the claim files nothing and says nothing was changed', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.kvs.injectFault({ kind: 'error', times: 1, when: ({ path, body }) => path === '/api/v1/entity/set' && JSON.stringify(body).includes('"entityName":"postmortem-action-plan"') });
    const click = randomUUID();

    expect(failure(await file(postmortem, click))).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('Nothing was changed') as unknown });
    expect(await issuesTitled('Alert on gateway errors')).toEqual([]);
    expect(dataOf(await file(postmortem, click)).postmortem.actions[0]?.issueKey).toMatch(/^SHOP-\d+$/);
    expect(await issuesTitled('Alert on gateway errors')).toHaveLength(1);
  });
});

describe('filing an action: Forge stops the call mid-create', () => {
  beforeEach(async () => {
    await open({ functionTimeoutMs: 2_000 });
  });

  it('a retry with the same click waits for the claim to settle, then finds the issue the stopped call created', async () => {
    const postmortem = await withAction('Alert on gateway errors');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: ISSUE_CREATE, kind: 'latency', latencyMs: 2_500, times: 1 });
    const click = randomUUID();

    await expect(file(postmortem, click)).rejects.toThrow(/timed out/);
    await expect.poll(() => issuesTitled('Alert on gateway errors'), { timeout: 5_000 }).toHaveLength(1);
    const [created] = await issuesTitled('Alert on gateway errors');

    expect(failure(await file(postmortem, click))).toMatchObject({ code: 'IN_PROGRESS', message: expect.stringMatching(/^Firebreak has been filing this action for you since \d\d:\d\d UTC and Jira has not confirmed it yet\. Try again in a minute/) as unknown });
    aMinuteLater();
    const finished = dataOf(await file(postmortem, click));

    expect(finished.postmortem.actions[0]?.issueKey).toBe(created);
    expect(await issuesTitled('Alert on gateway errors')).toEqual([created]);
    expect(await linksBetween(created ?? '')).toBe(1);
  });
});
