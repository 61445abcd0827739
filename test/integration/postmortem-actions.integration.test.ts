/**
 * Postmortem actions (issue 15, the "actions" part): owners are found by name among people Jira lets
 * be assigned there and shown by name; actions are triaged and only accepted ones filed; a filed
 * issue carries Jira's due date, a remote link back to the postmortem and an email to its owner,
 * once however often the click arrives; a finished action records how it was verified.
 */
import { randomUUID } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { delayStorage } from '../support/storage-latency';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const MIA = people.mia;
const SAM = people.sam;
const OTTO = people.otto;
const PAGE = 'postmortems';

type Stored = PostmortemView['postmortem'];
type Action = Stored['actions'][number];

let sandbox: Sandbox;
let incident: string;

const editOf = (postmortem: Stored, changes: Partial<Stored> = {}) => contentOf({ ...postmortem, ...changes });
const save = (as: string, postmortem: Stored, changes: Partial<Stored>) => invokeResolver(sandbox, as, 'postmortem/save', { id: postmortem.id, edit: editOf(postmortem, changes), baseRevision: postmortem.revision }, PAGE);
const decided = (decision: 'accepted' | 'deferred' | 'rejected', reason = '') => ({ decision, reason, by: 'acc-forged', at: '2000-01-01T00:00:00.000Z' });
const action = (changes: Partial<Action> = {}): Action => ({ id: 'a1', title: 'Alert on payment success rate per provider', owner: MIA, dueDate: '2026-12-04', question: 'detect', issueKey: null, ...changes });
const start = async (): Promise<Stored> => dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
const file = (postmortem: Stored, idempotencyKey = randomUUID(), as = DEVON) => invokeResolver(sandbox, as, 'postmortem/createActionIssue', { id: postmortem.id, actionId: 'a1', idempotencyKey, baseRevision: postmortem.revision }, PAGE);

interface FiledIssue {
  fields: { duedate: string | null; assignee: { accountId: string } | null };
}
const issue = async (key: string) => (await jiraCall<FiledIssue>(sandbox, 'app', 'GET', `/rest/api/3/issue/${key}?fields=duedate,assignee`)).body.fields;
const remoteLinks = async (key: string) => (await jiraCall<Array<{ globalId?: string; object: { url: string; title: string } }>>(sandbox, 'app', 'GET', `/rest/api/3/issue/${key}/remotelink`)).body;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 5, maxMs: 25 } });
  delayStorage(sandbox, { minMs: 2, maxMs: 10 });
  incident = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('owners', () => {
  it('finds owners by name among people who may be assigned issues there, never the app, and only for editors', async () => {
    const started = await start();

    const found = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/findOwners', { id: started.id, query: 'sam', for: 'postmortem' }, PAGE));
    const app = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/findOwners', { id: started.id, query: sandbox.scenario.site.appName.slice(0, 4), for: 'action' }, PAGE));

    expect(found.people).toEqual([{ accountId: SAM, displayName: 'Sam Okafor' }]);
    expect(app.people.map((person) => person.accountId)).not.toContain(sandbox.scenario.site.appAccountId);
    expectRefusal(await invokeResolver(sandbox, OTTO, 'postmortem/findOwners', { id: started.id, query: 'sam', for: 'postmortem' }, PAGE), 'FORBIDDEN');
  });

  it('shows every owner by name on the page and in the export, though they never touched the incident', async () => {
    const started = await start();

    const saved = dataOf(await save(DEVON, started, { owner: SAM, actions: [action({ owner: MIA })] }));

    expect(saved.names[SAM]).toBe('Sam Okafor');
    expect(saved.names[MIA]).toBe('Mia Chen');
    expect(saved.markdown).toContain('Owner: Sam Okafor');
    expect(saved.markdown).not.toContain(SAM);
  });

  it('refuses an action owner the improvements backlog cannot assign, naming that project', async () => {
    const configured = await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, PAGE);
    if (!configured.ok) throw new Error(configured.error.message);
    dataOf(await invokeResolver(sandbox, SAM, 'config/saveProject', { projectKey: 'SHOP', baseVersion: configured.data.version, config: { ...configured.data.config, improvements: { projectKey: 'OPS', issueType: 'Task', label: 'improvement' } } }, PAGE));
    const started = await start();

    // Mia may be assigned issues in SHOP but cannot even see OPS.
    const refused = await save(DEVON, started, { actions: [action({ owner: MIA })] });

    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'edit.actions.0.owner' } });
    if (!refused.ok) expect(refused.error.message).toContain('assigned issues in OPS');
  });
});

