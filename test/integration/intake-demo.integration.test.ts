/**
 * Issue 17, done when: on the demo, a test alert from each kind becomes one well-formed incident
 * with the policy applied, and a repeat updates it. The demo story connects SHOP's six alert sources
 * through the app's resolvers (as Sam, SHOP's admin); each test alert here is sent as its sender
 * sends it, signed with the stored secret, over real HTTP to the source's web trigger URL (the
 * control API's `POST /__control/intake/test-alert`), or from the settings page's resolver
 * (`intake/sendTest`); the repeat takes the other path, so both are shown to reach the same incident.
 * The queue is drained as Forge would deliver it; then Jira and the app's storage are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import { sampleAlertBody } from '../../src/domain/intake/samples';
import { type DemoStory, playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';
import { appPolicyState, appReport } from '../support/app-storage';
import { sendToUrl, signedHeaders } from '../support/intake';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { issueSnapshot, jiraCall, searchKeys } from '../support/jira-helpers';
import { people } from '../support/people';
import { worldFingerprint } from '../support/sandbox-harness';

let sandbox: Sandbox;
let server: RunningServer;
let story: DemoStory;

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  // The server listens before the story runs, so the sources' URLs are made on its origin, as `npm start`'s are.
  server = await startSandboxServer(sandbox, 0);
  story = await playDemoStory(sandbox);
  // The whole demo story runs first: far more than one test's work, and slower still with Jira's latency on.
}, 300_000);

afterAll(async () => {
  await server.close();
});

const sourceOf = (kind: AlertSourceKind): DemoStory['alertSources'][number] => {
  const found = story.alertSources.find((source) => source.kind === kind);
  if (found === undefined) throw new Error(`The demo story connected no ${kind} source.`);
  return found;
};

/** The control API plays the sender: the kind's sample, signed with the stored secret, over HTTP to the source's URL. */
const sendOverHttp = async (sourceId: string): Promise<void> => {
  const response = await fetch(`${server.url}/__control/intake/test-alert`, { method: 'POST', body: JSON.stringify({ sourceId }) });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { webTrigger: { status: number; body: unknown } };
  expect(answer.webTrigger, JSON.stringify(answer)).toMatchObject({ status: 202 });
};

/** "Send test alert" on the settings page, as Sam. */
const sendFromSettings = async (sourceId: string): Promise<void> => {
  const sent = dataOf(await invokeResolver(sandbox, people.sam, 'intake/sendTest', { projectKey: 'SHOP', sourceId }));
  expect(sent.outcome).toBe('accepted');
  expect(sent.message).toMatch(/^Test alert accepted:/);
};

