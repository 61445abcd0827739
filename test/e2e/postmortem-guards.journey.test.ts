/**
 * Journey (issue 15, guards): the closing rule cannot be bypassed unseen. A Jira admin puts the
 * "published postmortem" rule on Close and the rule's own page names the other transitions into a
 * Done status that lack it ("Won't do: … → Closed"); covering one removes it from the list.
 * Linking an incident from another project first names who would lose access, and links only
 * once confirmed. A new incident on the same product flags the earlier postmortem "Recurred", and
 * its own report panel points to that postmortem. Real Chromium on the sandbox.
 */
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const ADMIN = people.ada;
const WORKFLOW = 'firebreak-support-workflow';
const POSTMORTEM_RULE = 'A published postmortem is required for levels whose policy requires one';

const world = useBrowserSandbox('demo');

describe('the closing rule’s other ways to Done', () => {
  it('shows the admin which transitions still close without a postmortem, and drops one once covered', async () => {
    const ada = await Person.at(world, ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}`);
    await ada.page.getByRole('link', { name: 'Close', exact: true }).click();
    await ada.page.getByRole('button', { name: 'Add rule' }).click();
    const editor = ada.page.frameLocator('[data-rule-editor] iframe');
    await editor.getByRole('checkbox', { name: POSTMORTEM_RULE }).check();

    const gaps = editor.getByRole('alert').filter({ hasText: 'Other ways to close without a postmortem' });
    await gaps.getByText("Won't do: New, Accepted or Waiting for reporter → Closed").waitFor();
    await gaps.getByText('Resolve: In Progress → Resolved').waitFor();
    await gaps.getByText('add the Firebreak severity policy rule', { exact: false }).waitFor();
    await ada.page.getByRole('button', { name: 'Add', exact: true }).click();
    // The saved rule's summary says the same.
    await ada.page.frameLocator('li.rule iframe').getByText("Won't do: New, Accepted or Waiting for reporter → Closed").waitFor();

    // The admin covers Won't do: Close's list no longer names it.
    await ada.page.getByRole('link', { name: "Won't do", exact: true }).click();
    await ada.page.getByRole('button', { name: 'Add rule' }).click();
    await editor.getByRole('checkbox', { name: POSTMORTEM_RULE }).check();
    // Close already carries the rule, so from here only Resolve and Verify are named.
    await editor.getByText('Verify: Resolved → Verified').waitFor();
    expect(await editor.getByText('Close: Verified → Closed').count()).toBe(0);
    await ada.page.getByRole('button', { name: 'Add', exact: true }).click();
    await ada.page.getByRole('link', { name: 'Close', exact: true }).click();
    const summary = ada.page.frameLocator('li.rule iframe');
    await summary.getByText('Resolve: In Progress → Resolved').waitFor();
    expect(await summary.getByText("Won't do: New, Accepted or Waiting for reporter → Closed").count()).toBe(0);
    await ada.finish();
  });
});

describe('linking an incident from another project', () => {
  it('warns, naming who would lose access, and links only when confirmed', async () => {
    const incident = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Gift card checkout fails' });
    const started = dataOf(await invokeResolver(world.sandbox, people.devon, 'postmortem/start', { issueKey: incident }, 'postmortems')).postmortem;
    const edit = { ...started, actions: [{ id: 'a1', title: 'Alert on gift card failures', owner: people.mia, dueDate: '2026-12-04', question: 'detect' as const, issueKey: null }] };
    const { id, projectKey: _p, status: _s, revision, createdAt: _c, updatedAt: _u, updatedBy: _b, publishedAt: _pa, schemaVersion: _v, ...fields } = edit;
    dataOf(await invokeResolver(world.sandbox, people.devon, 'postmortem/save', { id, edit: fields, baseRevision: revision }, 'postmortems'));

    const devon = await Person.at(world, people.devon, '/jira/projects/SHOP/apps');
    const pm = devon.page.frameLocator('iframe[data-module-key="postmortems"]');
    await pm.getByRole('button', { name: /Postmortem: Gift card checkout fails/ }).click();
    await pm.getByLabel('Link another incident', { exact: true }).fill('OPS-28');
    await pm.getByRole('button', { name: 'Link incident' }).click();

    const warning = pm.getByRole('alert').filter({ hasText: 'OPS-28 is in another project (OPS)' });
    await warning.getByText('Would lose access: Mia Chen.', { exact: false }).waitFor();
    await warning.getByText('Not checked:', { exact: false }).waitFor();
    // Not linked until confirmed.
    expect(await pm.getByRole('link', { name: 'OPS-28' }).count()).toBe(0);
    await warning.getByRole('button', { name: 'Link OPS-28 anyway' }).click();
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await expect.poll(async () => dataOf(await invokeResolver(world.sandbox, people.devon, 'postmortem/get', { id }, 'postmortems')).postmortem.incidents.join(',')).toBe(`${incident},OPS-28`);
    await devon.finish();
  });
});

describe('the recurrence watch', () => {
  it('flags the earlier postmortem and points the new incident to it', async () => {
    const reported = async (summary: string): Promise<string> => {
      const key = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary });
      dataOf(await invokeResolver(world.sandbox, people.rita, 'report/save', { issueKey: key, fields: { ...generateReportFields(), product: 'Checkout', customers: 'Acme GmbH' }, reporterSeverity: 'major', baseRevision: 0 }));
      await world.sandbox.runtime.drain();
      return key;
    };
    const earlier = await reported('Checkout times out');
    dataOf(await invokeResolver(world.sandbox, people.devon, 'postmortem/start', { issueKey: earlier }, 'postmortems'));
    const next = await reported('Checkout times out again');
    world.sandbox.runtime.deliverEvent({ eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: next, fields: {} }, actor: { kind: 'user', accountId: people.rita } });
    await world.sandbox.runtime.drain();

    const rita = await Person.at(world, people.rita, `/browse/${next}`);
    await rita.reportPanel.getByText('Recurrence: same product/module (Checkout) as an earlier incident, whose postmortem is', { exact: false }).waitFor();
    await rita.reportPanel.getByRole('button', { name: 'Open earlier postmortem' }).click();
    const pm = rita.page.frameLocator('iframe[data-module-key="postmortems"]');
    const flag = pm.getByRole('alert').filter({ hasText: 'Recurred' });
    await flag.getByRole('link', { name: next }).waitFor();
    await flag.getByText('on the same product/module (Checkout)', { exact: false }).waitFor();
    await rita.finish();
  });
});
