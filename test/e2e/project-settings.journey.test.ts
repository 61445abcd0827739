/**
 * Journey: a project admin configures Firebreak in the project's settings: a field hidden for one
 * issue type, the project's own severity policy, and what counts as production support. Each is
 * checked where it takes effect (stored settings, the policy in force, the gadget's defaults).
 */
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const PROJECT_ADMIN = people.sam;
const SETTINGS = 'project-settings';

const world = useBrowserSandbox('demo');

const settingsFrame = (person: Person) => person.page.frameLocator(`iframe[data-module-key="${SETTINGS}"]`);

describe('project settings', () => {
  it('hides a template field for one issue type', async () => {
    const sam = await Person.at(world, PROJECT_ADMIN, '/jira/projects/SHOP/settings/apps');
    const page = settingsFrame(sam);

    await page.getByLabel('Environment: Bug', { exact: true }).selectOption({ label: 'Hidden' });
    await page.getByRole('button', { name: 'Save settings' }).click();

    await expect
      .poll(async () => {
        const view = await invokeResolver(world.sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? view.data.config.fieldRulesByIssueType['Bug']?.environment : undefined;
      })
      .toBe('hidden');
    await sam.finish();
  });

  it('overrides the site severity policy for the project', async () => {
    const sam = await Person.at(world, PROJECT_ADMIN, '/jira/projects/SHOP/settings/apps');
    const page = settingsFrame(sam);

    await page.getByRole('checkbox', { name: 'Override the site policy for this project' }).check();
    await page.getByRole('group', { name: 'Level 1', exact: true }).getByLabel('Name', { exact: true }).fill('Sev1');
    await page.getByRole('button', { name: 'Save project policy' }).click();

    await expect
      .poll(async () => {
        const view = await invokeResolver(world.sandbox, PROJECT_ADMIN, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? [view.data.source, view.data.policy.levels[0]?.name] : [];
      })
      .toEqual(['project', 'Sev1']);
    await sam.close();
  });

  it('sets what counts as production support for the capacity gadget', async () => {
    const sam = await Person.at(world, PROJECT_ADMIN, '/jira/projects/SHOP/settings/apps');
    const page = settingsFrame(sam);

    await page.getByLabel('JQL clause').fill('labels = hotfix');
    await page.getByRole('button', { name: 'Save support defaults' }).click();

    await expect
      .poll(async () => {
        const view = await invokeResolver(world.sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? view.data.config.supportCriteria?.jql : undefined;
      })
      .toBe('labels = hotfix');
    await sam.close();
  });

  it('sets where postmortem action items are filed', async () => {
    const sam = await Person.at(world, PROJECT_ADMIN, '/jira/projects/SHOP/settings/apps');
    const page = settingsFrame(sam);

    await page.getByLabel('Improvements project key', { exact: true }).fill('OPS');
    await page.getByLabel('Improvements label', { exact: true }).fill('improvement');
    await page.getByRole('button', { name: 'Save improvements backlog' }).click();

    await expect
      .poll(async () => {
        const view = await invokeResolver(world.sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? view.data.config.improvements : undefined;
      })
      .toEqual({ projectKey: 'OPS', issueType: 'Task', label: 'improvement' });
    await sam.close();
  });
});
