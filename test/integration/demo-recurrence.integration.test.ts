/**
 * fixes part (issue 15): the demo shows the recurrence watch doing its job. A newer incident on the
 * double charge's product arrives after its postmortem: the postmortem is flagged "Recurred" with a
 * link to it, and the new incident's panel points back to the postmortem.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { type DemoStory, playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

describe('demo story: recurrence', () => {
  let sandbox: Sandbox;
  let story: DemoStory;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ scenario: 'demo' });
    story = await playDemoStory(sandbox);
  });

  it('flags the double charge’s postmortem as recurred by a newer Checkout incident, whose panel points back', async () => {
    const doubleCharge = story.postmortems.find((postmortem) => postmortem.incident === 'SHOP-121');
    if (doubleCharge === undefined) throw new Error('the demo has the double charge’s postmortem');
    const stored = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/get', { id: doubleCharge.id }, 'postmortems')).postmortem;

    expect(stored.recurrences).toEqual([expect.objectContaining({ issueKey: story.recurrence, matchedOn: 'product', value: 'Checkout' })]);
    const panel = dataOf(await invokeResolver(sandbox, people.rita, 'postmortem/forIssue', { issueKey: story.recurrence }));
    expect(panel.recurrenceOf).toMatchObject({ id: doubleCharge.id, matchedOn: 'product', value: 'Checkout' });
  });
});
