/**
 * updates part (issue 16): the stakeholder updates Jira sent for an incident appear on its
 * postmortem's timeline (written updates, "Nothing new" and the closing update), by the sender's
 * name, with stable ids, so a rebuild keeps people's notes and adds no duplicates; an update Jira
 * refused is not on it, and a client cannot forge one into a save.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView, TimelineEntry } from '../../src/contract/postmortem.contract';
import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

let sandbox: Sandbox;
let incident: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.0001 });
  incident = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Checkout is down' });
  const view: ReportView = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: 'Every card payment fails', baseRevision: view.report?.revision ?? 0 }));
});

const post = (text: string, actionId: string) => invokeResolver(sandbox, TRIAGER, 'updates/post', { issueKey: incident, actionId, nothingNew: false, text });
const updatesOf = (view: PostmortemView): TimelineEntry[] => view.postmortem.timeline.filter((entry) => entry.kind === 'update');
const editOf = ({ postmortem }: PostmortemView, timeline: TimelineEntry[]) => ({
  title: postmortem.title,
  severity: postmortem.severity,
  owner: postmortem.owner,
  incidents: postmortem.incidents,
  artifacts: [],
  summary: '',
  customerImpact: '',
  impact: postmortem.impact,
  timeline,
  answers: {},
  actions: [],
  remediation: [],
});
const resolve = async (): Promise<void> => {
  const { body } = await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(sandbox, TRIAGER, 'GET', `/rest/api/3/issue/${incident}/transitions`);
  const done = body.transitions.find((candidate) => candidate.to.statusCategory.key === 'done');
  if (done === undefined) throw new Error('no transition into Done');
  expect((await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${incident}/transitions`, { transition: { id: done.id } })).status).toBe(204);
};

describe('stakeholder updates on the postmortem timeline', () => {
  it('appear by the sender’s name and audience, "Nothing new" in its own words, a refused update left out', async () => {
    dataOf(await post('Card payments fail; rolling back build 412.', 'act-first-001'));
    dataOf(await invokeResolver(sandbox, TRIAGER, 'updates/post', { issueKey: incident, actionId: 'act-quiet-001', nothingNew: true, text: '' }));
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '429', retryAfterSeconds: 10, times: 1 });
    expectRefusal(await post('This one Jira never sent', 'act-limited-01'), 'RATE_LIMITED');

    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const entries = updatesOf(started);
    expect(entries.map((entry) => [entry.who, entry.issueKey, entry.text.replace(/sent to .*?: /, 'sent to …: ')])).toEqual([
      [TRIAGER, incident, 'Update sent to …: Card payments fail; rolling back build 412.'],
      [TRIAGER, incident, '“Nothing new” sent to …: Nothing to update. Still investigating.'],
    ]);
    expect(entries[0]?.text).toMatch(/sent to .*the reporter, assignee and watchers: /);
    expect(started.names[TRIAGER]).toBe('Devon Park');
    expect(started.postmortem.timeline.some((entry) => entry.text.includes('never sent'))).toBe(false);
  });

  it('keep their ids and notes across rebuilds; new updates and the closing update join once', async () => {
    dataOf(await post('Card payments fail; rolling back build 412.', 'act-first-002'));
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const noted = started.postmortem.timeline.map((entry) => (entry.kind === 'update' ? { ...entry, note: 'Sent ten minutes before it was due' } : entry));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: editOf(started, noted), baseRevision: started.postmortem.revision }));

    dataOf(await post('Rollback done; error rate falling.', 'act-second-02'));
    await sandbox.runtime.drain();
    await resolve();
    await sandbox.runtime.drain();

    const rebuilt = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: started.postmortem.id, baseRevision: saved.postmortem.revision }));
    const again = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: started.postmortem.id, baseRevision: rebuilt.postmortem.revision }));
    const audience = 'the reporter, assignee and watchers';
    expect(updatesOf(again).map((entry) => [entry.id, entry.who, entry.text, entry.note])).toEqual([
      [`${incident}:update:act-first-002`, TRIAGER, `Update sent to ${audience}: Card payments fail; rolling back build 412.`, 'Sent ten minutes before it was due'],
      [`${incident}:update:act-second-02`, TRIAGER, `Update sent to ${audience}: Rollback done; error rate falling.`, ''],
      [`${incident}:update:closing-update`, 'Firebreak', `Closing update sent to ${audience}: Resolved: Checkout is down. This was the last update on this incident.`, ''],
    ]);
    expect(again.names.Firebreak ?? 'Firebreak').toBe('Firebreak');
    expect(new Set(again.postmortem.timeline.map((entry) => entry.id)).size).toBe(again.postmortem.timeline.length);

    const markdown = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/exportMarkdown', { id: started.postmortem.id, locale: 'en-GB' }));
    expect(markdown.markdown).toContain('Devon Park | Update sent to');
  });

  it('a client cannot forge or reword one in a save: only the kept record writes update entries', async () => {
    dataOf(await post('Card payments fail; rolling back build 412.', 'act-first-003'));
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const forged: TimelineEntry = { id: `${incident}:update:act-forged-001`, at: new Date(Date.now() - 60_000).toISOString(), who: people.mia, kind: 'update', issueKey: incident, text: 'Update sent to everyone: all fine, nothing to see', hidden: false, note: '' };
    const reworded = started.postmortem.timeline.map((entry) => (entry.kind === 'update' ? { ...entry, text: 'Update sent to nobody: nothing', who: people.mia } : entry));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: editOf(started, [...reworded, forged]), baseRevision: started.postmortem.revision }));
    expect(updatesOf(saved).map((entry) => [entry.who, entry.text.endsWith('Card payments fail; rolling back build 412.')])).toEqual([[TRIAGER, true]]);
  });
});
