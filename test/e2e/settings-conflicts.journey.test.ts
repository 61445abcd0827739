/**
 * Journey: two admins edit the same settings; the second to save is told someone else saved first
 * and sees the newer version with their own unsaved edits still in the form, then saves both. And
 * a project admin chooses who triages on the project settings page. Real Chromium on the sandbox;
 * assertions read what the app stored.
 */
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const ADA = people.ada;
const SAM = people.sam;
const ADMIN_PAGE = 'severity-policy-admin';
const SETTINGS = 'project-settings';

const world = useBrowserSandbox('demo');

const sitePolicy = async () => dataOf(await invokeResolver(world.sandbox, ADA, 'policy/getSite', {}, ADMIN_PAGE));
const shopSettings = async () => dataOf(await invokeResolver(world.sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));

describe('saving after someone else saved', () => {
  it('keeps the admin’s unsaved policy edit on top of the newer version, and saves both', async () => {
    const ada = await Person.at(world, ADA, '/jira/settings/apps');
    const page = ada.page.frameLocator(`iframe[data-module-key="${ADMIN_PAGE}"]`);
    const definition = 'Checkout or payments are down for everyone, or customer data is exposed.';
    await page.getByRole('group', { name: 'Level 1', exact: true }).getByLabel('Definition').fill(definition);

    // Meanwhile, in another tab, the policy is saved with Major's first response due in 2 hours.
    const before = await sitePolicy();
    const otherTab = { levels: before.policy.levels.map((level, index) => (index === 1 ? { ...level, responseTargetMinutes: 120 } : level)) };
    dataOf(await invokeResolver(world.sandbox, ADA, 'policy/saveSite', { policy: otherTab, baseVersion: before.version }, ADMIN_PAGE));

    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Someone else saved the severity policy while you were editing\. Their version is shown with your changes on top \(Critical: definition\)/).waitFor();
    expect(await page.getByRole('group', { name: 'Level 1', exact: true }).getByLabel('Definition').inputValue()).toBe(definition);
    expect(await page.getByRole('group', { name: 'Level 2', exact: true }).getByLabel('Response target', { exact: true }).inputValue()).toBe('2');
    expect((await sitePolicy()).policy.levels[0]?.definition).not.toBe(definition);

    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect
      .poll(async () => {
        const saved = await sitePolicy();
        return [saved.version, saved.policy.levels[0]?.definition, saved.policy.levels[1]?.responseTargetMinutes];
      })
      .toEqual([before.version + 2, definition, 120]);
    await ada.finish();
  });

  it('keeps the project admin’s unsaved settings on top of the newer version, and saves both', async () => {
    const sam = await Person.at(world, SAM, '/jira/projects/SHOP/settings/apps');
    const page = sam.page.frameLocator(`iframe[data-module-key="${SETTINGS}"]`);
    await page.getByLabel('Add a group, by its name in Jira').fill('support-leads');
    await page.getByRole('button', { name: 'Add group' }).click();

    // Meanwhile Ada saves the project's settings with another send-back status.
    const before = await shopSettings();
    dataOf(await invokeResolver(world.sandbox, ADA, 'config/saveProject', { projectKey: 'SHOP', config: { ...before.config, sendBackStatus: 'Accepted' }, baseVersion: before.version }, SETTINGS));

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Someone else saved these settings while you were editing\. Their version is shown with your changes on top \(Triager groups\)/).waitFor();
    expect(await page.getByLabel('Status after sending back to the reporter').inputValue()).toBe('Accepted');
    await page.getByRole('list', { name: 'Triager groups' }).getByText('support-leads').waitFor();

    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(async () => {
        const saved = await shopSettings();
        return [saved.version, saved.config.sendBackStatus, saved.config.triagers.groups];
      })
      .toEqual([before.version + 2, 'Accepted', ['support-leads']]);
    await sam.finish();
  });
});

describe('who triages', () => {
  it('lists the project’s roles with Developers and Administrators ticked, and saves another choice', async () => {
    const sam = await Person.at(world, SAM, '/jira/projects/SHOP/settings/apps');
    const page = sam.page.frameLocator(`iframe[data-module-key="${SETTINGS}"]`);
    const card = page.getByRole('group', { name: 'Who triages' });
    await card.getByText('Reporters pick a severity but do not decide it.', { exact: false }).waitFor();
    const current = await shopSettings();
    for (const role of ['Administrators', 'Developers', 'Users']) {
      expect(await card.getByRole('checkbox', { name: role }).isChecked()).toBe(current.config.triagers.roles.includes(role));
    }

    await card.getByRole('checkbox', { name: 'Administrators' }).uncheck();
    await card.getByRole('checkbox', { name: 'Developers' }).uncheck();
    for (const name of [...current.config.triagers.groups]) await card.getByRole('button', { name: `Remove group ${name}` }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await card.getByText('Choose at least one role or group: otherwise nobody could triage.').waitFor();

    await card.getByRole('checkbox', { name: 'Developers' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await shopSettings()).config.triagers).toEqual({ roles: ['Developers'], groups: [] });
    await sam.finish();
  });
});
