/**
 * fixes part (issue 15): a published postmortem is locked, and filing one of its actions as a Jira
 * issue changes it (the action gets its issue key). The page disables the button; the resolver
 * refuses it too, with a sentence that says what to do, and files nothing in Jira.
 */
import { randomUUID } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

const PAGE = 'postmortems';
const TITLE = 'Alert on gift card failures per provider';
let sandbox: Sandbox;

const filedWithTitle = async (): Promise<number> => {
  const found = await jiraCall<{ issues: unknown[] }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql: `summary ~ "gift card failures"`, fields: ['summary'] });
  return found.body.issues.length;
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

describe('filing an action of a published postmortem', () => {
  it('is refused with what to do, and files nothing; after a new revision it files', async () => {
    const incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Gift cards rejected at checkout' });
    const started = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const edit = {
      ...contentOf(started),
      summary: 'Gift cards were rejected for an hour.',
      answers: { detect: 'Alert.', react: 'Page.', quickFix: 'Rollback.', prevent: 'Validate.', otherRisks: 'Vouchers.' },
      actions: [{ id: 'a1', title: TITLE, owner: people.mia, dueDate: '2026-12-04', question: 'detect' as const, issueKey: null, triage: { decision: 'accepted' as const, reason: '', by: people.devon, at: '2026-11-20T10:00:00.000Z' } }],
    };
    const written = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: started.id, edit, baseRevision: started.revision }, PAGE));
    const approved = await reviewAndApprove(sandbox, people.devon, people.mia, written);
    const published = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/publish', { id: started.id, baseRevision: approved.postmortem.revision, confirmBlameHints: false }, PAGE)).postmortem;

    const refused = await invokeResolver(sandbox, people.devon, 'postmortem/createActionIssue', { id: started.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: published.revision }, PAGE);

    expectRefusal(refused, 'INVALID_INPUT', 'This postmortem is published, so it is locked. Open a new revision to file its actions as Jira issues.');
    expect(await filedWithTitle()).toBe(0);

    const revision = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/openRevision', { id: started.id, baseRevision: published.revision }, PAGE)).postmortem;
    const filed = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/createActionIssue', { id: started.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: revision.revision }, PAGE));
    expect(filed.postmortem.actions[0]?.issueKey).toMatch(/^[A-Z]+-\d+$/);
    expect(await filedWithTitle()).toBe(1);
  });
});
