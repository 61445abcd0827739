/**
 * Journey (issue 15, actions): the owner of a postmortem and of its actions is found by name among
 * people Jira lets be assigned the work, never the app; an action is deferred with a reason (and not
 * filed), then accepted and filed as a Jira issue with its due date, a link back to the postmortem
 * and an email to its owner; once the issue is done, the page asks how it was verified and shows it.
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const MIA = people.mia;

const world = useBrowserSandbox('demo');

const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

describe('postmortem actions', () => {
  it('owners by name, triage, filing with a due date and a link back, and proof that the action worked', async () => {
    const incident = await createIssue(world.sandbox, RITA, { project: 'SHOP', type: 'Incident', summary: 'Search returns nothing for accented words' });
    const started = dataOf(await invokeResolver(world.sandbox, DEVON, 'postmortem/start', { issueKey: incident }));
    const devon = await Person.at(world, DEVON, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Postmortem: Search returns nothing for accented words/ }).click();

    // The postmortem's owner, by name; the app is never offered.
    await pm.getByLabel('Find postmortem owner by name', { exact: true }).fill(world.sandbox.scenario.site.appName.slice(0, 4));
    await pm.getByRole('button', { name: 'Find', exact: true }).first().click();
    await pm.getByText(/Nobody who may be assigned this work has a name starting with/).waitFor();
    await pm.getByLabel('Find postmortem owner by name', { exact: true }).fill('Sam');
    await pm.getByRole('button', { name: 'Find', exact: true }).first().click();
    await pm.getByRole('button', { name: 'Choose Sam Okafor' }).click();

    // A proposed action, owned by Mia, deferred: a reason is asked for, and it is not filed.
    await pm.getByRole('button', { name: 'Add action' }).click();
    const action = pm.getByRole('group', { name: 'Action 1', exact: true });
    await action.getByLabel('Title', { exact: true }).fill('Fold accents in the search index');
    await action.getByLabel('Find owner by name', { exact: true }).fill('Mia');
    await action.getByRole('button', { name: 'Find', exact: true }).click();
    await action.getByRole('button', { name: 'Choose Mia Chen' }).click();
    await action.getByText('Mia Chen', { exact: true }).waitFor();
    await action.getByLabel('Due date', { exact: true }).fill('2026-12-18');
    await action.getByText('Accept it to file it as a Jira issue.').waitFor();
    await action.getByLabel('Decision', { exact: true }).selectOption('deferred');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await action.getByText(/Say why this action is deferred/).first().waitFor();
    await action.getByLabel('Reason', { exact: true }).fill('Wait for the search upgrade in January.');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await action.getByText(/^Deferred by Devon Park, .+: Wait for the search upgrade in January\.$/).waitFor();
    await action.getByText('Not filed: deferred.').waitFor();
    await pm.getByText('Sam Okafor', { exact: true }).first().waitFor();

    // Accepted, then filed: Jira's due date, the link back, the owner told.
    await action.getByLabel('Decision', { exact: true }).selectOption('accepted');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await action.getByText(/^Accepted by Devon Park/).waitFor();
    await action.getByRole('button', { name: 'Create Jira issue' }).click();
    await action.getByRole('link', { name: /^SHOP-\d+$/ }).waitFor();
    const issueKey = (await action.getByRole('link', { name: /^SHOP-\d+$/ }).textContent()) ?? '';
    const filed = await jiraCall<{ fields: { duedate: string | null } }>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=duedate`);
    expect(filed.body.fields.duedate).toBe('2026-12-18');
    const links = await jiraCall<Array<{ object: { url: string } }>>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/remotelink`);
    expect(links.body.map((link) => link.object.url)).toEqual([expect.stringMatching(new RegExp(`/jira/software/projects/SHOP/apps/.+/postmortem/${started.postmortem.id}$`))]);
    expect(world.sandbox.jira.notificationsSent().filter((mail) => mail.issueKey === issueKey).map((mail) => mail.to)).toEqual([[MIA]]);

    // Done in Jira: the page asks how it was verified, and shows who said so.
    await jiraCall(world.sandbox, DEVON, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: '91' } });
    await devon.page.reload();
    const reopened = page(devon).getByRole('group', { name: 'Action 1', exact: true });
    await reopened.getByText(`${issueKey} is done. How did you check that it worked?`).waitFor();
    await reopened.getByLabel('How it was verified', { exact: true }).fill('Searched “café” and “Zürich” on production; both return results.');
    await reopened.getByLabel('Link to the proof (optional)', { exact: true }).fill('https://grafana.example/d/search');
    await reopened.getByRole('button', { name: 'Record verification' }).click();
    await reopened.getByText(/^Verified by Devon Park, .+: Searched “café” and “Zürich” on production; both return results\./).waitFor();

    const stored = dataOf(await invokeResolver(world.sandbox, DEVON, 'postmortem/get', { id: started.postmortem.id }));
    expect(stored.postmortem.owner).toBe(people.sam);
    expect(stored.markdown).toContain('Owner: Sam Okafor');
    await devon.finish();
  });
});