const shopIssueCount = async (): Promise<number> =>
  (await jiraCall<{ count: number }>(sandbox, 'app', 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = SHOP' })).body.count;

const alertIssues = (): Promise<string[]> => searchKeys(sandbox, 'labels = "firebreak-alert" ORDER BY created ASC');

interface IncidentFields {
  summary: string;
  project: { key: string };
  issuetype: { name: string };
  priority: { name: string };
  labels: string[];
  duedate: string | null;
  status: { statusCategory: { key: string } };
}
const fieldsOf = async (key: string): Promise<IncidentFields> =>
  (await jiraCall<{ fields: IncidentFields }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${key}?fields=summary,project,issuetype,priority,labels,duedate,status`)).body.fields;

/** What each demo source's rules (or CVSS table) make of its kind's test alert. */
const EXPECTED: Readonly<Record<AlertSourceKind, { readonly level: string; readonly rule: string; readonly environment: string; readonly raisedVia: 'monitoring' | 'security-report' }>> = {
  alertmanager: { level: 'critical', rule: 'Pages are critical', environment: 'Production, EU and US regions', raisedVia: 'monitoring' },
  grafana: { level: 'critical', rule: 'Pages are critical', environment: 'production', raisedVia: 'monitoring' },
  sentry: { level: 'major', rule: 'Errors are major', environment: 'production', raisedVia: 'monitoring' },
  honeybadger: { level: 'major', rule: 'Production faults are major', environment: 'production', raisedVia: 'monitoring' },
  dependabot: { level: 'major', rule: 'CVSS 7.5', environment: '', raisedVia: 'security-report' },
  generic: { level: 'critical', rule: 'Pages are critical', environment: 'production', raisedVia: 'monitoring' },
};

describe('on the demo, SHOP’s alert sources', () => {
  it('are one per kind, ready, each opening Incidents in SHOP, as Sam’s settings page lists them', async () => {
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    expect(view.sources.map((source) => source.settings.kind).sort()).toEqual(['alertmanager', 'dependabot', 'generic', 'grafana', 'honeybadger', 'sentry']);
    for (const source of view.sources) {
      expect(source).toMatchObject({ ready: true, issueTypeName: 'Incident' });
      // Only the Alertmanager has received something yet: the latency alert, a real request, not a test.
      expect(source.lastReceived).toEqual(source.settings.kind === 'alertmanager' ? expect.objectContaining({ test: false, alertCount: 1, incidents: [story.alertIncident] }) : null);
      expect(source.url?.startsWith(`${server.url}/x1/`)).toBe(true);
    }
    const alertmanager = view.sources.find((source) => source.settings.name === 'Checkout Alertmanager');
    expect(alertmanager?.settings.rules.find((rule) => rule.set === 'severity')).toMatchObject({ when: { label: 'severity', equals: 'page' }, value: view.levels[0]?.id });
    const dependabot = view.sources.find((source) => source.settings.kind === 'dependabot');
    expect(dependabot?.settings.advisory).toEqual({
      cvssTable: [
        { name: 'critical', from: 9 },
        { name: 'major', from: 7 },
        { name: 'medium', from: 4 },
        { name: 'minor', from: 0.1 },
      ],
      remediationDays: { critical: 15, major: 30, medium: 60, minor: 90 },
    });
    // Of the alerts, only checkout's latency alert fired before the visitor came.
    expect(await alertIssues()).toEqual([story.alertIncident]);
  });

  it('have raised one incident already: checkout’s latency alert, Medium by rule, fired four times, one repeat comment', async () => {
    const key = story.alertIncident;
    const fields = await fieldsOf(key);
    expect(fields).toMatchObject({ summary: 'Checkout p95 latency above 2 s', project: { key: 'SHOP' }, issuetype: { name: 'Incident' }, priority: { name: 'Medium' } });
    expect(fields.labels.sort()).toEqual(['firebreak-alert', 'severity-medium']);
    const report = await appReport(sandbox, key);
    expect(report?.fields).toMatchObject({ raisedVia: 'monitoring', environment: 'Production, EU and US regions', product: 'checkout' });
    expect(report?.severityHistory).toEqual([expect.objectContaining({ kind: 'decision', level: 'medium', rule: 'Warnings are medium' })]);
    const view = dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: key }));
    expect(view.alert).toMatchObject({ sourceName: 'Checkout Alertmanager', occurrences: 4 });
    const comments = (await issueSnapshot(sandbox, key)).comments;
    expect(comments.filter((comment) => comment.startsWith('The alert fired'))).toEqual([expect.stringMatching(/^The alert fired 1 more time since the last note \(2 times since this issue opened\)/)]);
    expect(comments.filter((comment) => comment.includes('First response by'))).toHaveLength(1);
  });
});

describe.each(['alertmanager', 'grafana', 'sentry', 'honeybadger', 'dependabot', 'generic'] as const)('a %s test alert on the demo', (kind) => {
  // Half the kinds go first through the settings page and repeat over HTTP, the other half the other way round.
  const viaSettingsFirst = kind === 'grafana' || kind === 'honeybadger' || kind === 'generic';
  let key = '';

  it('becomes one well-formed incident in SHOP with the report prefilled and the severity decided by its rule, its policy applied', async () => {
    const source = sourceOf(kind);
    const [before, alertsBefore] = [await shopIssueCount(), await alertIssues()];
    await (viaSettingsFirst ? sendFromSettings(source.id) : sendOverHttp(source.id));
    await sandbox.runtime.drain();

    const fresh = (await alertIssues()).filter((candidate) => !alertsBefore.includes(candidate));
    expect(fresh).toHaveLength(1);
    expect(await shopIssueCount()).toBe(before + 1);
    key = fresh[0] ?? '';

    const sample = sampleAlertBody(kind, new Date().toISOString());
    const expected = EXPECTED[kind];
    const fields = await fieldsOf(key);
    expect(fields).toMatchObject({ project: { key: 'SHOP' }, issuetype: { name: 'Incident' }, status: { statusCategory: { key: 'new' } } });
    expect(fields.summary).toMatch(kind === 'dependabot' ? /^CVE-2026-0017 in firebreak-test-package: / : /Firebreak ?[Tt]est ?[Aa]lert/);

    const report = await appReport(sandbox, key);
    expect(report?.fields).toMatchObject({ raisedVia: expected.raisedVia, environment: expected.environment });
    expect(report?.fields.actualResult).toContain(fields.summary);
    expect(report?.fields.links).toHaveLength(1);
    expect(JSON.stringify(sample)).toContain(report?.fields.links[0] ?? 'no link');
    expect(report?.fields.product).not.toBe('');
    expect(report?.severityHistory).toEqual([expect.objectContaining({ kind: 'decision', level: expected.level, rule: expected.rule, by: sandbox.scenario.site.appAccountId })]);
    expect(report?.severityHistory[0]?.reason).toBe(`Decided by the alert source ‘${source.name}’, rule ‘${expected.rule}’.`);

    // The policy, as a triager's decision of that level applies it: priority, label, due times, one comment.
    const policy = dataOf(await invokeResolver(sandbox, people.sam, 'policy/getProject', { projectKey: 'SHOP' })).policy;
    const level = policy.levels.find((candidate) => candidate.id === expected.level);
    if (level === undefined) throw new Error(`SHOP's policy has no ${expected.level}`);
    expect(fields.priority.name).toBe(level.jiraPriority);
    expect(fields.labels.sort()).toEqual(['firebreak-alert', `severity-${expected.level}`]);
    const applied = await appPolicyState(sandbox, key);
    expect(applied).toMatchObject({ level: expected.level, commented: true });
    const decisionAt = Date.parse(applied?.decisionAt ?? '');
    expect(Date.parse(applied?.responseDueAt ?? '') - decisionAt).toBe(level.responseTargetMinutes * 60_000);
    expect(applied?.nextUpdateDueAt === null ? null : Date.parse(applied?.nextUpdateDueAt ?? '') - decisionAt).toBe(level.updateCadenceMinutes === null ? null : level.updateCadenceMinutes * 60_000);
    const comments = (await issueSnapshot(sandbox, key)).comments;
    expect(comments.filter((comment) => comment.startsWith(level.name) && comment.includes('First response by'))).toHaveLength(1);
    // A finding is due at the end of its remediation window (Major: 30 days) from when it was first reported; an alert on the policy's first-response date.
    const firstResponseDate = applied?.responseDueAt.slice(0, 10);
    if (kind === 'dependabot') expect(fields.duedate).toBe(new Date(decisionAt + 30 * 86_400_000).toISOString().slice(0, 10));
    else expect(fields.duedate).toBe(firstResponseDate);

    // The settings page names the incident its last request became (a request over HTTP is no test to the app: it cannot tell).
    const listed = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources.find((candidate) => candidate.id === source.id);
    expect(listed?.lastReceived).toMatchObject({ test: viaSettingsFirst, alertCount: 1, incidents: [key] });

    // The Production report panel's "Alert fired once", for whoever reads the incident.
    const view = dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: key }));
    expect(view.alert).toMatchObject({ sourceName: sourceOf(kind).name, occurrences: 1 });
    expect(view.report?.search.decidedSeverity).toBe(expected.level);
  });

  it('is updated by a repeat, sent the other way: the same incident, fired twice, no second issue, one comment', async () => {
    if (key === '') throw new Error('The first test alert opened no incident.');
    const source = sourceOf(kind);
    const before = await shopIssueCount();
    const commentsBefore = (await issueSnapshot(sandbox, key)).comments;
    const historyBefore = (await appReport(sandbox, key))?.severityHistory;

    await (viaSettingsFirst ? sendOverHttp(source.id) : sendFromSettings(source.id));
    await sandbox.runtime.drain();

    expect(await shopIssueCount()).toBe(before);
    expect((await alertIssues()).filter((candidate) => candidate === key)).toHaveLength(1);
    const view = dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: key }));
    expect(view.alert?.occurrences).toBe(2);
    expect(Date.parse(view.alert?.lastSeenAt ?? '')).toBeGreaterThan(0);
    // The first repeat comments at once; the decision is not made again.
    const added = (await issueSnapshot(sandbox, key)).comments.slice(commentsBefore.length);
    expect(added).toEqual([expect.stringMatching(/^The alert fired 1 more time since the last note \(2 times since this issue opened\)/)]);
    expect((await appReport(sandbox, key))?.severityHistory).toEqual(historyBefore);
  });
});

