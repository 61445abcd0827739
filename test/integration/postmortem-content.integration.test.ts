/**
 * Content that cannot lie: what a postmortem says about people, Jira issues and the incident's
 * history is either checked against Jira or kept from the client. Owners are people Jira lets be
 * assigned issues in the project; an action's issue key is one Firebreak filed; timeline entries
 * built from Jira's history say what Jira recorded; and a refusal never names a postmortem or an
 * issue the caller cannot see.
 */
import { contentOf } from '../../src/domain/postmortem/review';
import { randomUUID } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const SAM = people.sam;
const MIA = people.mia; // edits SHOP, cannot see OPS
const OTTO = people.otto; // cannot see SHOP
const PAGE = 'postmortems';

let sandbox: Sandbox;
let incident: string;

type Stored = PostmortemView['postmortem'];

/** The parts a person writes (the review's fields, like status and revision, are the server's). */
const editOf = (postmortem: Stored, changes: Partial<Stored> = {}) => contentOf({ ...postmortem, ...changes });

const save = (as: string, postmortem: Stored, changes: Partial<Stored>) => invokeResolver(sandbox, as, 'postmortem/save', { id: postmortem.id, edit: editOf(postmortem, changes), baseRevision: postmortem.revision }, PAGE);

const action = (id: string, changes: Partial<Stored['actions'][number]> = {}): Stored['actions'][number] => ({ id, title: `Action ${id}`, owner: null, dueDate: null, question: 'detect', issueKey: null, triage: { decision: 'accepted', reason: '', by: DEVON, at: '2026-01-01T00:00:00.000Z' }, ...changes });

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
  await jiraCall(sandbox, DEVON, 'POST', `/rest/api/3/issue/${incident}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rolled back the gateway.' }] }] } });
});

describe('owners', () => {
  it('refuses an owner who may not be assigned issues in the project, naming the field, and stores nothing', async () => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const before = worldFingerprint(sandbox);

    const stranger = await save(DEVON, started, { owner: 'acc-nobody-at-all' });
    const outsider = await save(DEVON, started, { actions: [action('a1', { owner: OTTO })] });
    const app = await save(DEVON, started, { remediation: [{ id: 'r1', title: 'Refund', owner: sandbox.scenario.site.appAccountId, priority: 'high', done: false }] });

    expect(stranger).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'edit.owner' } });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'edit.actions.0.owner' } });
    expect(app).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'edit.remediation.0.owner' } });
    if (!outsider.ok) expect(outsider.error.message).toBe('Choose someone else as the owner of action 1: owners must be people who can be assigned issues in SHOP, and this account cannot be.');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('takes people who may be assigned there, asking Jira once per newly named owner', async () => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    sandbox.jira.metering.reset();

    const saved = dataOf(await save(DEVON, started, { owner: SAM, actions: [action('a1', { owner: MIA }), action('a2', { owner: MIA })], remediation: [{ id: 'r1', title: 'Refund', owner: DEVON, priority: 'high', done: false }] }));

    expect(saved.postmortem).toMatchObject({ owner: SAM, actions: [{ owner: MIA }, { owner: MIA }], remediation: [{ owner: DEVON }] });
    // Sam and Mia are new; Devon owned the postmortem already.
    expect(sandbox.jira.metering.snapshot().byOperation['GET /rest/api/3/user/assignable/search']?.calls).toBe(2);
  });

  it('offers people as owners, never Firebreak itself, though its comments are on the timeline', async () => {
    await jiraCall(sandbox, 'app', 'POST', `/rest/api/3/issue/${incident}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Critical: all hands.' }] }] } });

    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE));

    expect(started.names[sandbox.scenario.site.appAccountId]).toBe(sandbox.scenario.site.appName);
    expect(started.ownerCandidates).not.toContain(sandbox.scenario.site.appAccountId);
    expect(started.ownerCandidates).toEqual(expect.arrayContaining([RITA, DEVON]));
  });
});

describe('action issue keys', () => {
  it('keeps the key Firebreak filed: a client can clear it (unlink) but never set or change it', async () => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const forged = dataOf(await save(DEVON, started, { actions: [action('a1', { issueKey: 'SHOP-1' })] })).postmortem;
    expect(forged.actions[0]?.issueKey).toBeNull();

    const filed = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/createActionIssue', { id: started.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: forged.revision }, PAGE)).postmortem;
    const issueKey = filed.actions[0]?.issueKey ?? '';
    expect(issueKey).toMatch(/^SHOP-\d+$/);

    const swapped = dataOf(await save(DEVON, filed, { actions: [action('a1', { issueKey: 'SHOP-2' })] })).postmortem;
    expect(swapped.actions[0]?.issueKey).toBe(issueKey);
    const unlinked = dataOf(await save(DEVON, swapped, { actions: [action('a1', { issueKey: null })] })).postmortem;
    expect(unlinked.actions[0]?.issueKey).toBeNull();
  });
});

