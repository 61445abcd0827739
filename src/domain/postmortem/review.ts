import { REVIEW_LIMITS, SECTION_LABELS, postmortemEditSchema, type HistoryEntry, type Postmortem, type PostmortemEdit, type SectionKey } from '../../contract/postmortem.contract';
import { publishBlockers } from './postmortem';

/**
 * The review of a postmortem: the owner names reviewers, a reviewer approves the text as it stands,
 * the owner publishes once at least one named reviewer approved, and a published postmortem is
 * locked. Changing it opens a new revision (a draft) that goes through review again, while the
 * published version stays readable until the revision is published in its place. Pure: who acts
 * and when come in as `Actor`; every refusal is a sentence that says what to do instead.
 *
 * Roles: the owner (`postmortem.owner`); a reviewer (named in `reviewers`); an editor (Edit issues
 * on every incident, decided by the caller: `mayEdit`). Owners do not approve their own postmortem:
 * review means a second pair of eyes.
 */
export interface Actor {
  readonly accountId: string;
  readonly now: string;
  /** Edit issues on every incident of the postmortem. */
  readonly mayEdit: boolean;
}

export type ReviewResult = { readonly ok: true; readonly postmortem: Postmortem } | { readonly ok: false; readonly reason: string };

const refused = (reason: string): ReviewResult => ({ ok: false, reason });

export const LOCKED_SENTENCE = 'This postmortem is published, so it is locked. Open a new revision to change it: the published version stays as it is until the revision is reviewed and published.';

export const reviewersOf = (postmortem: Postmortem): readonly string[] => postmortem.reviewers ?? [];
export const approvalsOf = (postmortem: Postmortem): NonNullable<Postmortem['approvals']> => postmortem.approvals ?? [];
export const historyOf = (postmortem: Postmortem): readonly HistoryEntry[] => postmortem.history ?? [];

/** Approvals that count: by someone still named as a reviewer, who is not the owner. */
export const countingApprovals = (postmortem: Postmortem): NonNullable<Postmortem['approvals']> =>
  approvalsOf(postmortem).filter((approval) => reviewersOf(postmortem).includes(approval.accountId) && approval.accountId !== postmortem.owner);

/** Whether a version of this postmortem has been published (it may have a newer revision open). */
export const hasPublishedVersion = (postmortem: Postmortem): boolean => postmortem.status === 'published' || postmortem.publishedVersion !== undefined;

/** fixes part (issue 15): a revision is open (draft or in review) while the published version stays readable. */
export const isRevisionOfPublished = (postmortem: Postmortem): boolean => postmortem.status !== 'published' && postmortem.publishedVersion !== undefined;

/** The next stored version: one revision on, stamped with who and when, with `entry` appended to the history. */
const next = (postmortem: Postmortem, actor: Actor, changes: Partial<Postmortem>, entry: Omit<HistoryEntry, 'at' | 'by' | 'revision'> | null): Postmortem => {
  const revision = postmortem.revision + 1;
  const history = entry === null ? historyOf(postmortem) : [...historyOf(postmortem), { ...entry, at: actor.now, by: actor.accountId, revision }];
  return { ...postmortem, ...changes, revision, updatedAt: actor.now, updatedBy: actor.accountId, history: history.slice(-REVIEW_LIMITS.history) };
};

/** The owner names the reviewers (not themself); approvals of people no longer named are dropped. */
export const setReviewers = (postmortem: Postmortem, reviewers: readonly string[], actor: Actor): ReviewResult => {
  if (actor.accountId !== postmortem.owner) return refused('Only the owner of this postmortem can choose its reviewers.');
  if (postmortem.status === 'published') return refused(LOCKED_SENTENCE);
  const chosen = [...new Set(reviewers)];
  if (chosen.includes(postmortem.owner)) return refused('The owner cannot review their own postmortem: choose someone else.');
  if (chosen.length > REVIEW_LIMITS.reviewers) return refused(`Choose at most ${String(REVIEW_LIMITS.reviewers)} reviewers.`);
  const before = reviewersOf(postmortem);
  if (chosen.length === before.length && chosen.every((id) => before.includes(id))) return { ok: true, postmortem };
  return {
    ok: true,
    postmortem: next(postmortem, actor, { reviewers: chosen, approvals: approvalsOf(postmortem).filter((approval) => chosen.includes(approval.accountId)) }, { event: 'reviewers', people: chosen }),
  };
};

