/**
 * Journey (part "review"): the owner picks a reviewer by name, the reviewer sees the blame hints and
 * approves, the owner publishes after confirming the blame hint left in the text, the published
 * postmortem refuses an edit, a new revision is opened while the published version stays readable,
 * and the version history says who did what.
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { LOCKED_SENTENCE, contentOf } from '../../src/domain/postmortem/review';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const OWNER = people.devon;
const REVIEWER = people.mia;

const world = useBrowserSandbox('demo');

const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

const PUBLISHED_SUMMARY = 'Checkout failed for 40 minutes; the deploy should have been checked.';

/** The owner's postmortem, opened from the project's list. */
const openAs = async (accountId: string): Promise<{ person: Person; pm: FrameLocator }> => {
  const person = await Person.at(world, accountId, '/jira/projects/SHOP/apps');
  const pm = page(person);
  await pm.getByRole('button', { name: /Postmortem: Search returns nothing/ }).click();
  await pm.getByRole('heading', { level: 1, name: /Postmortem: Search returns nothing/ }).waitFor();
  return { person, pm };
};

describe('postmortem review', () => {
  it('is reviewed, published with a confirmed hint, locked, and revised with the published version still readable', async () => {
    const incident = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Search returns nothing' });
    const started = dataOf(await invokeResolver(world.sandbox, OWNER, 'postmortem/start', { issueKey: incident }));
    dataOf(
      await invokeResolver(world.sandbox, OWNER, 'postmortem/save', {
        id: started.postmortem.id,
        edit: {
          ...contentOf(started.postmortem),
          summary: PUBLISHED_SUMMARY,
          answers: { detect: 'Alert on zero-result rate.', react: 'Page search on-call.', quickFix: 'Roll back the index.', prevent: 'Canary the index build.', otherRisks: 'Recommendations share the index.' },
        },
        baseRevision: started.postmortem.revision,
      }),
    );

    // The owner picks a reviewer by name and sends it to review.
    const devon = await openAs(OWNER);
    await devon.pm.getByText('Choose at least one person to review it before it can be published.').waitFor();
    await devon.pm.getByLabel('Find a reviewer').fill('Mia');
    await devon.pm.getByRole('button', { name: 'Search', exact: true }).click();
    await devon.pm.getByRole('button', { name: 'Add Mia Chen' }).click();
    await devon.pm.getByText('Mia Chen: not approved yet').waitFor();
    await devon.pm.getByRole('button', { name: 'Send to review' }).click();
    await devon.pm.getByText('At least one named reviewer approves it.').waitFor();
    expect(await devon.pm.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await devon.person.finish();

    // The reviewer sees the blame hint and approves.
    const mia = await openAs(REVIEWER);
    await mia.pm.getByRole('heading', { name: 'Blame phrasing hints' }).waitFor();
    await mia.pm.getByText('Check the blame phrasing hint above before you approve.').waitFor();
    await mia.pm.getByRole('button', { name: 'Approve' }).click();
    await mia.pm.getByText('You approved this version.').waitFor();
    await mia.person.finish();

    // The owner publishes, confirming the hint.
    const owner = await openAs(OWNER);
    await owner.pm.getByText(/Mia Chen: approved/).waitFor();
    await owner.pm.getByRole('button', { name: 'Publish', exact: true }).click();
    await owner.pm.getByText('The text still has blame phrasing. Publish anyway only if each of these is fine as written:').waitFor();
    await owner.pm.getByText(/“should have been checked” in Summary/).first().waitFor();
    await owner.pm.getByRole('button', { name: 'Publish anyway' }).click();
    await owner.pm.getByRole('button', { name: 'Open a new revision' }).waitFor();

    // Locked: no Save, and the resolver refuses an edit sent anyway.
    expect(await owner.pm.getByRole('button', { name: 'Save postmortem' }).count()).toBe(0);
    const locked = dataOf(await invokeResolver(world.sandbox, OWNER, 'postmortem/get', { id: started.postmortem.id }));
    const refused = await invokeResolver(world.sandbox, OWNER, 'postmortem/save', { id: locked.postmortem.id, edit: { ...contentOf(locked.postmortem), summary: 'Login failed because Rita pushed a bad config.' }, baseRevision: locked.postmortem.revision });
    expect(refused).toMatchObject({ ok: false, error: { message: LOCKED_SENTENCE } });

    // A new revision: a draft to change, with the published version readable as it was.
    await owner.pm.getByRole('button', { name: 'Open a new revision' }).click();
    await owner.pm.getByRole('button', { name: 'Save postmortem' }).waitFor();
    await owner.pm.getByLabel('Summary', { exact: true }).fill('Checkout failed for 40 minutes: the index build had no canary.');
    await owner.pm.getByRole('button', { name: 'Save postmortem' }).click();
    await expect.poll(() => owner.pm.getByText(/Devon Park changed Summary/).count()).toBe(2);
    await owner.pm.getByText(/Published version: published .* by Devon Park/).click();
    await owner.pm.getByText(PUBLISHED_SUMMARY, { exact: true }).waitFor();

    // The history says who did what.
    for (const line of [/Mia Chen approved it\./, /Devon Park published it\./, /Devon Park opened a new revision\./, /Devon Park asked Mia Chen to review\./]) {
      await owner.pm.getByText(line).waitFor();
    }
    expect((await invokeResolver(world.sandbox, people.rita, 'postmortem/get', { id: started.postmortem.id })).ok).toBe(true);
    await owner.person.finish();
  });
});
