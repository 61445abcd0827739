/**
 * Journey: a reporter files a bug and fills the template; the triager sees Not ready with the
 * missing items and sends it back; the reporter completes it; the triager classifies it, changes the
 * severity with a reason, and the issue is Ready. A JQL search finds it; the no-access user is
 * refused. Real Chromium, real static build, the sandbox's Jira; assertions check what Jira stored.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { issueSnapshot } from '../support/jira-helpers';
import { storedReportProperty } from '../support/sandbox-harness';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const OUTSIDER = people.otto;

const world = useBrowserSandbox('demo');

describe('production report and Definition of Ready', () => {
  let issueKey = '';

  it('lets the reporter file a bug, fill the template thinly and pick a severity', async () => {
    const rita = await Person.at(world, REPORTER, '/create');
    await rita.page.getByLabel('Project').selectOption('SHOP');
    await rita.page.getByLabel('Issue type').selectOption('Bug');
    await rita.page.getByLabel('Summary').fill('Checkout spinner never stops for gift cards');
    await rita.page.getByRole('button', { name: 'Create' }).click();
    await rita.page.waitForURL(/\/browse\/SHOP-\d+$/);
    issueKey = rita.page.url().split('/').pop() ?? '';

    const panel = rita.reportPanel;
    await panel.getByRole('button', { name: 'Edit report' }).click();
    await panel.getByLabel('Steps to reproduce').fill('see above');
    await panel.getByLabel('What actually happens').fill('The spinner turns forever after "Pay now"; no order is created.');
    await panel.getByLabel('What you expected to happen').fill('The order confirmation page opens.');
    await panel.getByLabel('Customer(s) affected').fill('Acme Retail');
    await panel.getByLabel('Product / module').fill('Checkout');
    await panel.getByRole('radio', { name: 'A customer' }).check();
    await panel.getByRole('radio', { name: 'No', exact: true }).check();
    await panel.getByRole('radio', { name: 'Critical' }).check();
    await panel.getByRole('button', { name: 'Save report' }).click();

    await expect.poll(() => storedReportProperty(world.sandbox, issueKey)).toMatchObject({ revision: 1, search: { reporterSeverity: 'critical', ready: 'no' } });
    await panel.getByText(/says only “see above”/).first().waitFor();

    // Rita reports; she does not triage: the triager's tools are not offered, and she is told why.
    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByText(/Only triagers can decide severity, classify/).waitFor();
    expect(await panel.getByRole('button', { name: 'Decide severity' }).count()).toBe(0);
    await rita.readyPanel.getByText(/Only triagers can/).waitFor();
    expect(await rita.readyPanel.getByRole('button', { name: 'Send back to reporter' }).count()).toBe(0);
    await rita.finish();
  });

  it('shows the triager Not ready with the missing items, and sends the issue back', async () => {
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    const ready = devon.readyPanel;

    await ready.getByRole('heading', { name: 'Not ready' }).waitFor();
    await ready.getByText(/Steps to reproduce says only “see above”/).first().waitFor();
    await ready.getByText('Environment is empty.').first().waitFor();
    await ready.getByRole('button', { name: 'Send back to reporter' }).click();
    await ready.getByRole('button', { name: 'Confirm send back' }).click();
    await ready.getByText(/Waiting for the reporter since/).waitFor();

    const issue = await issueSnapshot(world.sandbox, issueKey);
    expect(issue).toMatchObject({ status: 'Waiting for reporter', assignee: REPORTER });
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toContain('Environment is empty.');
    await devon.page.reload();
    await expect.poll(() => devon.page.getByTestId('issue-status').textContent()).toBe('Waiting for reporter');
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'definition-of-ready-sent-back.png'), fullPage: true });
    await devon.close();
  });

  it('returns the issue to triage when the reporter completes the report', async () => {
    const rita = await Person.at(world, REPORTER, `/browse/${issueKey}`);
    const panel = rita.reportPanel;
    await panel.getByText('You were asked for more information').waitFor();

    await panel.getByRole('button', { name: 'Edit report' }).click();
    await panel.getByLabel('Steps to reproduce').fill('1. Log in as buyer@acme.test\n2. Add a gift card to the cart\n3. Click "Pay now"');
    await panel.getByLabel('Environment').fill('Production, Chrome 131, EU');
    await panel.getByRole('button', { name: 'Save report' }).click();

    await expect.poll(async () => (await issueSnapshot(world.sandbox, issueKey)).assignee).toBe(TRIAGER);
    const issue = await issueSnapshot(world.sandbox, issueKey);
    expect(issue.status).toBe('New');
    expect(issue.comments.at(-1)).toContain('back with you in New');
    await rita.close();
  });

  it('lets the triager change the severity with a reason, classify, tick the checklist, and reach Ready', async () => {
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    const panel = devon.reportPanel;

    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByLabel('Decided severity').selectOption({ label: 'Major' });
    await panel.getByLabel("Reason (required when it differs from the reporter's pick)").fill('Only gift cards fail; saved cards work');
    await panel.getByRole('button', { name: 'Decide severity' }).click();
    await expect.poll(() => storedReportProperty(world.sandbox, issueKey)).toMatchObject({ search: { decidedSeverity: 'major' } });
    // The decision asks Jira to refresh the issue view, which renders the panels again: go on in the new ones.
    await expect.poll(() => devon.page.getByTestId('issue-labels').textContent()).toContain('severity-major');

    await panel.getByLabel('Level').selectOption({ label: 'Code or data problem' });
    await panel.getByLabel('Kind').selectOption({ label: 'Defect' });
    await panel.getByLabel('Class of service').selectOption({ label: 'Bug: as soon as possible' });
    await panel.getByRole('button', { name: 'Save classification' }).click();
    await expect.poll(() => storedReportProperty(world.sandbox, issueKey)).toMatchObject({ search: { kind: 'defect', classOfService: 'bug-asap' } });
    await expect.poll(() => devon.page.locator('main').getAttribute('data-issue-view-renders')).toBe('3');

    const ready = devon.readyPanel;
    const item = 'Reproduced internally (link to the reproduction)';
    await ready.getByLabel(`Note for ${item}`).fill('https://wiki.example/repro/gift-cards');
    await ready.getByRole('checkbox', { name: item }).check();
    await ready.getByRole('heading', { name: 'Ready', exact: true }).waitFor();

    expect(await storedReportProperty(world.sandbox, issueKey)).toMatchObject({ search: { ready: 'yes', reporterSeverity: 'critical', decidedSeverity: 'major' } });
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'production-report-ready.png'), fullPage: true });
    await devon.finish();
  });

  it('finds the issue with JQL by decided severity and by customer', async () => {
    const devon = await Person.at(world, TRIAGER, `/issues?jql=${encodeURIComponent('decidedSeverity = "major" AND project = SHOP')}`);
    const bySeverity = await devon.page.getByRole('table', { name: 'Search results' }).getByRole('link').allTextContents();
    await devon.goto(`/issues?jql=${encodeURIComponent('reportCustomer ~ "acme" AND reportReady = "yes"')}`);
    const byCustomer = await devon.page.getByRole('table', { name: 'Search results' }).getByRole('link').allTextContents();

    expect(bySeverity).toContain(issueKey);
    expect(byCustomer).toEqual([issueKey]);
    await devon.close();
  });

  it('refuses the user without access to the project', async () => {
    const otto = await Person.at(world, OUTSIDER, `/browse/${issueKey}`);

    await expect.poll(() => otto.page.getByRole('alert').first().textContent()).toMatch(/can't view this issue/i);
    await otto.goto(`/issues?jql=${encodeURIComponent('reportCustomer ~ "acme"')}`);
    expect(await otto.page.getByRole('table', { name: 'Search results' }).getByRole('link').count()).toBe(0);
    await otto.close();
  });

  it('rejects oversized text in the browser with a clear message and stores nothing', async () => {
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    const before = await storedReportProperty(world.sandbox, issueKey);
    const panel = devon.reportPanel;

    await panel.getByRole('button', { name: 'Edit report' }).click();
    await panel.getByLabel('What actually happens').fill('x'.repeat(33_000));
    await panel.getByRole('button', { name: 'Save report' }).click();

    await panel.getByText(/longer than a Jira issue property can hold/).first().waitFor();
    expect(await storedReportProperty(world.sandbox, issueKey)).toEqual(before);
    await devon.close();
  });
});
