/**
 * The review of a postmortem through its resolvers (part "review"): the owner names reviewers, a
 * named reviewer approves, only the owner publishes and only after an approval (confirming any blame
 * phrasing left), a published postmortem is locked, and a new revision goes through review again
 * while the published version stays readable. Every role's refusal changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { LOCKED_SENTENCE, contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { createIssue } from '../support/jira-helpers';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

/** Devon owns; Mia reviews; Sam may edit SHOP; Rita reported the incident; Otto cannot see SHOP. */
const { devon: OWNER, mia: REVIEWER, sam: EDITOR, rita: READER, otto: OUTSIDER } = people;
const PAGE = 'postmortems';

type Stored = PostmortemView['postmortem'];

let sandbox: Sandbox;
let incident: string;

const complete = (postmortem: Stored, summary = 'Checkout failed for 40 minutes after a gateway config change.'): ReturnType<typeof contentOf> => ({
  ...contentOf(postmortem),
  summary,
  answers: { detect: 'Alert on 502 rate.', react: 'Page the gateway owner.', quickFix: 'One-click rollback.', prevent: 'Validate config in CI.', otherRisks: 'The search proxy shares the setup.' },
});

const save = (as: string, postmortem: Stored, summary: string) => invokeResolver(sandbox, as, 'postmortem/save', { id: postmortem.id, edit: complete(postmortem, summary), baseRevision: postmortem.revision }, PAGE);
const get = async (as: string, id: string) => dataOf(await invokeResolver(sandbox, as, 'postmortem/get', { id }, PAGE));
const publish = (as: string, postmortem: Stored, confirmBlameHints = false) => invokeResolver(sandbox, as, 'postmortem/publish', { id: postmortem.id, baseRevision: postmortem.revision, confirmBlameHints }, PAGE);
const messageOf = (result: { ok: boolean; error?: { message: string } }): string | undefined => result.error?.message;

/** A complete postmortem, started and written by the owner. */
const written = async (summary?: string): Promise<PostmortemView> => {
  const started = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/start', { issueKey: incident }, PAGE));
  return dataOf(await save(OWNER, started.postmortem, summary ?? 'Checkout failed for 40 minutes after a gateway config change.'));
};

const published = async (): Promise<PostmortemView> => {
  const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, await written());
  return dataOf(await publish(OWNER, approved.postmortem));
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, READER, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('review and publish', () => {
  it('goes owner names a reviewer → review → approval → owner publishes, recording who and when, shown by name', async () => {
    const view = await written();
    const named = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [REVIEWER], baseRevision: view.postmortem.revision }, PAGE));
    expect(named.review.reviewers).toEqual([{ accountId: REVIEWER, approvedAt: null }]);
    expect(named.names[REVIEWER]).toBe('Mia Chen');
    expect(named.review.publishMissing).toEqual(['Send it to review.']);

    const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, named);
    expect(approved.review).toMatchObject({ isReviewer: true, isOwner: false, reviewers: [{ accountId: REVIEWER, approvedAt: expect.any(String) as string }] });
    expect((await get(OWNER, view.postmortem.id)).review.publishMissing).toEqual([]);

    const done = dataOf(await publish(OWNER, approved.postmortem));
    expect(done.postmortem).toMatchObject({ status: 'published', publishedBy: OWNER });
    expect(done.canEdit).toBe(false);
    expect(done.review.history.map((entry) => [entry.event, entry.by])).toEqual([
      ['saved', OWNER],
      ['reviewers', OWNER],
      ['status', OWNER],
      ['approved', REVIEWER],
      ['published', OWNER],
    ]);
    expect(done.review.history[0]?.sections).toEqual(['summary', 'answers']);
  });

  it('asks the owner to confirm blame phrasing, listing each hint and where it is; the reviewer sees the hints too', async () => {
    const view = await written('It was Rita’s fault: she should have checked the config.');
    const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, view);
    expect(approved.blameHints.length).toBeGreaterThan(0);
    const before = worldFingerprint(sandbox);

    const unconfirmed = await publish(OWNER, approved.postmortem);

    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'confirmBlameHints' } });
    expect(messageOf(unconfirmed)).toContain('in Summary');
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(dataOf(await publish(OWNER, approved.postmortem, true)).postmortem.status).toBe('published');
  });
});

