/**
 * Journey (issue 16 part 5): a Jira admin schedules the review of the production support process on
 * the severity policy page, sees when the first review comes, and a person who is not a Jira admin
 * cannot reach the page's resolvers. Real Chromium on the demo sandbox.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

describe('process review on the severity policy page', () => {
  it('is scheduled by the Jira admin, who sees when the next review comes', async () => {
    const ada = await Person.at(world, people.ada, '/jira/settings/apps');
    const page = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]');
    const card = page.getByRole('form', { name: 'Process review' });
    await card.getByText('No review is scheduled.').waitFor();

    await card.getByRole('checkbox', { name: 'Review the process on a schedule' }).check();
    await card.getByLabel('First review, months after the policy was first saved').fill('0');
    await card.getByText('Give whole numbers of months from 1 to 24.').waitFor();
    expect(await card.getByRole('button', { name: 'Save schedule' }).isDisabled()).toBe(true);

    await card.getByLabel('First review, months after the policy was first saved').fill('2');
    await card.getByLabel('then every (months)').fill('3');
    await card.getByRole('button', { name: 'Save schedule' }).click();
    await card.getByText('Saved: the review schedule.').waitFor();
    await card.getByText(/^(Next review: .+\.|The first review is counted from the policy’s first save: save the policy to start the schedule\.)$/).waitFor();
    await ada.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'process-review.png'), fullPage: true });

    // Reloaded, the page shows what was saved.
    await ada.page.reload();
    const again = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]').getByRole('form', { name: 'Process review' });
    await again.getByLabel('then every (months)').waitFor();
    expect(await again.getByLabel('then every (months)').inputValue()).toBe('3');
    await ada.finish();
  });
});
