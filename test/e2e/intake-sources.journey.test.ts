/**
 * Journey (issue 17): a project admin adds an alert source on the project settings page, copies its
 * secret (shown once), sees its URL, its protection and a ready-to-paste example, sends a test
 * alert and reads the outcome, previews a rule against it; a signed request from outside reaches
 * the same URL. Real Chromium on the demo sandbox.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

describe('alert sources on the project settings page', () => {
  it('are configured by the project admin, who sends a test alert and sees what came of it', async () => {
    const sam = await Person.at(world, people.sam, '/jira/projects/SHOP/settings/apps');
    const frame = sam.page.frameLocator('iframe[data-module-key="project-settings"]');
    const card = frame.getByRole('region', { name: 'Alert sources' });
    await card.getByText('No alert sources yet.').waitFor();

    await card.getByRole('button', { name: 'Add alert source' }).click();
    const form = card.getByRole('form', { name: 'New alert source' });
    await form.getByLabel('Source name').fill('Checkout monitoring');
    await form.getByLabel('Kind').selectOption({ label: 'generic alert' });
    await form.getByLabel('Opens incidents as').selectOption({ label: 'Incident' });
    await form.getByRole('button', { name: 'Add rule' }).click();
    const rule = form.getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Rule name').fill('Pages are top');
    await rule.getByLabel('Label').fill('severity');
    await rule.getByLabel('Equals').fill('page');
    await form.getByRole('button', { name: 'Add source' }).click();

    // The secret, once, and the source with its URL and example.
    const secretField = card.getByLabel('Secret for Checkout monitoring');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await card.getByText('Copy it now: Firebreak will not show it again').waitFor();
    const source = card.getByRole('article', { name: 'Alert source Checkout monitoring' });
    const url = await source.getByLabel('URL of Checkout monitoring').inputValue();
    expect(url).toMatch(new RegExp(`^${world.server.url}/x1/[0-9a-f-]{36}$`));
    await source.getByText(`ends in …${secret.slice(-4)}`).waitFor();
    await source.getByText(/^Signature and timestamp:/).waitFor();
    await source.getByText('Example request (curl, with the signing steps)').click();
    const example = await source.getByLabel('Example for Checkout monitoring').textContent();
    expect(example).toContain(url);
    expect(example).toContain('X-Firebreak-Signature: sha256=$SIG');
    expect(example).not.toContain(secret);

    await source.getByRole('button', { name: 'Send test alert' }).click();
    await card.getByText(/^Test alert accepted:/).waitFor();
    await source.getByText(/\(test alert\):/).waitFor();

    await source.getByRole('button', { name: 'Preview rules' }).click();
    const preview = source.getByLabel('Rules preview');
    await preview.getByText('by rule Pages are top').waitFor();
    await sam.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'intake-sources.png'), fullPage: true });

    // Reloaded, the secret is gone for good: only its hint remains.
    await sam.page.reload();
    const again = sam.page.frameLocator('iframe[data-module-key="project-settings"]').getByRole('region', { name: 'Alert sources' });
    await again.getByText(`ends in …${secret.slice(-4)}`).waitFor();
    expect(await again.getByLabel('Secret for Checkout monitoring').count()).toBe(0);
    await sam.finish();
  });
});