describe('triage', () => {
  it('records who decided and when (not what the client claims), and files only accepted actions', async () => {
    const started = await start();
    const proposed = dataOf(await save(DEVON, started, { actions: [action()] })).postmortem;

    expectRefusal(await file(proposed), 'INVALID_INPUT', /^Accept this action first/);
    expectRefusal(await save(DEVON, proposed, { actions: [action({ triage: decided('deferred') })] }), 'INVALID_INPUT', /Say why/);
    const deferred = dataOf(await save(DEVON, proposed, { actions: [action({ triage: decided('deferred', 'After the gateway migration') })] })).postmortem;
    expect(deferred.actions[0]?.triage).toEqual({ decision: 'deferred', reason: 'After the gateway migration', by: DEVON, at: deferred.updatedAt });
    expectRefusal(await file(deferred), 'INVALID_INPUT', /is deferred/);

    const accepted = dataOf(await save(MIA, deferred, { actions: [action({ triage: decided('accepted') })] })).postmortem;
    expect(accepted.actions[0]?.triage).toMatchObject({ decision: 'accepted', by: MIA });
    expect(dataOf(await file(accepted)).postmortem.actions[0]?.issueKey).toMatch(/^SHOP-\d+$/);
  });
});

describe('filing an accepted action', () => {
  const accepted = async (): Promise<Stored> => dataOf(await save(DEVON, await start(), { actions: [action({ triage: decided('accepted') })] })).postmortem;

  it('sets Jira’s due date, links back to the postmortem’s address and emails the owner', async () => {
    const postmortem = await accepted();

    const filed = dataOf(await file(postmortem));

    const key = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(await issue(key)).toEqual({ duedate: '2026-12-04', assignee: expect.objectContaining({ accountId: MIA }) as unknown });
    expect(await remoteLinks(key)).toEqual([
      expect.objectContaining({ globalId: `firebreak-postmortem=${postmortem.id}`, object: expect.objectContaining({ url: expect.stringMatching(new RegExp(`^https?://.+/jira/software/projects/SHOP/apps/.+/postmortem/${postmortem.id}$`)) as unknown }) as unknown }),
    ]);
    expect(sandbox.jira.notificationsSent()).toEqual([expect.objectContaining({ issueKey: key, from: DEVON, to: [MIA] })]);
    expect(filed.notice).toBeNull();
  });

  it('emails nobody when the owner files it themself', async () => {
    const postmortem = await accepted();
    dataOf(await file(postmortem, randomUUID(), MIA));
    expect(sandbox.jira.notificationsSent()).toEqual([]);
  });

  it('a double click and a retry of the same click file one issue with one link back and one email', async () => {
    const postmortem = await accepted();
    const click = randomUUID();

    const results = await Promise.all([file(postmortem, click), file(postmortem, click)]);
    const retried = await file(postmortem, click);

    const keys = new Set([...results, retried].flatMap((result) => (result.ok ? [result.data.postmortem.actions[0]?.issueKey] : [])));
    expect(keys.size).toBe(1);
    const [key] = [...keys];
    expect(await remoteLinks(key ?? '')).toHaveLength(1);
    expect(sandbox.jira.notificationsSent()).toHaveLength(1);
  });

  it('a 429 on the link back or the email mid-filing: the issue is filed once and the person is told what was not done', async () => {
    const postmortem = await accepted();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/remotelink$', kind: '429', retryAfterSeconds: 30, times: 1 });
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 30, times: 1 });

    const filed = dataOf(await file(postmortem));

    const key = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(key).toMatch(/^SHOP-\d+$/);
    expect(filed.notice).toContain(`Jira did not add the link back to this postmortem (HTTP 429`);
    expect(filed.notice).toContain('Jira did not email Mia Chen about it (HTTP 429');
    expect(await remoteLinks(key)).toEqual([]);
  });
});

describe('proof that an action worked', () => {
  it('asks once the issue is done, and records the sentence or link with who and when', async () => {
    const started = await start();
    const saved = dataOf(await save(DEVON, started, { actions: [action({ triage: decided('accepted') })] })).postmortem;
    const filed = dataOf(await file(saved)).postmortem;
    const key = filed.actions[0]?.issueKey ?? '';
    const verify = (base: Stored, how: string, link: string | null = null) => invokeResolver(sandbox, MIA, 'postmortem/verifyAction', { id: base.id, actionId: 'a1', how, link, baseRevision: base.revision }, PAGE);

    expectRefusal(await verify(filed, 'Alert fired in the drill'), 'INVALID_INPUT', new RegExp(`^${key} is not done`));
    await jiraCall(sandbox, DEVON, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: '91' } });
    expectRefusal(await verify(filed, '  '), 'INVALID_INPUT', /Say how you checked/);

    const verified = dataOf(await verify(filed, 'Alert fired in the game-day drill', 'https://grafana.example/d/payments'));

    expect(verified.postmortem.actions[0]?.verification).toEqual({ how: 'Alert fired in the game-day drill', link: 'https://grafana.example/d/payments', by: MIA, at: verified.postmortem.updatedAt });
    // A save from the client cannot forge or drop it.
    const resaved = dataOf(await save(DEVON, verified.postmortem, { actions: [{ ...action({ triage: decided('accepted') }), issueKey: key }] })).postmortem;
    expect(resaved.actions[0]?.verification).toEqual(verified.postmortem.actions[0]?.verification);
  });
});
