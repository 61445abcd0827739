/**
 * The demo story `npm start` plays: every step goes through the app's resolvers and trigger, so this
 * fails as soon as the app stops accepting what a team would really do, and checks the newcomer
 * finds every surface with something on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { outbox } from '../../sandbox/server/control.routes';
import { type DemoStory, playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { jiraCall } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

describe('demo story', () => {
  let sandbox: Sandbox;
  let story: DemoStory;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ scenario: 'demo' });
    story = await playDemoStory(sandbox);
  });

  it('lists one postmortem in review and one draft, and the Major incident that still has none', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'postmortem/list', { projectKey: 'SHOP' }, 'postmortems');
    if (!result.ok) throw new Error(result.error.message);
    const list = result.data;
    expect(list.postmortems.map((row) => [row.incidents[0], row.status]).sort()).toEqual([
      ['SHOP-121', 'in-review'],
      ['SHOP-155', 'draft'],
    ]);
    expect(list.postmortems.find((row) => row.incidents[0] === 'SHOP-121')?.ownerName).toBe('Devon Park');
    expect(list.missing.map((incident) => incident.key)).toEqual(['SHOP-99']);
    expect(story.postmortems).toHaveLength(2);
  });

  it('has the decided Critical incident meet its Definition of Ready', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: 'SHOP-121' });
    expect(result).toMatchObject({ ok: true, data: { readiness: { ready: true } } });
  });

  it('has the decided Critical incident carry what the severity policy applies', async () => {
    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[]; issuelinks: unknown[] } }>(sandbox, 'app', 'GET', '/rest/api/3/issue/SHOP-121?fields=priority,labels,issuelinks');
    expect(issue.body.fields.labels).toContain('severity-critical');
    expect(issue.body.fields.priority.name).toBe('Highest');
    // The postmortem's two action items were filed as issues linked to the incident.
    const links = JSON.stringify(issue.body.fields.issuelinks);
    expect(links).toContain('Send an idempotency key with every payment request');
    expect(links).toContain('Alert on duplicate charges for the same basket');
  });

  it('has SHOP limit emergencies in progress to one, with the Critical incident taking the slot', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'config/supportWip', { issueKey: 'SHOP-121' }, 'definition-of-ready-panel');
    expect(result).toMatchObject({ ok: true, data: { wip: { classOfService: 'emergency', limit: 1, othersInProgress: 0, thisInProgress: true } } });
  });

  // issue 16, done when: SHOP-155's team can post updates to a real audience, keep a log that lands in
  // its postmortem, work the playbook, and settle a severity dispute.
  describe('SHOP-155, the rounding incident the team is working', () => {
    it('is decided Critical through the app’s own decision, with its policy applied', async () => {
      const result = await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: 'SHOP-155' });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.data.report?.search.decidedSeverity).toBe('critical');
      const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', '/rest/api/3/issue/SHOP-155?fields=priority,labels');
      expect(issue.body.fields.labels).toContain('severity-critical');
      expect(issue.body.fields.priority.name).toBe('Highest');
    });

    it('has one stakeholder update sent, on the cadence, to the reporter and the people who follow updates; the team may post the next', async () => {
      const result = await invokeResolver(sandbox, people.devon, 'updates/get', { issueKey: 'SHOP-155' });
      if (!result.ok) throw new Error(result.error.message);
      const view = result.data;
      expect(view).toMatchObject({ shown: true, offered: true, canPost: true, levelName: 'Critical', cadenceMinutes: 30 });
      expect(view.updates.map((update) => [update.kind, update.status, update.by.displayName])).toEqual([['update', 'sent', 'Devon Park']]);
      expect(Date.parse(view.nextUpdateDueAt ?? '')).toBeGreaterThan(Date.parse(view.updates[0]?.at ?? ''));
      const mails = outbox(sandbox).filter((mail) => mail.issueKey === 'SHOP-155' && mail.textBody.includes('one cent short'));
      expect(mails).toHaveLength(1);
      expect([...(mails[0]?.toNames ?? [])].sort()).toEqual(['Mia Chen', 'Rita Reyes', 'Sam Okafor'].sort());
      // Rita reads the updates and may follow them; she does not post for the team.
      const rita = await invokeResolver(sandbox, people.rita, 'updates/get', { issueKey: 'SHOP-155' });
      expect(rita).toMatchObject({ ok: true, data: { canPost: false, updates: [expect.objectContaining({ kind: 'update' })] } });
    });

    it('shows the Critical playbook with its first three steps ticked, each in the log by name', async () => {
      const result = await invokeResolver(sandbox, people.mia, 'log/get', { issueKey: 'SHOP-155' });
      if (!result.ok) throw new Error(result.error.message);
      const { playbook, entries, canAdd } = result.data;
      expect(canAdd).toBe(true);
      expect(playbook?.levelName).toBe('Critical');
      expect(playbook?.steps.map((step) => step.done)).toEqual([true, true, true, false, false, false, false]);
      expect(playbook?.steps.slice(0, 3).map((step) => step.by?.displayName)).toEqual(['Devon Park', 'Devon Park', 'Devon Park']);
      expect(entries.filter((entry) => entry.text.startsWith('Playbook: '))).toHaveLength(3);
    });

    it('has a draft postmortem whose timeline holds the log, the playbook ticks and the update', async () => {
      const id = story.postmortems.find((postmortem) => postmortem.incident === 'SHOP-155')?.id ?? '';
      const result = await invokeResolver(sandbox, people.sam, 'postmortem/get', { id }, 'postmortems');
      if (!result.ok) throw new Error(result.error.message);
      const timeline = result.data.postmortem.timeline;
      expect(timeline.filter((entry) => entry.kind === 'log')).toHaveLength(6);
      expect(timeline.filter((entry) => entry.kind === 'update').map((entry) => [result.data.names[entry.who], entry.text.slice(0, 15)])).toEqual([['Devon Park', 'Update sent to ']]);
      expect(timeline.some((entry) => entry.kind === 'severity' && entry.text.startsWith('Severity decided: Critical'))).toBe(true);
    });

    it('counts its update on time in the capacity gadget’s health view, by key and summary', async () => {
      const result = await invokeResolver(sandbox, people.sam, 'capacity/health', { boardId: 1, periods: 6, criteria: null }, 'capacity-gadget');
      if (!result.ok) throw new Error(result.error.message);
      const row = result.data.updates.incidents.find((incident) => incident.key === 'SHOP-155');
      expect(row).toMatchObject({ summary: 'Payments outage: rounds totals wrongly', levelName: 'Critical', due: 1, onTime: 1, late: 0, missed: 0, share: 1 });
      // The team's earlier incidents carry the updates it sent then: some late, some due times missed.
      expect(result.data.updates.incidents.some((incident) => incident.late > 0)).toBe(true);
      expect(result.data.updates.incidents.some((incident) => incident.missed > 0)).toBe(true);
      expect(result.data.updates.total.share).toBeGreaterThan(0);
      expect(result.data.updates.total.share).toBeLessThan(1);
    });

    it('leaves another incident reported and awaiting triage, for a visitor to decide', async () => {
      expect(story.awaitingTriage).toBe('OPS-35');
      const result = await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: 'OPS-35' });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.data.report?.search.decidedSeverity ?? null).toBeNull();
      expect(result.data.report?.severityHistory.map((event) => [event.kind, event.level])).toEqual([['reporter-pick', 'major']]);
    });

    it('is open to a severity dispute: the reporter may dispute, SHOP’s Administrators rule', async () => {
      const rita = await invokeResolver(sandbox, people.rita, 'dispute/get', { issueKey: 'SHOP-155' });
      expect(rita).toMatchObject({ ok: true, data: { canDispute: true, open: null, decided: { id: 'critical' } } });
      const sam = await invokeResolver(sandbox, people.sam, 'dispute/get', { issueKey: 'SHOP-155' });
      expect(sam).toMatchObject({ ok: true, data: { canRule: true } });
    });
  });
});