/** draft → in review: someone who may edit it, once at least one reviewer is named. */
export const sendToReview = (postmortem: Postmortem, actor: Actor): ReviewResult => {
  if (postmortem.status === 'in-review') return { ok: true, postmortem };
  if (postmortem.status === 'published') return refused(LOCKED_SENTENCE);
  if (!actor.mayEdit) return refused('You need Edit issues on every incident of this postmortem to send it to review.');
  if (reviewersOf(postmortem).length === 0) return refused('Choose at least one reviewer first: the owner picks them under Review.');
  return { ok: true, postmortem: next(postmortem, actor, { status: 'in-review' }, { event: 'status', to: 'in-review' }) };
};

/** in review → draft, to keep writing: the approvals so far are of a text that is about to change, so they go. */
export const backToDraft = (postmortem: Postmortem, actor: Actor): ReviewResult => {
  if (postmortem.status === 'draft') return { ok: true, postmortem };
  if (postmortem.status === 'published') return refused('A published postmortem cannot go back to draft. Open a new revision to change it.');
  if (!actor.mayEdit) return refused('You need Edit issues on every incident of this postmortem to take it back to draft.');
  return { ok: true, postmortem: next(postmortem, actor, { status: 'draft', approvals: [] }, { event: 'status', to: 'draft' }) };
};

/** A named reviewer approves the text as it stands now; approving twice changes nothing. */
export const approve = (postmortem: Postmortem, actor: Actor): ReviewResult => {
  if (actor.accountId === postmortem.owner) return refused('The owner cannot approve their own postmortem: a named reviewer approves it.');
  if (!reviewersOf(postmortem).includes(actor.accountId)) return refused('Only the reviewers the owner named can approve this postmortem. Ask the owner to add you as a reviewer.');
  if (postmortem.status === 'published') return refused('This version is already published; there is nothing to approve.');
  if (postmortem.status !== 'in-review') return refused('This postmortem is a draft: it can be approved once it is sent to review.');
  if (approvalsOf(postmortem).some((approval) => approval.accountId === actor.accountId)) return { ok: true, postmortem };
  return { ok: true, postmortem: next(postmortem, actor, { approvals: [...approvalsOf(postmortem), { accountId: actor.accountId, at: actor.now }] }, { event: 'approved' }) };
};

/**
 * What stands between the caller and publishing, beyond the text's blockers (`publishBlockers`):
 * who they are, the status and the approvals. Empty when the caller may publish.
 */
export const publishMissing = (postmortem: Postmortem, accountId: string): string[] => {
  const missing: string[] = [];
  if (postmortem.status === 'published') return ['This version is published.'];
  if (accountId !== postmortem.owner) missing.push('Only the owner can publish this postmortem.');
  if (reviewersOf(postmortem).length === 0) missing.push('The owner chooses at least one reviewer.');
  if (postmortem.status === 'draft') missing.push('Send it to review.');
  else if (countingApprovals(postmortem).length === 0) missing.push('At least one named reviewer approves it.');
  return missing;
};

export interface PublishOptions {
  /** Blame hints still in the text, each as a sentence; publishing with any needs the owner's confirmation. */
  readonly blameHints: readonly string[];
  readonly confirmBlameHints: boolean;
}

export type PublishResult = ReviewResult | { readonly ok: false; readonly reason: string; readonly blameHints: readonly string[] };

/**
 * The owner publishes an approved postmortem whose blockers are cleared. Blame phrasing left in the
 * text never blocks silently: the owner is asked once, with the hints listed, and may publish anyway.
 * Publishing a revision replaces the published version.
 */
export const publish = (postmortem: Postmortem, actor: Actor, options: PublishOptions): PublishResult => {
  if (postmortem.status === 'published') return refused('This version is already published.');
  const missing = [...publishMissing(postmortem, actor.accountId), ...publishBlockers(postmortem)];
  if (missing.length > 0) return refused(`Not yet: ${missing.join(' ')}`);
  if (options.blameHints.length > 0 && !options.confirmBlameHints) {
    return { ok: false, reason: 'The text still has blame phrasing. Check the hints and publish anyway only if they are fine as written.', blameHints: options.blameHints };
  }
  const { publishedVersion: _replaced, ...rest } = postmortem;
  return { ok: true, postmortem: next(rest, actor, { status: 'published', publishedAt: actor.now, publishedBy: actor.accountId }, { event: 'published' }) };
};