describe('timeline', () => {
  it('keeps entries built from Jira as Jira recorded them; takes only notes, hidden marks and manual entries from the client', async () => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const built = started.timeline.find((entry) => entry.kind === 'comment');
    if (built === undefined) throw new Error('The timeline has no comment entry.');
    // Another built entry for a manual one to pose as (created and commented may share a millisecond, so not simply the first).
    const other = started.timeline.find((entry) => entry.id !== built.id);
    if (other === undefined) throw new Error('The timeline has one entry only.');
    const manual = { id: 'manual-1', at: '2026-11-20T14:05:00.000Z', who: 'Ops', kind: 'manual' as const, issueKey: null, text: 'Paged the gateway team', hidden: false, note: '' };

    const saved = dataOf(
      await save(DEVON, started, {
        timeline: [
          ...started.timeline.map((entry) => (entry.id === built.id ? { ...entry, text: 'Comment: We never rolled anything back.', who: SAM, at: '2020-01-01T00:00:00.000Z', note: 'Rollback took 4 minutes.', hidden: true } : entry)),
          { id: `${incident}:comment:99999`, at: '2026-11-20T14:00:00.000Z', who: SAM, kind: 'comment', issueKey: incident, text: 'Comment: Sam approved the risky deploy.', hidden: false, note: '' },
          { ...manual, id: other.id, text: 'A manual entry posing as the creation' },
          manual,
        ],
      }),
    ).postmortem;

    expect(saved.timeline.find((entry) => entry.id === built.id)).toEqual({ ...built, note: 'Rollback took 4 minutes.', hidden: true });
    expect(saved.timeline.map((entry) => entry.text)).not.toContain('Comment: Sam approved the risky deploy.');
    expect(saved.timeline.map((entry) => entry.text)).not.toContain('A manual entry posing as the creation');
    expect(saved.timeline.find((entry) => entry.id === other.id)).toEqual(other);
    expect(saved.timeline).toContainEqual(manual);
    expect(saved.timeline).toHaveLength(started.timeline.length + 1);
  });
});

describe('refusals name only what the caller can see', () => {
  /** Devon's postmortem on OPS-28 covers a SHOP incident too; Mia edits SHOP but cannot see OPS. */
  const postmortemAcrossProjects = async (): Promise<Stored> => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: 'OPS-28' }, PAGE)).postmortem;
    expect(started.id).toMatch(/^pm-ops-28-/);
    // A SHOP incident on OPS's postmortem: confirmed, as the page asks before such a link.
    return dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: started.id, edit: editOf(started, { incidents: ['OPS-28', incident] }), baseRevision: started.revision, confirmedLinks: [incident] }, PAGE)).postmortem;
  };

  it('postmortem/start on an incident whose postmortem covers what the caller cannot see refuses without naming that postmortem', async () => {
    const shared = await postmortemAcrossProjects();
    const before = worldFingerprint(sandbox);

    const started = await invokeResolver(sandbox, MIA, 'postmortem/start', { issueKey: incident }, PAGE);

    expectRefusal(started, 'FORBIDDEN');
    expect(JSON.stringify(started)).not.toMatch(new RegExp(`${shared.id}|pm-ops|OPS-28`, 'i'));
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(await invokeResolver(sandbox, MIA, 'postmortem/forIssue', { issueKey: incident })).toMatchObject({ ok: true, data: { postmortem: null } });
  });

  it('a second filing of an action whose issue the caller cannot see is refused without naming the issue', async () => {
    const configured = await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, PAGE);
    if (!configured.ok) throw new Error(configured.error.message);
    const { config } = configured.data;
    expect((await invokeResolver(sandbox, SAM, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config: { ...config, improvements: { projectKey: 'OPS', issueType: 'Task', label: 'improvement' } } }, PAGE)).ok).toBe(true);
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const saved = dataOf(await save(DEVON, started, { actions: [action('a1', { owner: DEVON })] })).postmortem;
    const filed = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/createActionIssue', { id: saved.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.revision }, PAGE));
    const opsKey = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(opsKey).toMatch(/^OPS-\d+$/);
    const before = worldFingerprint(sandbox);

    const again = await invokeResolver(sandbox, MIA, 'postmortem/createActionIssue', { id: saved.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: filed.postmortem.revision }, PAGE);

    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'This action already has its Jira issue, in a project you cannot see, so it is not filed again. Ask someone who can see it, or a Jira admin.' } });
    expect(JSON.stringify(again)).not.toContain(opsKey);
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});