describe('checkout’s latency alert resolving', () => {
  // Alertmanager's own resolved notification, with the source's token, through the web trigger.
  it('adds one note to its incident and leaves the workflow and the count alone', async () => {
    const key = story.alertIncident;
    const source = sourceOf('alertmanager');
    const listed = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources.find((candidate) => candidate.id === source.id);
    const token = sandbox.kvs.readSecret(`alert-source-secret:${source.id}`);
    if (listed?.url == null || typeof token !== 'string') throw new Error('The demo Alertmanager has no URL or token.');
    const before = { status: (await fieldsOf(key)).status, comments: (await issueSnapshot(sandbox, key)).comments.length, alert: dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: key })).alert };
    const labels = { alertname: 'CheckoutLatencyHigh', service: 'checkout', severity: 'warning', env: 'production', instance: 'checkout-api' };
    const annotations = { summary: 'Checkout p95 latency above 2 s', description: 'Back under 2 s.' };
    const endsAt = new Date().toISOString();
    const body = JSON.stringify({
      version: '4',
      groupKey: '{}:{alertname="CheckoutLatencyHigh"}',
      truncatedAlerts: 0,
      status: 'resolved',
      receiver: 'firebreak',
      groupLabels: { alertname: 'CheckoutLatencyHigh' },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: 'https://alertmanager.example.com',
      alerts: [{ status: 'resolved', labels, annotations, startsAt: new Date(Date.now() - 5 * 60_000).toISOString(), endsAt, generatorURL: 'https://prometheus.example.com/graph', fingerprint: 'c4ec0a7e1a7e0c1e' }],
    });

    const answer = await sendToUrl(sandbox, listed.url, { body, headers: { Authorization: [`Bearer ${token}`] } });
    expect(answer.status).toBe(202);
    await sandbox.runtime.drain();

    const added = (await issueSnapshot(sandbox, key)).comments.slice(before.comments);
    expect(added).toEqual([expect.stringMatching(/^The alert resolved at \d\d:\d\d UTC .*The issue stays open for people to close\.$/)]);
    expect((await fieldsOf(key)).status).toEqual(before.status);
    expect(dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: key })).alert?.occurrences).toBe(before.alert?.occurrences);
  });
});