describe('each role, and forged payloads, change nothing', () => {
  it.each([
    ['an editor choosing reviewers', async (view: PostmortemView) => invokeResolver(sandbox, EDITOR, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [REVIEWER], baseRevision: view.postmortem.revision }, PAGE), 'Only the owner of this postmortem can choose its reviewers.'],
    ['the owner naming themself', async (view: PostmortemView) => invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [OWNER], baseRevision: view.postmortem.revision }, PAGE), 'The owner cannot review their own postmortem: choose someone else.'],
    ['a reviewer who cannot see the incident', async (view: PostmortemView) => invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [OUTSIDER], baseRevision: view.postmortem.revision }, PAGE), 'Choose someone else as reviewer 1: reviewers must be people who can see %INCIDENT%, and this account cannot.'],
    ['an editor approving without being named', async (view: PostmortemView) => invokeResolver(sandbox, EDITOR, 'postmortem/approve', { id: view.postmortem.id, baseRevision: view.postmortem.revision }, PAGE), 'Only the reviewers the owner named can approve this postmortem. Ask the owner to add you as a reviewer.'],
    ['the owner approving their own', async (view: PostmortemView) => invokeResolver(sandbox, OWNER, 'postmortem/approve', { id: view.postmortem.id, baseRevision: view.postmortem.revision }, PAGE), 'The owner cannot approve their own postmortem: a named reviewer approves it.'],
    ['publishing without an approval', async (view: PostmortemView) => publish(OWNER, view.postmortem, true), 'Not yet: At least one named reviewer approves it.'],
    ['a reviewer publishing', async (view: PostmortemView) => publish(REVIEWER, view.postmortem, true), 'Not yet: Only the owner can publish this postmortem. At least one named reviewer approves it.'],
    ['an editor handing the postmortem to themself', async (view: PostmortemView) => invokeResolver(sandbox, EDITOR, 'postmortem/save', { id: view.postmortem.id, edit: { ...contentOf(view.postmortem), owner: EDITOR }, baseRevision: view.postmortem.revision }, PAGE), 'Only the owner can hand this postmortem to someone else.'],
  ])('refuses %s', async (_, act, sentence) => {
    const view = (await reviewAndApprove(sandbox, OWNER, REVIEWER, await written()).then(async (approved) => {
      // Back to "in review, not approved" for the approval and publish cases: a text change withdraws the approval.
      return dataOf(await save(OWNER, approved.postmortem, 'Checkout failed for 41 minutes after a gateway config change.'));
    }));
    const before = worldFingerprint(sandbox);

    const result = await act(view);

    expect(result.ok).toBe(false);
    expect(messageOf(result)).toBe(sentence.replace('%INCIDENT%', incident));
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it.each([
    ['a status in a save', { status: 'published' }],
    ['approvals in a save', { approvals: [{ accountId: REVIEWER, at: '2026-11-20T10:00:00.000Z' }] }],
    ['reviewers in a save', { reviewers: [REVIEWER] }],
    ['a history in a save', { history: [] }],
  ])('refuses %s at the contract, storing nothing', async (_, forged) => {
    const view = await written();
    const before = worldFingerprint(sandbox);

    const result = await invokeAs(sandbox, EDITOR, 'postmortem/save', { id: view.postmortem.id, edit: { ...contentOf(view.postmortem), ...forged }, baseRevision: view.postmortem.revision }, PAGE);

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('refuses someone who cannot see the postmortem anything at all', async () => {
    const view = await written();
    const before = worldFingerprint(sandbox);
    for (const result of [
      await invokeResolver(sandbox, OUTSIDER, 'postmortem/approve', { id: view.postmortem.id, baseRevision: view.postmortem.revision }, PAGE),
      await invokeResolver(sandbox, OUTSIDER, 'postmortem/searchReviewers', { id: view.postmortem.id, query: 'mia' }, PAGE),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('offers as reviewers people who can see the postmortem, by name, never its owner', async () => {
    const view = await written();
    const found = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/searchReviewers', { id: view.postmortem.id, query: 'mi' }, PAGE));
    expect(found.people).toEqual([{ accountId: REVIEWER, displayName: 'Mia Chen' }]);
    expect(dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/searchReviewers', { id: view.postmortem.id, query: 'devon' }, PAGE)).people).toEqual([]);
    expect(dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/searchReviewers', { id: view.postmortem.id, query: 'otto' }, PAGE)).people).toEqual([]);
  });
});

describe('published is locked; a revision goes through review again', () => {
  it('refuses every change to a published postmortem, from anyone, and never moves it back to draft', async () => {
    const done = await published();
    const before = worldFingerprint(sandbox);

    const attempts = [
      await save(OWNER, done.postmortem, 'Login failed because Rita pushed a bad config.'),
      await invokeResolver(sandbox, EDITOR, 'postmortem/save', { id: done.postmortem.id, edit: { ...contentOf(done.postmortem), actions: [{ id: 'a9', title: 'New action', owner: null, dueDate: null, question: 'detect', issueKey: null }] }, baseRevision: done.postmortem.revision }, PAGE),
      await invokeResolver(sandbox, OWNER, 'postmortem/refreshTimeline', { id: done.postmortem.id, baseRevision: done.postmortem.revision }, PAGE),
      await invokeResolver(sandbox, OWNER, 'postmortem/setStatus', { id: done.postmortem.id, to: 'draft', baseRevision: done.postmortem.revision }, PAGE),
      await invokeResolver(sandbox, OWNER, 'postmortem/setStatus', { id: done.postmortem.id, to: 'in-review', baseRevision: done.postmortem.revision }, PAGE),
      await invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: done.postmortem.id, reviewers: [EDITOR], baseRevision: done.postmortem.revision }, PAGE),
    ];

    expect(attempts.map(messageOf)).toEqual([
      LOCKED_SENTENCE,
      LOCKED_SENTENCE,
      LOCKED_SENTENCE,
      'A published postmortem cannot go back to draft. Open a new revision to change it.',
      LOCKED_SENTENCE,
      LOCKED_SENTENCE,
    ]);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('opens a revision: the published version stays readable as it was, and publishing the reviewed revision replaces it', async () => {
    const done = await published();
    const id = done.postmortem.id;
    expect(await invokeResolver(sandbox, OUTSIDER, 'postmortem/openRevision', { id, baseRevision: done.postmortem.revision }, PAGE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const revision = dataOf(await invokeResolver(sandbox, EDITOR, 'postmortem/openRevision', { id, baseRevision: done.postmortem.revision }, PAGE));
    expect(revision.postmortem).toMatchObject({ status: 'draft', approvals: [] });
    expect(revision.canEdit).toBe(true);
    const changed = dataOf(await save(EDITOR, revision.postmortem, 'Checkout failed for 40 minutes: the gateway config had no validation.'));

    const asReader = await get(READER, id);
    expect(asReader.postmortem.summary).toBe('Checkout failed for 40 minutes: the gateway config had no validation.');
    expect(asReader.review.published).toMatchObject({ publishedBy: OWNER, postmortem: { status: 'published', summary: 'Checkout failed for 40 minutes after a gateway config change.' } });
    expect(messageOf(await publish(OWNER, changed.postmortem, true))).toBe('Not yet: Send it to review.');

    const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, changed, EDITOR);
    const republished = dataOf(await publish(OWNER, approved.postmortem));

    expect(republished.postmortem).toMatchObject({ status: 'published', summary: 'Checkout failed for 40 minutes: the gateway config had no validation.' });
    expect(republished.review.published).toBeNull();
    expect(republished.review.history.map((entry) => [entry.event, entry.by]).slice(-5)).toEqual([
      ['revision-opened', EDITOR],
      ['saved', EDITOR],
      ['status', EDITOR],
      ['approved', REVIEWER],
      ['published', OWNER],
    ]);
  });
});

describe('at once', () => {
  it('a double click publishes once, and both clicks answer the published postmortem', async () => {
    const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, await written());

    const clicks = await Promise.all([publish(OWNER, approved.postmortem), publish(OWNER, approved.postmortem)]);

    expect(clicks.map((click) => click.ok)).toEqual([true, true]);
    const after = await get(OWNER, approved.postmortem.id);
    expect(after.postmortem.revision).toBe(approved.postmortem.revision + 1);
    expect(after.review.history.filter((entry) => entry.event === 'published')).toHaveLength(1);
  });

  it('two reviewers approving at once both count', async () => {
    const view = await written();
    const named = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [REVIEWER, EDITOR], baseRevision: view.postmortem.revision }, PAGE));
    const review = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/setStatus', { id: view.postmortem.id, to: 'in-review', baseRevision: named.postmortem.revision }, PAGE));

    const results = await Promise.all([REVIEWER, EDITOR].map((who) => invokeResolver(sandbox, who, 'postmortem/approve', { id: view.postmortem.id, baseRevision: review.postmortem.revision }, PAGE)));

    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect((await get(OWNER, view.postmortem.id)).review.reviewers.map((reviewer) => reviewer.approvedAt !== null)).toEqual([true, true]);
  });

  it('an approval of a text changed meanwhile is refused, not counted', async () => {
    const view = await written();
    const named = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/setReviewers', { id: view.postmortem.id, reviewers: [REVIEWER], baseRevision: view.postmortem.revision }, PAGE));
    const review = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/setStatus', { id: view.postmortem.id, to: 'in-review', baseRevision: named.postmortem.revision }, PAGE));
    dataOf(await save(EDITOR, review.postmortem, 'A different story.'));

    const late = await invokeResolver(sandbox, REVIEWER, 'postmortem/approve', { id: view.postmortem.id, baseRevision: review.postmortem.revision }, PAGE);

    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The postmortem changed since you read it. Read the new version, then approve it.' } });
    expect((await get(OWNER, view.postmortem.id)).review.reviewers).toEqual([{ accountId: REVIEWER, approvedAt: null }]);
  });
});

describe('the demo', () => {
  it('has the double-charge postmortem in review, approved by Mia, for Devon to publish', async () => {
    const story = await playDemoStory(sandbox);
    const id = story.postmortems.find((row) => row.incident === 'SHOP-121')?.id ?? '';
    const view = await get(OWNER, id);
    expect(view.review).toMatchObject({ isOwner: true, reviewers: [{ accountId: REVIEWER, approvedAt: expect.any(String) as string }], publishMissing: [] });
    expect(view.names[REVIEWER]).toBe('Mia Chen');
  });
});
