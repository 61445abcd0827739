/**
 * Journey (issue 17, done when): on the demo, SHOP's admin sends a test alert from one of the alert
 * sources the demo story connected, and the on-call developer opens the incident it became: the
 * Production report panel shows the report filled from the alert (raised by monitoring), the
 * severity Firebreak decided by the source's rule, and how often the alert fired; a second test
 * alert updates the same incident. Real Chromium on the demo sandbox with the story played.
 */
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { type DemoStory, playDemoStory } from '../../sandbox/scenarios/demo-story';
import { APP_ROOT } from '../../sandbox/sandbox';
import { searchKeys } from '../support/jira-helpers';
import { Person, REPORT_FRAME, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

// What `npm start` shows a newcomer: the story played, SHOP's alert sources among it.
let story: DemoStory;
beforeAll(async () => {
  story = await playDemoStory(world.sandbox);
}, 60_000);

/** The incident the test alert became, once Forge's queue delivered its event to the consumer (the story's latency alert opened another). */
const alertIncident = async (): Promise<string> => {
  await world.sandbox.runtime.drain();
  const keys = (await searchKeys(world.sandbox, 'labels = "firebreak-alert" ORDER BY created ASC')).filter((key) => key !== story.alertIncident);
  expect(keys).toHaveLength(1);
  return keys[0] ?? '';
};

describe('a test alert on the demo', () => {
  it('becomes an incident, linked from the source, whose report panel shows the filled report, the severity decided by rule and the count; a repeat counts', async () => {
    const sam = await Person.at(world, people.sam, '/jira/projects/SHOP/settings/apps');
    const settings = () => sam.page.frameLocator('iframe[data-module-key="project-settings"]').getByRole('region', { name: 'Alert sources' });
    const source = () => settings().getByRole('article', { name: 'Alert source Checkout Alertmanager' });
    await source().getByRole('button', { name: 'Send test alert' }).click();
    await settings().getByText(/^Test alert accepted:/).waitFor();
    const key = await alertIncident();

    // Once processed, the source names the incident its last alert became (the page looks again on its own); the link opens it in a new tab.
    await source().getByRole('link', { name: key, exact: true }).waitFor();
    const [issueTab] = await Promise.all([sam.page.context().waitForEvent('page'), source().getByRole('link', { name: key, exact: true }).click()]);
    await issueTab.waitForURL(new RegExp(`/browse/${key}$`));
    const panel = issueTab.frameLocator(REPORT_FRAME);
    await panel.getByText('Alert fired once').waitFor();
    // Nobody picked a severity and none is missing: the alert raised it.
    await panel.getByText('Raised by Checkout Alertmanager').waitFor();
    // The report as the alert filled it, read in the panel's summary.
    await panel.getByText('Monitoring / a system alert').waitFor();
    await panel.getByText('Production, EU and US regions').waitFor();
    await panel.getByText(/^Firebreak test alert: checkout error rate above 2%/).waitFor();
    await panel.getByText('https://prometheus.example.com/graph?g0.expr=checkout_error_ratio').waitFor();
    await panel.getByText('Decided: Critical').waitFor();
    await panel.getByText(/First response due/).waitFor();
    // The severity history: Firebreak decided it by the source's rule, as a triager's decision.
    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByText(/Firebreak\s+decided\s+Critical\s+by rule “Pages are critical”/).waitFor();
    await issueTab.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'intake-incident.png'), fullPage: true });

    // The alert fires again: the same incident counts it.
    await source().getByRole('button', { name: 'Send test alert' }).click();
    await settings().getByText(/^Test alert accepted:/).waitFor();
    expect(await alertIncident()).toBe(key);
    await issueTab.reload();
    await issueTab.frameLocator(REPORT_FRAME).getByText(/^Alert fired 2 times, last at /).waitFor();
    await issueTab.close();

    await sam.finish();
  });
});