describe('a delivery the demo source cannot trust', () => {
  it('is refused when signed with another secret, and nothing anywhere changes', async () => {
    const source = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources.find((candidate) => candidate.settings.kind === 'generic');
    if (source?.url == null) throw new Error('The demo has no generic source with a URL.');
    const body = JSON.stringify(sampleAlertBody('generic', new Date().toISOString()));
    const before = worldFingerprint(sandbox);
    const answer = await sendToUrl(sandbox, source.url, { body, headers: signedHeaders('generic', 'not-the-secret-of-this-source-000000000000', body, Math.floor(Date.now() / 1000)) });
    await sandbox.runtime.drain();
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatch(/does not match/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});

describe('"Send test alert" on a source that is not ready', () => {
  // A source whose secret could not be stored answers every real request 401; a test alert that
  // skipped the signature and said "accepted" would tell the admin the opposite of the truth.
  it('is refused with what to fix, and nothing is queued or opened', async () => {
    sandbox.kvs.injectFault({ kind: 'error', times: 1, when: (request) => request.path === '/api/v1/secret/set' });
    const added = await invokeResolver(sandbox, people.sam, 'intake/save', {
      projectKey: 'SHOP',
      sourceId: null,
      settings: { name: 'Half-made monitoring', kind: 'generic', issueTypeId: '10005', rules: [], commentIntervalMinutes: 60, advisory: null },
      baseVersion: 0,
    });
    expectRefusal(added, 'INTERNAL', /could not be stored; it shows as not ready/);
    const source = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources.find((candidate) => candidate.settings.name === 'Half-made monitoring');
    expect(source).toMatchObject({ ready: false });
    const before = worldFingerprint(sandbox);

    const sent = await invokeResolver(sandbox, people.sam, 'intake/sendTest', { projectKey: 'SHOP', sourceId: source?.id ?? '' });
    await sandbox.runtime.drain();
    expectRefusal(sent, 'INVALID_INPUT', /not ready.*Rotate the secret/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});
