import type { PostmortemView } from '../../src/contract/postmortem.contract';
import type { Sandbox } from '../../sandbox/sandbox';
import { dataOf, invokeResolver } from './invoke-resolver';

/**
 * The review steps a test needs to reach "in review, approved" (part "review"): the owner names
 * `reviewer`, sends it to review (as `sender`, the owner by default) and the reviewer approves.
 * Answers the approved view.
 */
export const reviewAndApprove = async (sandbox: Sandbox, owner: string, reviewer: string, view: PostmortemView, sender: string = owner): Promise<PostmortemView> => {
  const { id } = view.postmortem;
  const named = dataOf(await invokeResolver(sandbox, owner, 'postmortem/setReviewers', { id, reviewers: [reviewer], baseRevision: view.postmortem.revision }));
  const review = dataOf(await invokeResolver(sandbox, sender, 'postmortem/setStatus', { id, to: 'in-review', baseRevision: named.postmortem.revision }));
  return dataOf(await invokeResolver(sandbox, reviewer, 'postmortem/approve', { id, baseRevision: review.postmortem.revision }));
};

/** Names `reviewer` and sends the postmortem to review, without an approval. */
export const sendToReview = async (sandbox: Sandbox, owner: string, reviewer: string, view: PostmortemView): Promise<PostmortemView> => {
  const { id } = view.postmortem;
  const named = dataOf(await invokeResolver(sandbox, owner, 'postmortem/setReviewers', { id, reviewers: [reviewer], baseRevision: view.postmortem.revision }));
  return dataOf(await invokeResolver(sandbox, owner, 'postmortem/setStatus', { id, to: 'in-review', baseRevision: named.postmortem.revision }));
};
