import { ok } from '../../contract/result';
import { followStakeholderUpdates, postStakeholderUpdate, readStakeholderUpdates } from '../use-cases/stakeholder-updates';
import { defineResolver } from './resolver-definition';

/** Stakeholder updates (issue 16, part: updates): the panel's section, as the viewer. */
export const getStakeholderUpdates = defineResolver({
  key: 'updates/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await readStakeholderUpdates(issueKey, handler));
  },
});

/**
 * Post update / Nothing new. Browse projects as the user, then the project's triagers and the
 * issue's assignee only (checked in the use case); Jira checks the sender may see the issue again.
 */
export const postStakeholderUpdateResolver = defineResolver({
  key: 'updates/post',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, actionId: 'forged-action-1', nothingNew: true, text: '' }),
  async handle(payload, handler) {
    return ok(await postStakeholderUpdate(payload, handler));
  },
});

/** Follow updates / Unfollow: the viewer's own place on the issue's watcher list. */
export const followStakeholderUpdatesResolver = defineResolver({
  key: 'updates/follow',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, follow: true }),
  async handle({ issueKey, follow }, handler) {
    return ok(await followStakeholderUpdates(issueKey, follow, handler));
  },
});
