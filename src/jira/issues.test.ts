import { describe, expect, it } from 'vitest';

import { isJiraError } from './jira-error';
import type { JiraResponse, JiraTransport } from './jira-transport';
import { createIssue } from './issues';
import { updatePriorityAndLabels } from './issue-snapshot';

const answer = (status: number, body: unknown): JiraResponse => ({ status, headers: { get: () => null }, text: () => Promise.resolve(JSON.stringify(body)) });
const offScreen = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Answers from a script and records each body sent. */
const scripted = (...answers: JiraResponse[]): JiraTransport & { readonly bodies: unknown[] } => {
  const bodies: unknown[] = [];
  return {
    bodies,
    request: (_path, init) => {
      bodies.push(JSON.parse(init?.body ?? 'null'));
      return Promise.resolve(answers[bodies.length - 1] ?? answer(500, {}));
    },
  };
};

const ISSUE = { projectKey: 'OPS', issueType: 'Task', summary: 'Alert per provider', optional: { labels: ['improvement'], duedate: '2026-12-04', assignee: 'acc-devon' } };

describe('createIssue', () => {
  it('sends the create again without the fields the create screen refused, and reports them', async () => {
    const jira = scripted(answer(400, { errorMessages: [], errors: { labels: offScreen('labels'), duedate: offScreen('duedate') } }), answer(201, { id: '10500', key: 'OPS-12' }));

    const created = await createIssue(jira, ISSUE);

    expect(created).toEqual({ id: '10500', key: 'OPS-12', refused: [{ field: 'labels', notOnScreen: true, message: offScreen('labels') }, { field: 'duedate', notOnScreen: true, message: offScreen('duedate') }] });
    expect(jira.bodies[1]).toEqual({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Alert per provider', assignee: { accountId: 'acc-devon' } } });
  });

  it('never sends a create again after a 5xx or 429: it may have created the issue', async () => {
    const jira = scripted(answer(503, { errorMessages: ['Try later'] }));
    await expect(createIssue(jira, ISSUE)).rejects.toSatisfy((error) => isJiraError(error) && error.status === 503);
    expect(jira.bodies).toHaveLength(1);
  });

  it('fails rather than drop what it cannot do without: a required field, or an error not about a field', async () => {
    const required = scripted(answer(400, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } }));
    await expect(createIssue(required, ISSUE)).rejects.toSatisfy(isJiraError);
    const general = scripted(answer(400, { errorMessages: ['Issue type is not valid for this project.'], errors: { labels: offScreen('labels') } }));
    await expect(createIssue(general, ISSUE)).rejects.toSatisfy(isJiraError);
    expect([required.bodies.length, general.bodies.length]).toEqual([1, 1]);
  });
});

describe('updatePriorityAndLabels', () => {
  it('applies the labels when the edit screen has no Priority, and says the priority was refused', async () => {
    const jira = scripted(answer(400, { errorMessages: [], errors: { priority: offScreen('priority') } }), answer(204, {}));

    const result = await updatePriorityAndLabels(jira, 'OPS-3', { priority: 'Highest', addLabels: ['severity-critical'], removeLabels: [] });

    expect(result).toEqual({ refused: [{ field: 'priority', message: offScreen('priority') }] });
    expect(jira.bodies[1]).toEqual({ fields: {}, update: { labels: [{ add: 'severity-critical' }] } });
  });

  it('sends nothing more when every field it wanted to set was refused', async () => {
    const jira = scripted(answer(400, { errorMessages: [], errors: { priority: offScreen('priority') } }));
    expect(await updatePriorityAndLabels(jira, 'OPS-3', { priority: 'Highest', addLabels: [], removeLabels: [] })).toEqual({ refused: [{ field: 'priority', message: offScreen('priority') }] });
    expect(jira.bodies).toHaveLength(1);
  });
});
