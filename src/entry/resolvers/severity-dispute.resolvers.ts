import { ok } from '../../contract/result';
import { openSeverityDispute, readDisputeView, ruleOnSeverityDispute } from '../use-cases/severity-dispute';
import { defineResolver } from './resolver-definition';

/**
 * disputes (issue 16 part 4). Each needs Browse projects on the issue (checked as the user); who may
 * dispute (the reporter, Add comments) and who may rule (the project's authority) is checked by the
 * use case, from the identity in the invocation context.
 */
export const getDispute = defineResolver({
  key: 'dispute/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await readDisputeView(handler, issueKey));
  },
});

export const openDispute = defineResolver({
  key: 'dispute/open',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, level: 'minor', reason: 'Forged dispute reason' }),
  async handle({ issueKey, level, reason }, handler) {
    return ok(await openSeverityDispute(handler, { issueKey, level, reason }));
  },
});

export const ruleDispute = defineResolver({
  key: 'dispute/rule',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, disputeAt: '2026-01-01T00:00:00.000Z', level: 'minor', reason: 'Forged ruling reason' }),
  async handle({ issueKey, disputeAt, level, reason, actionId }, handler) {
    return ok(await ruleOnSeverityDispute(handler, { issueKey, disputeAt, level, reason, actionId }));
  },
});
