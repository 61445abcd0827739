/**
 * Postmortems through the sandbox: started from an incident with the timeline built from its own
 * history, edited, action items filed as linked Jira issues, published once complete, and guarded by
 * the incidents' permissions and by revisions.
 */
import { randomUUID } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { forgeJiraClients } from '../../src/jira/forge-transport';
import { getIncidentHistory } from '../../src/jira/incident-history';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove, sendToReview } from '../support/postmortem-review';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const OUTSIDER = people.otto;
const PAGE = 'postmortems';

let sandbox: Sandbox;
let incident: string;

/** Only accepted actions are filed; who accepted and when are the server's to stamp. */
const ACCEPTED = { decision: 'accepted' as const, reason: '', by: TRIAGER, at: '2026-01-01T00:00:00.000Z' };

const completeEdit = (postmortem: PostmortemView['postmortem']) => ({
  title: postmortem.title,
  severity: postmortem.severity,
  owner: postmortem.owner,
  incidents: postmortem.incidents,
  artifacts: [{ label: 'Dashboard', url: 'https://grafana.example/d/payments' }],
  summary: 'Card payments failed for 42 minutes after a provider config change.',
  customerImpact: 'About 1,200 checkouts failed.',
  impact: { ...postmortem.impact, timeZone: 'Europe/Berlin' },
  timeline: postmortem.timeline,
  answers: { detect: 'Alert per provider.', react: 'Page the owner.', quickFix: 'Provider switch.', prevent: 'Validate config in CI; the on-call engineer should have been paged earlier.', otherRisks: 'Shipping rates.' },
  actions: [{ id: 'a1', title: 'Alert on payment success rate per provider', owner: TRIAGER, dueDate: '2026-12-04', question: 'detect' as const, issueKey: null, triage: ACCEPTED }],
  remediation: [{ id: 'r1', title: 'Resend order confirmations', owner: REPORTER, priority: 'high' as const, done: false }],
});

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${incident}/assignee`, { accountId: TRIAGER });
  await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${incident}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Switched to the fallback provider.' }] }] } });
  const saved = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });
  if (!saved.ok) throw new Error(saved.error.message);
  await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: '', baseRevision: 1 });
  await sandbox.runtime.drain();
});

describe('postmortems', () => {
  it('starts from an incident with a timeline that matches the incident’s history', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));

    expect(started.postmortem).toMatchObject({ status: 'draft', incidents: [incident], severity: 'critical', projectKey: 'SHOP' });
    const texts = started.postmortem.timeline.map((entry) => `${entry.kind}: ${entry.text}`);
    expect(texts[0]).toBe(`created: ${incident} created`);
    expect(texts).toContain('assignee: Assignee: none → Devon Park');
    expect(texts).toContain('comment: Comment: Switched to the fallback provider.');
    expect(texts.some((text) => text.startsWith('severity: Labels:') && text.includes('severity-critical'))).toBe(true);
    expect(started.names[TRIAGER]).toBe('Devon Park');

    const again = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    expect(again.postmortem.id).toBe(started.postmortem.id);
    expect(await invokeResolver(sandbox, TRIAGER, 'postmortem/forIssue', { issueKey: incident })).toMatchObject({ ok: true, data: { postmortem: { id: started.postmortem.id, status: 'draft' } } });
  });

  it('reads the incident’s changelog oldest first although Jira embeds it newest first, so the timeline stays in order', async () => {
    for (const transitionId of ['11', '21', '51']) await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${incident}/transitions`, { transition: { id: transitionId } });
    const paged = await jiraCall<{ values: Array<{ id: string }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${incident}/changelog`);

    const { history } = await getIncidentHistory(forgeJiraClients().asApp, incident);
    expect(history.changes.map((change) => change.id)).toEqual(paged.body.values.map((change) => change.id));

    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const statuses = started.postmortem.timeline.filter((entry) => entry.kind === 'status').map((entry) => entry.text);
    expect(statuses).toEqual(['Status: New → Accepted', 'Status: Accepted → In Progress', 'Status: In Progress → Resolved']);
  });

  it('shows Firebreak’s own send-back comment on the timeline with the name it mentions', async () => {
    const thin = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Bug', summary: 'Search is slow' });
    const filed = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey: thin, fields: generateReportFields({ stepsToReproduce: 'n/a', environment: '' }), reporterSeverity: 'major', baseRevision: 0 });
    if (!filed.ok) throw new Error(filed.error.message);
    const sent = await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey: thin, baseRevision: 1 });
    if (!sent.ok) throw new Error(sent.error.message);

    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: thin }));

    expect(started.postmortem.timeline.filter((entry) => entry.kind === 'comment').map((entry) => entry.text)).toEqual([
      'Comment: @Rita Reyes we need a little more before we can work on this issue. Missing from the production report:',
    ]);
  });

  it('files action items as linked Jira issues, hints at blame phrasing, and publishes once complete', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    expect(saved.blameHints.map((hint) => [hint.where, hint.phrase])).toEqual([['Prevent', 'should have been paged']]);

    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));
    const issueKey = filed.postmortem.actions[0]?.issueKey;
    expect(issueKey).toMatch(/^SHOP-\d+$/);
    const created = await jiraCall<{ fields: { summary: string; labels: string[]; assignee: { accountId: string }; issuelinks: Array<{ outwardIssue?: { key: string }; inwardIssue?: { key: string } }> } }>(
      sandbox,
      'app',
      'GET',
      `/rest/api/3/issue/${issueKey ?? ''}?fields=summary,labels,assignee,issuelinks`,
    );
    expect(created.body.fields).toMatchObject({ summary: 'Alert on payment success rate per provider', labels: ['postmortem-action'], assignee: { accountId: TRIAGER } });
    expect(JSON.stringify(created.body.fields.issuelinks)).toContain(incident);
    expect(filed.actionIssues[issueKey ?? '']).toMatchObject({ done: false });
    const rebuilt = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: started.postmortem.id, baseRevision: filed.postmortem.revision }));
    expect(rebuilt.postmortem.timeline.filter((entry) => entry.kind === 'link').map((entry) => entry.text)).toEqual([`This issue relates to ${issueKey ?? ''}`]);

    const review = await reviewAndApprove(sandbox, TRIAGER, people.mia, rebuilt);
    // "should have" is still in Prevent: the owner confirms it (see postmortem-review.integration.test.ts).
    const published = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/publish', { id: started.postmortem.id, baseRevision: review.postmortem.revision, confirmBlameHints: true }));
    expect(published.postmortem.status).toBe('published');
    expect(published.markdown).toContain('## Other areas of risk');
    expect(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }, PAGE)).toMatchObject({ data: { postmortems: [{ id: started.postmortem.id, status: 'published' }] } });
  });

  it('lets the severity-policy validator require a published postmortem before closing', async () => {
    sandbox.jira.upsertTransitionRule('firebreak-support-workflow', '91', {
      key: 'severity-policy-validator',
      configuration: JSON.stringify({ failMode: 'closed', rules: { severityPicked: false, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: true } }),
    });
    const close = () => jiraCall<{ errorMessages?: string[] }>(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${incident}/transitions`, { transition: { id: '91' } });

    expect((await close()).body.errorMessages?.[0]).toBe('Critical issues need a published postmortem: start one from the Production report panel.');

    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    const review = await reviewAndApprove(sandbox, TRIAGER, people.mia, saved);
    expect((await close()).body.errorMessages?.[0]).toContain('still in review');
    dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/publish', { id: started.postmortem.id, baseRevision: review.postmortem.revision, confirmBlameHints: true }));
    expect((await close()).status).toBe(204);
  });

  it('still opens when an action’s Jira issue was deleted, says so, and files it again on request', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));
    const first = filed.postmortem.actions[0]?.issueKey ?? '';
    expect((await jiraCall(sandbox, people.ada, 'DELETE', `/rest/api/3/issue/${first}`)).status).toBe(204);

    const reopened = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id }));

    expect(reopened.actionIssues[first]).toEqual({ status: '', done: false, missing: true });
    const refiled = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: reopened.postmortem.revision }));
    const second = refiled.postmortem.actions[0]?.issueKey ?? '';
    expect(second).toMatch(/^SHOP-\d+$/);
    expect(second).not.toBe(first);
    expect(refiled.actionIssues[second]).toMatchObject({ missing: false, done: false });
  });

  it('shows the status of an action issue filed a moment ago, though Jira’s search has not indexed it yet', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    sandbox.jira.setSearchLag(60_000);

    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));

    const issueKey = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(filed.actionIssues[issueKey]).toEqual({ status: 'New', done: false, missing: false });
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id })).actionIssues[issueKey]).toMatchObject({ missing: false });
  });

  it('refuses to file an action’s issue again while the first one still exists', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));

    const again = await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: filed.postmortem.revision });

    expectRefusal(again, 'INVALID_INPUT');
  });

  /** The scrum master points SHOP's improvements backlog at OPS, whose Task create screen is lean. */
  const fileIntoOps = async (): Promise<void> => {
    const current = await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }, PAGE);
    if (!current.ok) throw new Error(current.error.message);
    const { config } = current.data;
    const configured = await invokeResolver(sandbox, people.sam, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config: { ...config, improvements: { projectKey: 'OPS', issueType: 'Task', label: 'improvement' } } }, PAGE);
    expect(configured.ok).toBe(true);
  };

  it('files an action with only what the create screen allows, links it with POST issueLink, and says what was left out', async () => {
    await fileIntoOps();
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    sandbox.jira.metering.reset();

    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));

    const issueKey = filed.postmortem.actions[0]?.issueKey ?? '';
    expect(issueKey).toMatch(/^OPS-\d+$/);
    const created = await jiraCall<{ fields: { summary: string; labels: string[]; duedate: string | null; assignee: { accountId: string } | null; issuelinks: Array<{ inwardIssue?: { key: string }; outwardIssue?: { key: string } }> } }>(
      sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=summary,labels,duedate,assignee,issuelinks`,
    );
    expect(created.body.fields).toMatchObject({ summary: 'Alert on payment success rate per provider', labels: [], duedate: null, assignee: { accountId: TRIAGER } });
    expect(created.body.fields.issuelinks.map((link) => link.inwardIssue?.key ?? link.outwardIssue?.key)).toEqual([incident]);
    expect(filed.notice).toBe(
      `Filed ${issueKey}. Jira’s create screen for Task in OPS has no Labels field, so the label “improvement” was not set. It has no Due date field either, so the due date 2026-12-04 was not set.`,
    );
    const operations = sandbox.jira.metering.snapshot().byOperation;
    expect(operations['POST /rest/api/3/issueLink']?.calls).toBe(1);
    // One refused create (nothing created), one that succeeded: never a blind replay.
    expect(operations['POST /rest/api/3/issue']?.calls).toBe(2);
  });

  it('tells the person when the issue was filed but the link failed: the issue exists, the link does not', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }));
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/issueLink$', kind: '500' });

    const filed = await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision });

    const result = dataOf(filed);
    const issueKey = result.postmortem.actions[0]?.issueKey ?? '';
    expect(issueKey).toMatch(/^SHOP-\d+$/);
    expect(result.notice).toBe(
      `Filed ${issueKey}, but Jira did not link it to ${incident} (HTTP 500: Internal server error (injected by the Firebreak sandbox)). The issue exists and this action points to it; open ${issueKey} in Jira and link it to ${incident} (“relates to”).`,
    );
    const created = await jiraCall<{ fields: { duedate: string | null; issuelinks: unknown[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=duedate,issuelinks`);
    expect(created.body.fields).toEqual({ duedate: '2026-12-04', issuelinks: [] });
  });

  it('files action items in the improvements backlog the project configured, and links more incidents', async () => {
    await fileIntoOps();
    const second = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments retry storm' });
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));

    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: { ...completeEdit(started.postmortem), incidents: [incident, second] }, baseRevision: 1 }));
    const filed = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/createActionIssue', { id: started.postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));

    expect(filed.postmortem.actions[0]?.issueKey).toMatch(/^OPS-\d+$/);
    expect(await invokeResolver(sandbox, TRIAGER, 'postmortem/forIssue', { issueKey: second })).toMatchObject({ ok: true, data: { postmortem: { id: started.postmortem.id } } });
  });

  it('refuses to publish an incomplete postmortem, saying what is missing', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const review = await sendToReview(sandbox, TRIAGER, people.mia, started);

    const result = await invokeResolver(sandbox, TRIAGER, 'postmortem/setStatus', { id: started.postmortem.id, to: 'published', baseRevision: review.postmortem.revision });

    expectRefusal(result, 'INVALID_INPUT');
    if (!result.ok) expect(result.error.message).toContain('Write the summary.');
  });

  it('tells the second of two concurrent editors that the postmortem changed, keeping the first save', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: { ...completeEdit(started.postmortem), summary: 'First' }, baseRevision: 1 });

    const second = await invokeResolver(sandbox, REPORTER, 'postmortem/save', { id: started.postmortem.id, edit: { ...completeEdit(started.postmortem), summary: 'Second' }, baseRevision: 1 });

    expectRefusal(second, 'CONFLICT');
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id })).postmortem.summary).toBe('First');
  });

  it('lists Sev1/Sev2 incidents that still have no postmortem', async () => {
    const list = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }, PAGE));

    expect(list.missing.map((missing) => missing.key)).toContain(incident);
  });

  it('lists owners by their Jira display names, looked up in one request for all of them', async () => {
    const first = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const secondIncident = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Checkout times out' });
    const second = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: secondIncident }));
    await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: second.postmortem.id, edit: { ...completeEdit(second.postmortem), owner: REPORTER }, baseRevision: 1 });
    sandbox.jira.metering.reset();

    const list = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }, PAGE));

    const owners = Object.fromEntries(list.postmortems.map((postmortem) => [postmortem.id, [postmortem.owner, postmortem.ownerName]]));
    expect(owners).toEqual({ [first.postmortem.id]: [TRIAGER, 'Devon Park'], [second.postmortem.id]: [REPORTER, 'Rita Reyes'] });
    expect(sandbox.jira.metering.snapshot().byOperation['GET /rest/api/3/user/bulk']?.calls).toBe(1);
  });

  it('still lists postmortems when Jira cannot look up their owners, showing the account id', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    sandbox.jira.faults.add({ method: 'GET', pathPattern: '^/rest/api/3/user/bulk$', kind: '500' });

    sandbox.jira.metering.reset();

    const list = await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }, PAGE);

    expect(list).toMatchObject({ ok: true, data: { postmortems: [{ id: started.postmortem.id, owner: TRIAGER, ownerName: TRIAGER }] } });
    // A name is a label: one attempt, no backoff holding the page for seconds.
    expect(sandbox.jira.metering.snapshot().byOperation['GET /rest/api/3/user/bulk']?.calls).toBe(1);
  });

  it('lists postmortems through a 429 on the JQL search, which is a read and retried', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/search/jql$', kind: '429', retryAfterSeconds: 1, times: 1 });
    sandbox.jira.metering.reset();

    const list = await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }, PAGE);

    expect(list).toMatchObject({ ok: true, data: { postmortems: [{ id: started.postmortem.id }] } });
    expect(sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/search/jql']?.calls).toBe(2);
  });

  it('keeps it from users who cannot see the incident, and changes nothing for them', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const before = worldFingerprint(sandbox);

    expectRefusal(await invokeResolver(sandbox, OUTSIDER, 'postmortem/get', { id: started.postmortem.id }), 'FORBIDDEN');
    expectRefusal(await invokeResolver(sandbox, OUTSIDER, 'postmortem/save', { id: started.postmortem.id, edit: completeEdit(started.postmortem), baseRevision: 1 }), 'FORBIDDEN');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('refuses a postmortem too large for Forge storage, with a clear message', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const huge = completeEdit(started.postmortem);
    const answers = { detect: 'x'.repeat(9_999), react: 'x'.repeat(9_999), quickFix: 'x'.repeat(9_999), prevent: 'x'.repeat(9_999), otherRisks: 'x'.repeat(9_999) };
    const timeline = Array.from({ length: 120 }, (_, index) => ({ id: `manual-${String(index)}`, at: '2026-11-20T14:00:00.000Z', who: 'Ops', kind: 'manual' as const, issueKey: null, text: 'y'.repeat(1_999), hidden: false, note: 'z'.repeat(1_999) }));

    const result = await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: started.postmortem.id, edit: { ...huge, answers, timeline }, baseRevision: 1 });

    expectRefusal(result, 'TOO_LARGE');
    if (!result.ok) expect(result.error.message).toMatch(/at most 240 KiB/);
  });
});
