import { describe, expect, it } from 'vitest';

import { postmortemSchema, type Postmortem } from '../../contract/postmortem.contract';
import { type Actor, LOCKED_SENTENCE, approve, backToDraft, contentOf, onlyApprovalsSince, openRevision, publish, publishMissing, recordSave, sendToReview, setReviewers } from './review';
import { generatePostmortem } from './testing/postmortem.factory';

const now = '2026-11-22T09:00:00.000Z';
const owner: Actor = { accountId: 'acc-devon-oncall', now, mayEdit: true };
const reviewer: Actor = { accountId: 'acc-mia-dev', now, mayEdit: true };
const editor: Actor = { accountId: 'acc-sam-scrum', now, mayEdit: true };
const reader: Actor = { accountId: 'acc-rita-support', now, mayEdit: false };
const noHints = { blameHints: [], confirmBlameHints: false };

const ok = (result: { ok: true; postmortem: Postmortem } | { ok: false; reason: string }): Postmortem => {
  if (!result.ok) throw new Error(result.reason);
  return result.postmortem;
};
const reason = (result: { ok: boolean; reason?: string }): string | undefined => (result.ok ? undefined : result.reason);

/** In review, Mia named, nothing approved yet. */
const inReview = (overrides: Partial<Postmortem> = {}): Postmortem => generatePostmortem({ reviewers: ['acc-mia-dev'], ...overrides });
const approved = (): Postmortem => ok(approve(inReview(), reviewer));

describe('reviewers', () => {
  it('are chosen by the owner only, never including the owner, at most ten', () => {
    expect(ok(setReviewers(generatePostmortem({ status: 'draft' }), ['acc-mia-dev', 'acc-mia-dev'], owner))).toMatchObject({ reviewers: ['acc-mia-dev'], revision: 4, history: [{ event: 'reviewers', by: 'acc-devon-oncall', people: ['acc-mia-dev'], revision: 4 }] });
    expect(reason(setReviewers(generatePostmortem(), ['acc-mia-dev'], editor))).toBe('Only the owner of this postmortem can choose its reviewers.');
    expect(reason(setReviewers(generatePostmortem(), ['acc-devon-oncall'], owner))).toBe('The owner cannot review their own postmortem: choose someone else.');
    expect(reason(setReviewers(generatePostmortem(), Array.from({ length: 11 }, (_, i) => `acc-${String(i)}`), owner))).toBe('Choose at most 10 reviewers.');
  });

  it('dropping a reviewer drops their approval; the same list again changes nothing', () => {
    const withApproval = approved();
    expect(ok(setReviewers(withApproval, ['acc-sam-scrum'], owner)).approvals).toEqual([]);
    expect(setReviewers(withApproval, ['acc-mia-dev'], owner)).toEqual({ ok: true, postmortem: withApproval });
  });
});

describe('status moves', () => {
  it('sends a draft to review only once a reviewer is named, and only by someone who may edit', () => {
    expect(reason(sendToReview(generatePostmortem({ status: 'draft' }), editor))).toBe('Choose at least one reviewer first: the owner picks them under Review.');
    expect(reason(sendToReview(inReview({ status: 'draft' }), reader))).toMatch(/Edit issues/);
    expect(ok(sendToReview(inReview({ status: 'draft' }), editor))).toMatchObject({ status: 'in-review', history: [{ event: 'status', to: 'in-review' }] });
  });

  it('takes a review back to draft, withdrawing its approvals; never a published one', () => {
    expect(ok(backToDraft(approved(), editor))).toMatchObject({ status: 'draft', approvals: [] });
    expect(reason(backToDraft(generatePostmortem({ status: 'published' }), owner))).toBe('A published postmortem cannot go back to draft. Open a new revision to change it.');
    expect(reason(sendToReview(generatePostmortem({ status: 'published' }), owner))).toBe(LOCKED_SENTENCE);
  });
});

describe('approving', () => {
  it('records who approved and when', () => {
    expect(approved()).toMatchObject({ approvals: [{ accountId: 'acc-mia-dev', at: now }], history: [{ event: 'approved', by: 'acc-mia-dev', at: now }] });
  });

  it.each([
    ['the owner', owner, inReview({ reviewers: ['acc-mia-dev', 'acc-devon-oncall'] }), 'The owner cannot approve their own postmortem: a named reviewer approves it.'],
    ['someone not named', editor, inReview(), 'Only the reviewers the owner named can approve this postmortem. Ask the owner to add you as a reviewer.'],
    ['a reviewer of a draft', reviewer, inReview({ status: 'draft' }), 'This postmortem is a draft: it can be approved once it is sent to review.'],
    ['a reviewer of a published version', reviewer, inReview({ status: 'published' }), 'This version is already published; there is nothing to approve.'],
  ])('refuses %s', (_, actor, postmortem, sentence) => {
    expect(approve(postmortem, actor)).toEqual({ ok: false, reason: sentence });
  });

  it('approving twice changes nothing', () => {
    const once = approved();
    expect(approve(once, reviewer)).toEqual({ ok: true, postmortem: once });
  });
});

