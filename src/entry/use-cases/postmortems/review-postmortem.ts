import type { Postmortem, PostmortemView, ReviewerCandidates } from '../../../contract/postmortem.contract';
import { blameHintsFor } from '../../../domain/postmortem/postmortem';
import { type Actor, type ReviewResult, approve, lastChangeWas, onlyApprovalsSince, openRevision, publish, setReviewers } from '../../../domain/postmortem/review';
import { canSeeIssue, searchPeopleWhoCanSee } from '../../../jira/browse-users';
import type { PublishedVersionChange, StoredPostmortem } from '../../../storage/postmortem.store';
import { Refusal, refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { CONFLICT_MESSAGE, commitPostmortem, refuseIfStale } from './commit-postmortem';
import { loadPostmortem, mayAccess } from './postmortem-access';
import { buildView } from './postmortem-view';

/**
 * The review's use cases (part "review"): naming reviewers, approving, publishing, opening a new
 * revision. The rules are `domain/postmortem/review.ts`; here the caller's identity comes from the
 * invocation context only, their roles from Jira (Edit issues on every incident) and the stored
 * postmortem (owner, reviewers), and every change lands by compare-and-swap on the revision.
 */

const actorOf = async (handler: HandlerContext, postmortem: Postmortem): Promise<Actor> => ({
  accountId: handler.access.accountId,
  now: handler.now().toISOString(),
  mayEdit: await mayAccess(handler, postmortem, 'EDIT_ISSUES'),
});

const unwrap = (result: ReviewResult): Postmortem => (result.ok ? result.postmortem : refuse('INVALID_INPUT', result.reason));

/** The blame hints as sentences that say where each one is. */
export const blameHintSentences = (postmortem: Postmortem): string[] => blameHintsFor(postmortem).map((hint) => `“${hint.phrase}” in ${hint.where}: ${hint.suggestion}`);

/** A reviewer must be a person who can see every incident of the postmortem (so they can read it), asked as the user. */
const refuseUnseeingReviewers = async (handler: HandlerContext, postmortem: Postmortem, reviewers: readonly string[]): Promise<void> => {
  const known = new Set(postmortem.reviewers ?? []);
  for (const [index, accountId] of reviewers.entries()) {
    if (known.has(accountId)) continue;
    for (const issueKey of postmortem.incidents) {
      if (!(await canSeeIssue(handler.jira.asUser, issueKey, accountId))) {
        refuse('INVALID_INPUT', `Choose someone else as reviewer ${String(index + 1)}: reviewers must be people who can see ${issueKey}, and this account cannot.`, `reviewers.${String(index)}`);
      }
    }
  }
};

export const setPostmortemReviewers = async (handler: HandlerContext, id: string, reviewers: readonly string[], baseRevision: number): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
  refuseIfStale(stored, baseRevision);
  const next = unwrap(setReviewers(stored.postmortem, reviewers, await actorOf(handler, stored.postmortem)));
  if (next === stored.postmortem) return buildView(handler, next);
  await refuseUnseeingReviewers(handler, stored.postmortem, next.reviewers ?? []);
  await commitPostmortem(stored, next, baseRevision);
  return buildView(handler, next);
};

/**
 * A reviewer approves. Two reviewers approving the same revision at once both count: when the only
 * changes since the caller's revision are approvals, the approval lands on top of them (retried on a
 * storage conflict); any other change since means the text they approved is not the text stored.
 */
export const approvePostmortem = async (handler: HandlerContext, id: string, baseRevision: number): Promise<PostmortemView> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
    if (!onlyApprovalsSince(stored.postmortem, baseRevision)) refuse('CONFLICT', 'The postmortem changed since you read it. Read the new version, then approve it.');
    const next = unwrap(approve(stored.postmortem, await actorOf(handler, stored.postmortem)));
    if (next === stored.postmortem) return buildView(handler, next);
    if (await landed(stored, next)) return buildView(handler, next);
  }
  return refuse('CONFLICT', CONFLICT_MESSAGE);
};

/** Commits at the stored revision; false when someone else's change landed first (the caller retries). */
const landed = async (stored: StoredPostmortem, next: Postmortem, published?: PublishedVersionChange): Promise<boolean> => {
  try {
    await commitPostmortem(stored, next, stored.postmortem.revision, published);
    return true;
  } catch (error) {
    if (error instanceof Refusal && error.code === 'CONFLICT') return false;
    throw error;
  }
};

/** After losing a race: the winner was the same click sent twice (answer its result), or someone else's change (a conflict). */
const repeatedOrConflict = async (handler: HandlerContext, id: string, baseRevision: number, event: 'published' | 'revision-opened'): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
  if (stored.postmortem.revision === baseRevision + 1 && lastChangeWas(stored.postmortem, event, handler.access.accountId)) return buildView(handler, stored.postmortem);
  return refuse('CONFLICT', CONFLICT_MESSAGE);
};

/**
 * The owner publishes. A second click (or a retry) whose first landed finds the postmortem published
 * by them at the next revision and answers with it; a publish based on an older revision is refused.
 * Publishing a revision removes the kept published version in the same write.
 */
export const publishPostmortem = async (handler: HandlerContext, id: string, baseRevision: number, confirmBlameHints: boolean): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
  if (stored.postmortem.revision === baseRevision + 1 && lastChangeWas(stored.postmortem, 'published', handler.access.accountId)) return buildView(handler, stored.postmortem);
  refuseIfStale(stored, baseRevision);
  const result = publish(stored.postmortem, await actorOf(handler, stored.postmortem), { blameHints: blameHintSentences(stored.postmortem), confirmBlameHints });
  if (!result.ok) return refuse('INVALID_INPUT', 'blameHints' in result ? `${result.reason} ${result.blameHints.join(' ')}` : result.reason, 'blameHints' in result ? 'confirmBlameHints' : undefined);
  if (!(await landed(stored, result.postmortem, stored.postmortem.publishedVersion === undefined ? undefined : 'delete'))) return repeatedOrConflict(handler, id, baseRevision, 'published');
  return buildView(handler, result.postmortem);
};

/** Opens a new revision of a published postmortem, keeping the published version beside it in the same write. */
export const openPostmortemRevision = async (handler: HandlerContext, id: string, baseRevision: number): Promise<PostmortemView> => {
  const stored = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
  if (stored.postmortem.revision === baseRevision + 1 && lastChangeWas(stored.postmortem, 'revision-opened', handler.access.accountId)) return buildView(handler, stored.postmortem);
  refuseIfStale(stored, baseRevision);
  const next = unwrap(openRevision(stored.postmortem, await actorOf(handler, stored.postmortem)));
  if (!(await landed(stored, next, { set: stored.postmortem }))) return repeatedOrConflict(handler, id, baseRevision, 'revision-opened');
  return buildView(handler, next);
};

/** People who can see the postmortem's first incident whose name starts with `query`, without the owner, for the reviewer picker. */
export const searchReviewers = async (handler: HandlerContext, id: string, query: string): Promise<ReviewerCandidates> => {
  const { postmortem } = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
  const [first] = postmortem.incidents;
  if (first === undefined) return { people: [] };
  const people = await searchPeopleWhoCanSee(handler.jira.asUser, first, query, 10);
  return { people: people.filter((person) => person.accountId !== postmortem.owner) };
};
