/**
 * Journey: Rita, a reporter, answers honestly that she does not know some things ("Not known yet"),
 * and the form advises her field by field as she types, the advice going away as she fixes each
 * answer. Devon, the triager, sends the report back for the one lazy answer left, reads what the
 * send-back will do (assignee, status, comment) and adds a personal note. Rita completes it and the
 * issue reaches Ready. Assertions check what Jira stored (comment, status, assignee) and what each
 * person reads.
 */
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { issueSnapshot } from '../support/jira-helpers';
import { storedReportProperty } from '../support/sandbox-harness';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

const world = useBrowserSandbox('demo');

describe('honest answers', () => {
  let issueKey = '';

  it('advises Rita per field while she types, and accepts “Not known yet”', async () => {
    const rita = await Person.at(world, REPORTER, '/create');
    await rita.page.getByLabel('Project').selectOption('SHOP');
    await rita.page.getByLabel('Issue type').selectOption('Bug');
    await rita.page.getByLabel('Summary').fill('Gift card payments hang');
    await rita.page.getByRole('button', { name: 'Create' }).click();
    await rita.page.waitForURL(/\/browse\/SHOP-\d+$/);
    issueKey = rita.page.url().split('/').pop() ?? '';

    const panel = rita.reportPanel;
    await panel.getByRole('button', { name: 'Edit report' }).click();

    // A lazy answer is flagged before any save, in words about that field, and goes away when fixed.
    const actual = panel.getByLabel('What actually happens');
    await actual.fill('Error');
    const actualAdvice = panel.getByText('What actually happens says only “Error”, which is too vague to act on. Say what you saw: the exact error text, the wrong value, or how long it hung.');
    await actualAdvice.waitFor();
    expect(await actual.getAttribute('aria-describedby')).toContain(await actualAdvice.locator('xpath=..').getAttribute('id'));
    await actual.fill('Error “card_declined” under the Pay button, for a valid gift card.');
    await actualAdvice.waitFor({ state: 'detached' });

    await panel.getByLabel('Steps to reproduce').fill('it doesnt work');
    await panel.getByText(/^Steps to reproduce says only “it doesnt work”.*Say who was logged in/).waitFor();
    await panel.getByLabel('Steps to reproduce').fill('1. Log in as buyer@acme.test\n2. Add a gift card\n3. Click "Pay now"');
    await panel.getByText(/^Steps to reproduce says only/).waitFor({ state: 'detached' });

    // An empty box says nothing, whatever it held a moment ago.
    await panel.getByLabel('The workaround').fill('tbd');
    await panel.getByText(/^The workaround says only “tbd”/).waitFor();
    await panel.getByLabel('The workaround').fill('');
    await panel.getByText(/The workaround says only/).waitFor({ state: 'detached' });

    // A negative count says what is wrong and what to enter.
    await panel.getByLabel('Roughly how many users').fill('−5');
    await panel.getByText(/The number of users cannot be negative \(you entered −5\)\. Enter your best estimate as a whole number, such as 250/).waitFor();
    await panel.getByLabel('Roughly how many users').fill('about 40');
    await panel.getByText(/cannot be negative/).waitFor({ state: 'detached' });

    // Honest "don't know" answers draw no advice.
    await panel.getByLabel('What you expected to happen').fill('The order confirmation page opens.');
    await panel.getByLabel('Customer(s) affected').fill('Not known yet');
    await panel.getByLabel('Product / module').fill('Checkout');
    await panel.getByLabel('Environment').fill('n/a');
    await panel.getByText(/^Environment says only “n\/a”.*which environment \(production, staging…\), which app version and which browser or device\./).waitFor();
    await panel.getByRole('radio', { name: 'A support agent' }).check();
    await panel.getByRole('radio', { name: 'Not known yet' }).check();
    await panel.getByRole('radio', { name: 'Major' }).check();
    expect(await panel.locator('.fb-field-warning').allTextContents()).toEqual([expect.stringContaining('Environment says only “n/a”')]);
    await panel.getByRole('button', { name: 'Save report' }).click();

    await expect.poll(() => storedReportProperty(world.sandbox, issueKey)).toMatchObject({ revision: 1, search: { reporterSeverity: 'major', ready: 'no' } });
    // Only the lazy answer is missing: "Not known yet" is an answer.
    const ready = rita.readyPanel;
    await ready.getByText(/^Environment says only “n\/a”/).waitFor();
    const owed = ready.getByRole('region', { name: 'From the reporter' }).locator('.fb-checklist__detail');
    await expect.poll(() => owed.allTextContents()).toEqual([expect.stringMatching(/^Environment says only “n\/a”/)]);
    await rita.finish();
  });

  it('shows Devon what a send-back will do, and posts his note with the list', async () => {
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    const ready = devon.readyPanel;

    await ready.getByRole('heading', { name: 'Not ready' }).waitFor();
    await ready.getByRole('button', { name: 'Send back to reporter' }).click();
    const confirm = ready.getByRole('region', { name: 'Send back to Rita Reyes?' });
    await confirm.getByText('Assign it to Rita Reyes (it has no assignee now).').waitFor();
    await confirm.getByText('Change its status from New to Waiting for reporter (if its workflow allows that move).').waitFor();
    await confirm.getByText(/^Environment says only “n\/a”/).waitFor();
    await confirm.getByLabel('Your note to Rita Reyes (optional)').fill('Thanks Rita! Which browser did the customer use?');
    await confirm.getByRole('button', { name: 'Confirm send back' }).click();
    await ready.getByText(/Waiting for the reporter since/).waitFor();
    // Jira's flag tells Devon what was done, by name.
    await expect.poll(() => devon.page.locator('.flag').allTextContents()).toContainEqual(expect.stringMatching(/Sent back to Rita Reyes: assigned it to Rita Reyes, moved it to Waiting for reporter and posted a comment/));

    const issue = await issueSnapshot(world.sandbox, issueKey);
    expect(issue).toMatchObject({ status: 'Waiting for reporter', assignee: REPORTER });
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toContain('Environment says only “n/a”, which tells a developer nothing. Say which environment (production, staging…), which app version and which browser or device.');
    expect(issue.comments[0]).toContain('Thanks Rita! Which browser did the customer use?');
    expect(issue.comments[0]).not.toMatch(/Customer\(s\)|Is there a workaround/);
    await devon.close();
  });

  it('lets Rita complete it, and the issue reaches Ready with the waiting told in the past tense', async () => {
    const rita = await Person.at(world, REPORTER, `/browse/${issueKey}`);
    const panel = rita.reportPanel;
    await panel.getByText('You were asked for more information').waitFor();
    await panel.getByRole('listitem').filter({ hasText: /^Environment says only “n\/a”.*Say which environment/ }).waitFor();
    await panel.getByRole('button', { name: 'Edit report' }).click();
    await panel.getByLabel('Environment').fill('Production, Chrome 131, EU');
    await panel.getByRole('button', { name: 'Save report' }).click();
    await expect.poll(async () => (await issueSnapshot(world.sandbox, issueKey)).status).toBe('New');
    await rita.close();

    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    await devon.reportPanel.getByRole('button', { name: 'Triage' }).click();
    await devon.reportPanel.getByLabel('Level').selectOption({ label: 'Code or data problem' });
    await devon.reportPanel.getByLabel('Kind').selectOption({ label: 'Defect' });
    await devon.reportPanel.getByLabel('Class of service').selectOption({ label: 'Bug: as soon as possible' });
    await devon.reportPanel.getByRole('button', { name: 'Save classification' }).click();
    const ready = devon.readyPanel;
    const item = 'Reproduced internally (link to the reproduction)';
    await ready.getByLabel(`Note for ${item}`).fill('https://wiki.example/repro/gift-cards');
    await ready.getByRole('checkbox', { name: item }).check();
    await ready.getByRole('heading', { name: 'Ready', exact: true }).waitFor();
    await ready.getByText(/^Waited for the reporter .+ in total\.$/).waitFor();
    expect(await ready.getByText(/so far/).count()).toBe(0);

    expect(await storedReportProperty(world.sandbox, issueKey)).toMatchObject({ search: { ready: 'yes', waitingForReporter: 'no' } });
    await devon.finish();
  });
});
