/**
 * Journey: on the demo site (the story played, as `npm start` does), the scrum master puts the
 * capacity gadget on the dashboard for the SHOP board, switches it to Health and reads each sprint's
 * support arrivals, resolutions and guideline dates met against the 95 % aim, by name and in words;
 * back on Share the share view is as it was; the stakeholder updates sent on time, per incident by key and
 * summary (issue 16); the vulnerabilities fixed within their window, with the finding open past its
 * due date named (issue 17). The no-access user's Health view says why it is empty.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseAlert } from '../../src/domain/intake/parse-alert';
import { acceptDelivery } from '../../src/entry/intake/accept-delivery';
import { APP_ROOT } from '../../sandbox/sandbox';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createSource, sourceSettings } from '../support/intake';
import { jiraCall } from '../support/jira-helpers';
import { people } from '../support/people';

const SAM = 'acc-sam-scrum';
const SHOP_ID = '10000';

const world = useBrowserSandbox('demo');

beforeAll(async () => {
  await playDemoStory(world.sandbox);
  // The demo dashboard holds a configured share gadget; this journey adds its own, so start empty.
  world.sandbox.dashboardGadgets = [];
});



const gadget = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="capacity-gadget"]');

describe('support health', () => {
  it('shows the scrum master each sprint’s support health on the demo dashboard', async () => {
    const sam = await Person.at(world, SAM, '/jira/dashboards/1');
    await sam.page.getByRole('button', { name: 'Add gadget' }).click();
    const editor = gadget(sam);
    await editor.getByLabel('Board', { exact: true }).selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByRole('button', { name: 'Save' }).click();

    const view = gadget(sam);
    await view.getByRole('button', { name: 'Share', exact: true }).waitFor();
    await view.getByRole('button', { name: 'Health', exact: true }).click();

    await view.getByText(/Over the last 6 sprints: \d+ of \d+ guideline dates met/).waitFor();
    await view.getByRole('heading', { name: 'SHOP Sprint 5' }).waitFor();
    // The demo team misses some guideline dates: below the 95 % aim, said in words and tone.
    await view.getByText('Below aim').first().waitFor();
    const sprint5 = view.getByRole('region', { name: 'SHOP Sprint 5 by severity' });
    await sprint5.getByRole('rowheader', { name: 'Critical' }).waitFor();
    expect(await sprint5.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['Critical']));
    // Names and human durations, never ids or raw seconds.
    expect(await view.getByText(/critical|not-decided|\d{4,} ?s\b/).count()).toBe(0);
    await sprint5.getByText(/\d+ (min|h|d)\b/).first().waitFor();
    // issue 16: stakeholder updates on time, per incident by key and summary: SHOP-155's first update went out within its cadence.
    const updates = view.getByRole('region', { name: 'Stakeholder updates on time' });
    await updates.getByText(/^\d+ of \d+ on time \(\d+(\.\d)?%\) over \d+ incidents$/).waitFor();
    const rounding = updates.getByRole('listitem').filter({ hasText: 'SHOP-155' });
    await rounding.waitFor();
    expect(await rounding.textContent()).toBe('SHOP-155 Payments outage: rounds totals wrongly (Critical): 1 of 1 on time (100%)');
    await sam.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'support-health.png'), fullPage: true });

    await view.getByRole('button', { name: 'Share', exact: true }).click();
    await view.getByText('on production support').first().waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toMatchObject({ boardId: 1 });
    await sam.finish();
  });

  it('shows the vulnerabilities fixed within their window, and names the finding open past its due date (issue 17)', async () => {
    // Two findings through the real intake: a Dependabot alert (CVSS 9.8, Critical, 7 days) and the
    // generic sample's (CVSS 7.5, Major, 14 days). The app's record is told the first was reported
    // 20 days ago, as Forge's storage tools would; the second is fixed today, in time.
    const advisory = { cvssTable: [{ name: 'critical', from: 9 }, { name: 'major', from: 7 }, { name: 'minor', from: 0.1 }], remediationDays: { critical: 7, major: 14, minor: 60 } };
    const fixtures = join(APP_ROOT, 'test', 'fixtures', 'alerts');
    const titles: string[] = [];
    for (const [kind, name] of [['dependabot', 'dependabot-alert-created'], ['generic', 'generic-firing']] as const) {
      const source = await createSource(world.sandbox, { name: `Journey ${kind}`, kind, advisory });
      const parsed = parseAlert(kind, JSON.parse(await readFile(join(fixtures, `${name}.json`), 'utf8')) as unknown);
      if (!parsed.ok) throw new Error(parsed.reason);
      const findings = parsed.alerts.filter((alert) => alert.advisory !== null);
      titles.push(...findings.map((alert) => alert.title));
      await acceptDelivery({ source: { id: source.sourceId, projectId: SHOP_ID, ...sourceSettings({ name: `Journey ${kind}`, kind, advisory }) }, alerts: findings, deliveryKey: `journey-${kind}`, receivedAt: new Date().toISOString(), test: false });
    }
    await world.sandbox.runtime.drain();
    const found = await jiraCall<{ issues: Array<{ id: string; key: string; fields: { summary: string } }> }>(world.sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'labels = "firebreak-alert"', fields: ['summary'], maxResults: 50 });
    const [overdue, fixed] = titles.map((title) => found.body.issues.find((issue) => issue.fields.summary === title));
    if (overdue === undefined || fixed === undefined) throw new Error('The findings did not become incidents.');
    const rows = (world.sandbox.kvs.dump().entities['alert-incident'] ?? {}) as Record<string, { version: number; issueId: string; document: Record<string, unknown> }>;
    const [recordKey, row] = Object.entries(rows).find(([, candidate]) => candidate.issueId === overdue.id) ?? [];
    if (recordKey === undefined || row === undefined) throw new Error('No alert record for the Dependabot finding.');
    const reported = new Date(Date.now() - 20 * 86_400_000).toISOString();
    await world.sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName: 'alert-incident', key: recordKey, value: { ...row, version: row.version + 1, document: { ...row.document, firstSeenAt: reported } } }) });
    const transitions = await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(world.sandbox, 'acc-devon-oncall', 'GET', `/rest/api/3/issue/${fixed.key}/transitions`);
    const done = transitions.body.transitions.find((transition) => transition.to.statusCategory.key === 'done');
    expect((await jiraCall(world.sandbox, 'acc-devon-oncall', 'POST', `/rest/api/3/issue/${fixed.key}/transitions`, { transition: { id: done?.id } })).status).toBe(204);

    const sam = await Person.at(world, SAM, '/jira/dashboards/1');
    const view = gadget(sam);
    await view.getByRole('button', { name: 'Health', exact: true }).click();
    const section = view.getByRole('region', { name: 'Vulnerabilities fixed within their window' });
    await section.getByText('1 of 2 fixed within their window (50%) · 1 open past due').waitFor();
    await section.getByRole('region', { name: 'Vulnerabilities by severity' }).getByRole('rowheader', { name: 'Critical' }).waitFor();
    const item = section.getByRole('listitem').filter({ hasText: overdue.key });
    // Due 13 days ago (7 after the report), named by key, summary, level and date in words; Jira's own Due date differs (the record was moved back), and is said.
    const text = (await item.textContent()) ?? '';
    expect(text.startsWith(`${overdue.key} ${overdue.fields.summary} (Critical): due `)).toBe(true);
    expect(text).toMatch(/: due \w.*\d{4}, 1[23] days overdue · Jira’s Due date says .*\d{4}; judged by the window$/);
    expect(await view.getByText(/not-decided/).count()).toBe(0);
    await sam.finish();
  });

  it('tells someone without access to the board why there is nothing to show', async () => {
    const otto = await Person.at(world, people.otto, '/jira/dashboards/1');
    const view = gadget(otto);
    await view.getByRole('button', { name: 'Health', exact: true }).click();
    await view.getByText(/don't have access to board 1/).last().waitFor();
    expect(await view.getByText(/SHOP-\d/).count()).toBe(0);
    await otto.close();
  });
});
