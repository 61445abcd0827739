/**
 * Reminders for overdue postmortem actions (issue 15, actions part), through the existing scheduled
 * trigger: the owner and the postmortem's owner get one email per action and due date, however many
 * runs overlap; a new due date is a new reminder; a forged origin property on another issue reminds
 * nobody; done, deferred and verified actions are left alone.
 */
import { randomUUID } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const MIA = people.mia;
const PAGE = 'postmortems';

type Stored = PostmortemView['postmortem'];

let sandbox: Sandbox;

const editOf = (postmortem: Stored, changes: Partial<Stored> = {}) => contentOf({ ...postmortem, ...changes });
const ACCEPTED = { decision: 'accepted' as const, reason: '', by: DEVON, at: '2026-01-01T00:00:00.000Z' };

/** A postmortem owned by Devon with Mia's accepted action, filed, due long ago. */
const filedOverdueAction = async (): Promise<{ postmortem: Stored; issueKey: string }> => {
  const incident = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Stock counts drift after returns' });
  const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  const action = { id: 'a1', title: 'Reconcile stock after every return', owner: MIA, dueDate: '2026-01-15', question: 'prevent' as const, issueKey: null, triage: ACCEPTED };
  const saved = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: started.id, edit: editOf(started, { actions: [action] }), baseRevision: started.revision }, PAGE)).postmortem;
  const filed = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/createActionIssue', { id: saved.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.revision }, PAGE)).postmortem;
  return { postmortem: filed, issueKey: filed.actions[0]?.issueKey ?? '' };
};

const run = async (): Promise<void> => {
  expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
};
const reminders = () => sandbox.jira.notificationsSent().filter((mail) => mail.subject.includes('is overdue'));

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

describe('overdue action reminders', () => {
  it('emails the owner and the postmortem’s owner once per due date, however many runs overlap', async () => {
    const { postmortem, issueKey } = await filedOverdueAction();

    await Promise.all([run(), run()]);
    await run();

    expect(reminders()).toEqual([expect.objectContaining({ issueKey, to: [MIA, DEVON] })]);

    // A new due date (still past) is a new reminder.
    const moved = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: editOf(postmortem, { actions: postmortem.actions.map((action) => ({ ...action, dueDate: '2026-02-01' })) }), baseRevision: postmortem.revision }, PAGE));
    expect(moved.postmortem.actions[0]?.dueDate).toBe('2026-02-01');
    await run();
    expect(reminders()).toHaveLength(2);
  });

  it('reminds nobody about an issue that only claims to be a filed action, nor about a finished one', async () => {
    const { postmortem, issueKey } = await filedOverdueAction();
    const forged = await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Task', summary: 'Looks like an action' });
    await jiraCall(sandbox, RITA, 'PUT', `/rest/api/3/issue/${forged}/properties/firebreak-origin`, { postmortemId: postmortem.id, actionId: 'a1', plan: randomUUID() });

    await run();
    expect(reminders().map((mail) => mail.issueKey)).toEqual([issueKey]);

    // Finished in Jira, and given a later date that is past too: no reminder for a done action.
    await jiraCall(sandbox, DEVON, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '91' } });
    const current = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/get', { id: postmortem.id }, PAGE)).postmortem;
    await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: postmortem.id, edit: editOf(current, { actions: current.actions.map((action) => ({ ...action, dueDate: '2026-03-01' })) }), baseRevision: current.revision }, PAGE);
    await run();
    expect(reminders()).toHaveLength(1);
  });
});
