import { ok } from '../../contract/result';
import { assignToOnCall, readOnCallView } from '../use-cases/on-call';
import { defineResolver } from './resolver-definition';

/** Who is on call in the issue's project now, for the report panel. Read-only, as the viewer. */
export const getOnCall = defineResolver({
  key: 'oncall/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await readOnCallView(issueKey, handler));
  },
});

/**
 * Assigns the issue to whoever is on call now. Edit issues as for every triage action, then the
 * project's triagers only (checked in the use case); Jira itself enforces Assign issues on the write.
 */
export const assignOnCall = defineResolver({
  key: 'oncall/assign',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, expectedAccountId: 'acc-forged' }),
  async handle({ issueKey, expectedAccountId }, handler) {
    return ok(await assignToOnCall(issueKey, expectedAccountId, handler));
  },
});