/**
 * Opens a new revision of a published postmortem: the document becomes a draft (no approvals) and
 * the caller keeps the published version as it was, beside it (`publishedVersion` says where it is).
 */
export const openRevision = (postmortem: Postmortem, actor: Actor): ReviewResult => {
  if (postmortem.status !== 'published') return refused('This postmortem is not published: change it directly.');
  if (!actor.mayEdit) return refused('You need Edit issues on every incident of this postmortem to open a new revision.');
  const published = { revision: postmortem.revision, publishedAt: postmortem.publishedAt ?? actor.now, publishedBy: postmortem.publishedBy ?? null };
  return { ok: true, postmortem: next(postmortem, actor, { status: 'draft', approvals: [], publishedVersion: published }, { event: 'revision-opened' }) };
};

/** The parts of a postmortem a person writes (`postmortemEditSchema`'s), whatever else it carries. */
export const contentOf = (postmortem: Postmortem): PostmortemEdit =>
  Object.fromEntries(Object.keys(postmortemEditSchema.shape).map((key) => [key, postmortem[key as keyof PostmortemEdit]])) as PostmortemEdit;

/** The sections that differ between two versions, in page order. */
export const changedSections = (before: Postmortem, after: Postmortem): SectionKey[] =>
  (Object.keys(SECTION_LABELS) as SectionKey[]).filter((key) => JSON.stringify(sectionValue(before[key])) !== JSON.stringify(sectionValue(after[key])));

/**
 * format part (issue 15): a section a postmortem stored before it existed (absent) reads as empty,
 * so the first save from the page, which sends it empty, does not list it as changed.
 */
const sectionValue = (value: unknown): unknown => (value === undefined || value === '' || (Array.isArray(value) && value.length === 0) ? null : value);

/**
 * A person's save, after `applyEdit`: refused while published; otherwise one history line naming
 * the sections that changed. Changing the text under review withdraws its approvals (they were of
 * the old text), recorded too. Handing the postmortem to a new owner is the owner's call alone, and
 * the new owner stops being a reviewer of it.
 */
export const recordSave = (stored: Postmortem, edited: PostmortemEdit, actor: Actor): ReviewResult => {
  if (stored.status === 'published') return refused(LOCKED_SENTENCE);
  if (!actor.mayEdit) return refused('You need Edit issues on every incident of this postmortem to change it.');
  if (edited.owner !== stored.owner && actor.accountId !== stored.owner) return refused('Only the owner can hand this postmortem to someone else.');
  const candidate = { ...stored, ...edited };
  const sections = changedSections(stored, candidate);
  if (sections.length === 0) return { ok: true, postmortem: next(stored, actor, edited, null) };
  const reviewers = reviewersOf(stored).filter((id) => id !== edited.owner);
  const withdrawn = approvalsOf(stored).length > 0;
  const saved = next(stored, actor, { ...edited, reviewers, approvals: [] }, { event: 'saved', sections });
  if (!withdrawn) return { ok: true, postmortem: saved };
  const history = [...historyOf(saved), { at: actor.now, by: actor.accountId, event: 'approvals-cleared' as const, revision: saved.revision }].slice(-REVIEW_LIMITS.history);
  return { ok: true, postmortem: { ...saved, history } };
};

/**
 * Whether every change since `baseRevision` was an approval: an approval based on an older revision
 * then still approves the same text, so two reviewers approving at once both count.
 */
export const onlyApprovalsSince = (postmortem: Postmortem, baseRevision: number): boolean => {
  if (postmortem.revision <= baseRevision) return true;
  const since = historyOf(postmortem).filter((entry) => entry.revision > baseRevision);
  return since.length === postmortem.revision - baseRevision && since.every((entry) => entry.event === 'approved');
};

/** Whether the latest change was `event` by this person (a repeated click of the same action). */
export const lastChangeWas = (postmortem: Postmortem, event: HistoryEntry['event'], accountId: string): boolean => {
  const last = historyOf(postmortem).at(-1);
  return last !== undefined && last.event === event && last.by === accountId && last.revision === postmortem.revision;
};