describe('publishing', () => {
  it('the owner publishes once a named reviewer approved: who and when recorded', () => {
    expect(ok(publish(approved(), owner, noHints))).toMatchObject({ status: 'published', publishedAt: now, publishedBy: 'acc-devon-oncall', history: [{ event: 'approved' }, { event: 'published', by: 'acc-devon-oncall' }] });
  });

  it.each([
    ['by anyone but the owner', approved(), reviewer, 'Not yet: Only the owner can publish this postmortem.'],
    ['without an approval', inReview(), owner, 'Not yet: At least one named reviewer approves it.'],
    ['with no reviewer named', generatePostmortem(), owner, 'Not yet: The owner chooses at least one reviewer. At least one named reviewer approves it.'],
    ['from draft', inReview({ status: 'draft' }), owner, 'Not yet: Send it to review.'],
    ['with an approval by someone no longer a reviewer', inReview({ approvals: [{ accountId: 'acc-sam-scrum', at: now }] }), owner, 'Not yet: At least one named reviewer approves it.'],
    ['with a forged approval by the owner', inReview({ reviewers: ['acc-mia-dev', 'acc-devon-oncall'], approvals: [{ accountId: 'acc-devon-oncall', at: now }] }), owner, 'Not yet: At least one named reviewer approves it.'],
    ['twice', { ...approved(), status: 'published' as const }, owner, 'This version is already published.'],
  ])('refuses publishing %s', (_, postmortem, actor, sentence) => {
    expect(publish(postmortem, actor, noHints)).toEqual({ ok: false, reason: sentence });
  });

  it('refuses while the text has blockers, naming them', () => {
    expect(reason(publish({ ...approved(), summary: '' }, owner, noHints))).toBe('Not yet: Write the summary.');
  });

  it('asks the owner to confirm blame hints, listing them, and publishes once confirmed', () => {
    const hints = ['“Rita” in Summary: describe what happened'];
    expect(publish(approved(), owner, { blameHints: hints, confirmBlameHints: false })).toMatchObject({ ok: false, blameHints: hints });
    expect(publish(approved(), owner, { blameHints: hints, confirmBlameHints: true }).ok).toBe(true);
  });
});

describe('locked and revised', () => {
  const published = (): Postmortem => ok(publish(approved(), owner, noHints));

  it('refuses every save of a published postmortem', () => {
    const locked = published();
    expect(reason(recordSave(locked, { ...contentOf(locked), summary: 'Login failed because Rita pushed a bad config.' }, owner))).toBe(LOCKED_SENTENCE);
    expect(reason(recordSave(locked, contentOf(locked), owner))).toBe(LOCKED_SENTENCE);
  });

  it('opens a draft revision that keeps where the published version is; publishing it again needs a new approval', () => {
    const locked = published();
    const revision = ok(openRevision(locked, editor));
    expect(revision).toMatchObject({ status: 'draft', approvals: [], publishedVersion: { revision: locked.revision, publishedAt: now, publishedBy: 'acc-devon-oncall' } });
    expect(reason(openRevision(revision, editor))).toBe('This postmortem is not published: change it directly.');
    expect(reason(openRevision(locked, reader))).toMatch(/Edit issues/);
    const again = ok(sendToReview(revision, editor));
    expect(publishMissing(again, owner.accountId)).toEqual(['At least one named reviewer approves it.']);
    const republished = ok(publish(ok(approve(again, reviewer)), owner, noHints));
    expect(republished.publishedVersion).toBeUndefined();
    expect(republished.history?.map((entry) => entry.event)).toEqual(['approved', 'published', 'revision-opened', 'status', 'approved', 'published']);
    expect(postmortemSchema.safeParse(republished).success).toBe(true);
  });
});

describe('postmortems stored before review existed', () => {
  it('read, are locked once published, and a revision of one does not invent who published it', () => {
    const legacy = generatePostmortem({ status: 'published', publishedAt: '2026-11-01T10:00:00.000Z' });
    expect(postmortemSchema.safeParse(legacy).success).toBe(true);
    expect(reason(recordSave(legacy, contentOf(legacy), owner))).toBe(LOCKED_SENTENCE);
    expect(ok(openRevision(legacy, editor)).publishedVersion).toEqual({ revision: 3, publishedAt: '2026-11-01T10:00:00.000Z', publishedBy: null });
  });
});

describe('saving', () => {
  it('records which sections changed, and withdraws approvals of a text that changed', () => {
    const saved = ok(recordSave(approved(), { ...contentOf(approved()), summary: 'New summary', answers: { detect: 'x' } }, editor));
    expect(saved.approvals).toEqual([]);
    expect(saved.history?.slice(-2)).toEqual([
      { at: now, by: 'acc-sam-scrum', event: 'saved', sections: ['summary', 'answers'], revision: saved.revision },
      { at: now, by: 'acc-sam-scrum', event: 'approvals-cleared', revision: saved.revision },
    ]);
  });

  it('lets only the owner hand the postmortem over; the new owner stops being a reviewer', () => {
    expect(reason(recordSave(inReview(), { ...contentOf(inReview()), owner: 'acc-sam-scrum' }, editor))).toBe('Only the owner can hand this postmortem to someone else.');
    expect(ok(recordSave(inReview(), { ...contentOf(inReview()), owner: 'acc-mia-dev' }, owner)).reviewers).toEqual([]);
  });

  it('a save that changes nothing adds no history line', () => {
    expect(ok(recordSave(inReview(), contentOf(inReview()), editor)).history).toEqual([]);
  });
});

describe('onlyApprovalsSince', () => {
  it('lets an approval land on top of other approvals, never on top of a text change', () => {
    const first = approved();
    expect(onlyApprovalsSince(first, 3)).toBe(true);
    expect(onlyApprovalsSince(ok(recordSave(first, { ...contentOf(first), summary: 'changed' }, editor)), 3)).toBe(false);
    expect(onlyApprovalsSince({ ...first, history: [] }, 3)).toBe(false);
  });
});
