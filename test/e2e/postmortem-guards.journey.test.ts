/**
 * Journey (issue 15, guards): the closing rule cannot be bypassed unseen. A Jira admin puts the
 * "published postmortem" rule on Close and the rule's own page names the other transitions into a
 * Done status that lack it ("Won't do: … → Closed"); covering one removes it from the list.
 * Real Chromium on the sandbox.
 */
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
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
