/**
 * Journey (fixes part, issue 15): while a revision of a published postmortem is open, the project's
 * list and the incident's panel say a published version exists; the Markdown export reads dates in
 * the viewer's locale (the sandbox host's `en-US`), in the zone the postmortem chose, before and
 * after a save.
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { contentOf } from '../../src/domain/postmortem/review';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

const OWNER = people.devon;
const world = useBrowserSandbox('demo');
const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

describe('postmortem fixes', () => {
  it('shows "Published · revision in draft" in the list and on the panel, and exports dates as the viewer reads them', async () => {
    const incident = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Wishlist loses items' });
    const started = dataOf(await invokeResolver(world.sandbox, OWNER, 'postmortem/start', { issueKey: incident }));
    const written = dataOf(
      await invokeResolver(world.sandbox, OWNER, 'postmortem/save', {
        id: started.postmortem.id,
        edit: {
          ...contentOf(started.postmortem),
          summary: 'Wishlists lost items for two hours after a cache flush.',
          impact: { ...started.postmortem.impact, timeZone: 'Europe/Berlin', started: '2026-11-20T14:12:00Z' },
          answers: { detect: 'Alert on wishlist size drops.', react: 'Page the wishlist owner.', quickFix: 'Restore from the snapshot.', prevent: 'Write-through cache.', otherRisks: 'Saved carts share the cache.' },
        },
        baseRevision: started.postmortem.revision,
      }),
    );
    const approved = await reviewAndApprove(world.sandbox, OWNER, people.mia, written);
    const published = dataOf(await invokeResolver(world.sandbox, OWNER, 'postmortem/publish', { id: approved.postmortem.id, baseRevision: approved.postmortem.revision, confirmBlameHints: false }));
    dataOf(await invokeResolver(world.sandbox, OWNER, 'postmortem/openRevision', { id: published.postmortem.id, baseRevision: published.postmortem.revision }));

    // The incident's panel points to it as published, with a revision in draft.
    const rita = await Person.at(world, people.rita, `/browse/${incident}`);
    await rita.reportPanel.getByText(/Wishlist loses items \(published · revision in draft\)/).waitFor();
    await rita.finish();

    // The project's list says the same, and its Published filter keeps it.
    const devon = await Person.at(world, OWNER, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    const row = pm.getByRole('row').filter({ hasText: 'Wishlist loses items' });
    await row.getByText('Published · revision in draft').waitFor();

    // The export, in en-US (the viewer's) and Europe/Berlin (the postmortem's zone).
    await row.getByRole('button').first().click();
    await pm.getByRole('button', { name: 'Save postmortem' }).waitFor();
    await pm.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = pm.getByLabel('Markdown', { exact: true });
    await expect.poll(() => markdown.inputValue()).toContain('- Impact started: Nov 20, 2026, 03:12 PM (Europe/Berlin)');
    expect(await markdown.inputValue()).not.toContain('20 Nov 2026');

    // After a save, the export follows the new text, still in the viewer's locale.
    await pm.getByLabel('Summary', { exact: true }).fill('Wishlists lost items for two hours after a cache flush; restored from the snapshot.');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await expect.poll(() => markdown.inputValue()).toContain('restored from the snapshot.');
    expect(await markdown.inputValue()).toContain('- Impact started: Nov 20, 2026, 03:12 PM (Europe/Berlin)');
    await devon.finish();
  });
});
