/**
 * intake (issue 17), the back office: accepted alerts become well-formed incidents, once. Each test
 * parses a fixture as the web trigger would (`parseAlert`), hands it to `acceptDelivery`, and lets
 * the sandbox deliver the `alert-intake` events to the consumer module, later and on their own, as
 * Forge does; then reads what Jira and the app's storage hold.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Queue } from '@forge/events';
import { beforeEach, describe, expect, it } from 'vitest';

import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import type { IncomingAlert } from '../../src/domain/intake/incoming-alert';
import { parseAlert } from '../../src/domain/intake/parse-alert';
import { acceptDelivery } from '../../src/entry/intake/accept-delivery';
import { alertKeyOf } from '../../src/storage/alert-inbox.store';
import { alertSourceOf, saveAlertSource, type StoredAlertSource } from '../../src/storage/alert-source.store';
import type { Scenario } from '../../sandbox/jira/index';
import { scenarioWithIssueSecurity } from '../support/intake';
import { Sandbox } from '../../sandbox/sandbox';
import { appReport } from '../support/app-storage';
import { issueSnapshot, jiraCall, searchKeys } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';

const FIXTURES = join(__dirname, '..', 'fixtures', 'alerts');
const fixture = async (name: string): Promise<unknown> => JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as unknown;

const INCIDENT_TYPE = '10005';
const SHOP_ID = '10000';

let sandbox: Sandbox;
let deliveries = 0;

const source = (overrides: Partial<StoredAlertSource> = {}): StoredAlertSource => ({
  id: 'src-checkout-am',
  projectId: SHOP_ID,
  name: 'Checkout Alertmanager',
  kind: 'alertmanager',
  issueTypeId: INCIDENT_TYPE,
  rules: [
    { id: 'page-critical', name: 'Pages are critical', when: { label: 'severity', equals: 'page' }, set: 'severity', value: 'critical' },
    { id: 'env', name: 'Environment from env', when: { label: 'env', equals: '*' }, set: 'environment', value: 'Production' },
  ],
  commentIntervalMinutes: 60,
  advisory: null,
  version: 1,
  url: null,
  urlId: null,
  secretHint: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'acc-devon-oncall',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'acc-devon-oncall',
  ...overrides,
});

const seed = async (stored: StoredAlertSource): Promise<StoredAlertSource> => {
  expect(await saveAlertSource(stored, 0)).toBe('saved');
  return stored;
};

const parsed = async (kind: AlertSourceKind, name: string): Promise<readonly IncomingAlert[]> => {
  const result = parseAlert(kind, await fixture(name));
  if (!result.ok) throw new Error(result.reason);
  return result.alerts;
};

/** The fixture's first alert (each fixture used alone holds one). */
const firstAlert = async (kind: AlertSourceKind, name: string): Promise<IncomingAlert> => {
  const [alert] = await parsed(kind, name);
  if (alert === undefined) throw new Error(`${name} has no alert`);
  return alert;
};

const deliver = async (stored: StoredAlertSource, alerts: readonly IncomingAlert[], deliveryKey = `delivery-${String((deliveries += 1))}`) => {
  return acceptDelivery({ source: alertSourceOf(stored), alerts, deliveryKey, receivedAt: new Date().toISOString(), test: false });
};

const alertIssues = (): Promise<string[]> => searchKeys(sandbox, 'labels = "firebreak-alert" ORDER BY created ASC');

interface IssueFields {
  summary: string;
  duedate: string | null;
  labels: string[];
  priority: { name: string };
  security?: { name: string };
  issuelinks: Array<{ type: { name: string }; inwardIssue?: { key: string }; outwardIssue?: { key: string } }>;
}
const fieldsOf = async (key: string): Promise<IssueFields> =>
  (await jiraCall<{ fields: IssueFields }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${key}?fields=summary,duedate,labels,priority,security,issuelinks`)).body.fields;

const incidentRecord = async (sourceId: string, fingerprint: string): Promise<{ occurrences: number; lastSeenAt: string | null; issue: { key: string } | null }> => {
  const response = await sandbox.kvs.handle('/api/v1/entity/get', { method: 'POST', body: JSON.stringify({ entityName: 'alert-incident', key: alertKeyOf(sourceId, fingerprint) }) });
  return ((await response.json()) as { value: { document: { occurrences: number; lastSeenAt: string | null; issue: { key: string } | null } } }).value.document;
};

const intakeEvents = () => sandbox.runtime.asyncEvents.pushedEvents().filter((event) => typeof event.body['fingerprint'] === 'string');

const closeIssue = async (key: string): Promise<void> => {
  const transitions = await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(sandbox, 'acc-devon-oncall', 'GET', `/rest/api/3/issue/${key}/transitions`);
  const done = transitions.body.transitions.find((transition) => transition.to.statusCategory.key === 'done');
  if (done === undefined) throw new Error(`No transition to Done from ${key}`);
  expect((await jiraCall(sandbox, 'acc-devon-oncall', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done.id } })).status).toBe(204);
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'minimal', asyncTimeScale: 0.01, retryDelayScale: 0.001 });
});

describe('a monitoring alert becomes a well-formed incident', () => {
  it('opens one incident per alert with the report prefilled and the rule’s severity applied through the policy', async () => {
    const stored = await seed(source());
    const alerts = await parsed('alertmanager', 'alertmanager-firing');

    expect(await deliver(stored, alerts)).toMatchObject({ kind: 'accepted' });
    await sandbox.runtime.drain();

    const keys = await alertIssues();
    expect(keys).toHaveLength(alerts.length);
    const first = alerts[0];
    if (first === undefined) throw new Error('fixture has no alert');
    const record = await incidentRecord(stored.id, first.fingerprint);
    const key = record.issue?.key ?? '';
    const fields = await fieldsOf(key);
    expect(fields.summary).toBe(first.title);
    expect(fields.labels).toEqual(expect.arrayContaining(['firebreak-alert', 'severity-critical']));

    const report = await appReport(sandbox, key);
    expect(report?.fields).toMatchObject({ raisedVia: 'monitoring', environment: 'Production', customers: 'Northwind', product: 'checkout' });
    expect(report?.fields.actualResult).toContain(first.title);
    expect(report?.fields.actualResult).toContain(first.description);
    expect(report?.fields.links).toEqual([first.link]);
    expect(report?.severityHistory).toEqual([expect.objectContaining({ kind: 'decision', level: 'critical', rule: 'Pages are critical', by: sandbox.scenario.site.appAccountId })]);
    // The policy's own voice: the same comment a triager's decision gets.
    expect((await issueSnapshot(sandbox, key)).comments.some((comment) => comment.includes('First response by'))).toBe(true);
    expect(record.occurrences).toBe(1);
  });

  it('leaves the severity to a triager when no rule decides it', async () => {
    const stored = await seed(source({ rules: [] }));
    await deliver(stored, (await parsed('alertmanager', 'alertmanager-firing')).slice(0, 1));
    await sandbox.runtime.drain();

    const [key] = await alertIssues();
    expect((await appReport(sandbox, key ?? ''))?.severityHistory).toEqual([]);
  });

  for (const [kind, name] of [
    ['grafana', 'grafana-firing'],
    ['sentry', 'sentry-issue-alert'],
    ['honeybadger', 'honeybadger-occurred'],
    ['generic', 'generic-firing'],
  ] as const) {
    it(`opens one incident per ${kind} alert, with its title and link`, async () => {
      const stored = await seed(source({ id: `src-${kind}-0001`, kind, rules: [] }));
      const alerts = (await parsed(kind, name)).filter((alert) => alert.advisory === null);
      await deliver(stored, alerts);
      await sandbox.runtime.drain();

      const keys = await alertIssues();
      expect(keys).toHaveLength(alerts.length);
      for (const alert of alerts) {
        const record = await incidentRecord(stored.id, alert.fingerprint);
        expect((await fieldsOf(record.issue?.key ?? '')).summary).toBe(alert.title);
        expect((await appReport(sandbox, record.issue?.key ?? ''))?.fields.links).toEqual(alert.link === null ? [] : [alert.link]);
      }
    });
  }
});

describe('deduplication', () => {
  it('updates the open incident on a repeat: count and last seen, one comment per interval', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    const key = (await incidentRecord(stored.id, alert.fingerprint)).issue?.key ?? '';
    const commentsAfterOpen = (await issueSnapshot(sandbox, key)).comments.length;

    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();

    expect(await alertIssues()).toEqual([key]);
    const record = await incidentRecord(stored.id, alert.fingerprint);
    expect(record.occurrences).toBe(4);
    const comments = (await issueSnapshot(sandbox, key)).comments.slice(commentsAfterOpen);
    // The first repeat comments at once; the next two fall inside the 60-minute interval.
    expect(comments).toEqual([expect.stringMatching(/^The alert fired 1 more time since the last note \(2 times since this issue opened\), last at \d\d:\d\d UTC/)]);
  });

  it('counts the same delivery twice once', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');

    await deliver(stored, [alert], 'same-delivery');
    await deliver(stored, [alert], 'same-delivery');
    await sandbox.runtime.drain();
    await deliver(stored, [alert], 'same-delivery');
    await sandbox.runtime.drain();

    expect(await alertIssues()).toHaveLength(1);
    expect((await incidentRecord(stored.id, alert.fingerprint)).occurrences).toBe(1);
  });

  it('bears a consumer event delivered twice: one issue, one count', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    const key = (await incidentRecord(stored.id, alert.fingerprint)).issue?.key ?? '';
    const comments = (await issueSnapshot(sandbox, key)).comments;

    for (const event of intakeEvents()) sandbox.runtime.asyncEvents.redeliver(event.eventId);
    await sandbox.runtime.drain();

    expect(await alertIssues()).toEqual([key]);
    expect((await incidentRecord(stored.id, alert.fingerprint)).occurrences).toBe(1);
    expect((await issueSnapshot(sandbox, key)).comments).toEqual(comments);
  });

  it('adds one note when the alert resolves and leaves the workflow alone', async () => {
    const stored = await seed(source());
    const firing = await parsed('alertmanager', 'alertmanager-firing');
    await deliver(stored, firing);
    await sandbox.runtime.drain();
    const resolved = await parsed('alertmanager', 'alertmanager-resolved');
    const [gone] = resolved;
    if (gone === undefined) throw new Error('fixture has no alert');
    const key = (await incidentRecord(stored.id, gone.fingerprint)).issue?.key ?? '';
    const before = await issueSnapshot(sandbox, key);

    await deliver(stored, resolved);
    await deliver(stored, resolved);
    await sandbox.runtime.drain();

    const after = await issueSnapshot(sandbox, key);
    expect(after.status).toBe(before.status);
    const notes = after.comments.filter((comment) => comment.startsWith('The alert resolved at'));
    expect(notes).toEqual([expect.stringContaining('The issue stays open for people to close.')]);
  });

  it('opens a new incident linked to the closed one when the alert fires after it was closed', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    const old = (await incidentRecord(stored.id, alert.fingerprint)).issue?.key ?? '';
    await closeIssue(old);

    await deliver(stored, [alert]);
    await sandbox.runtime.drain();

    const record = await incidentRecord(stored.id, alert.fingerprint);
    const recurred = record.issue?.key ?? '';
    expect(recurred).not.toBe(old);
    expect(record.occurrences).toBe(1);
    expect(await alertIssues()).toEqual([old, recurred]);
    const links = (await fieldsOf(recurred)).issuelinks;
    expect(links).toEqual([expect.objectContaining({ type: expect.objectContaining({ name: 'Relates' }) as unknown })]);
    expect([links[0]?.inwardIssue?.key, links[0]?.outwardIssue?.key]).toContain(old);
  });
});

describe('security advisories', () => {
  const ADVISORY = { cvssTable: [{ name: 'critical', from: 9 }, { name: 'major', from: 7 }, { name: 'medium', from: 4 }, { name: 'minor', from: 0.1 }], remediationDays: { critical: 15, major: 30, medium: 60, minor: 90 } };

  const securedScenario = (defaultLevelId: string | null): Promise<Scenario> =>
    scenarioWithIssueSecurity(defaultLevelId, [
      { id: '10200', name: 'Security team', members: [{ type: 'projectRole', roleName: 'atlassian-addons-project-access' }, { type: 'group', groupName: 'shop-developers' }] },
      { id: '10201', name: 'Everyone in SHOP', members: [{ type: 'projectRole', roleName: 'atlassian-addons-project-access' }, { type: 'projectRole', roleName: 'Developers' }] },
    ]);

  it('takes the severity from the CVSS table, the due date from the remediation window, and the project’s security level', async () => {
    sandbox = await Sandbox.create({ scenario: await securedScenario('10201'), asyncTimeScale: 0.01, retryDelayScale: 0.001 });
    const stored = await seed(source({ id: 'src-dependabot-01', kind: 'dependabot', rules: [], advisory: ADVISORY }));
    const alerts = await parsed('dependabot', 'dependabot-alert-created');
    const [finding] = alerts;
    if (finding?.advisory == null) throw new Error('fixture has no finding');

    await deliver(stored, alerts);
    await sandbox.runtime.drain();

    const key = (await incidentRecord(stored.id, finding.fingerprint)).issue?.key ?? '';
    const report = await appReport(sandbox, key);
    const score = finding.advisory.cvssScore ?? 0;
    const level = score >= 9 ? 'critical' : score >= 7 ? 'major' : score >= 4 ? 'medium' : 'minor';
    expect(report?.fields.raisedVia).toBe('security-report');
    expect(report?.severityHistory).toEqual([expect.objectContaining({ kind: 'decision', level, rule: `CVSS ${score.toFixed(1)}` })]);
    const fields = await fieldsOf(key);
    const days = ADVISORY.remediationDays[level];
    const firstSeen = (await incidentRecord(stored.id, finding.fingerprint)) as unknown as { firstSeenAt: string };
    expect(fields.duedate).toBe(new Date(Date.parse(firstSeen.firstSeenAt) + days * 86_400_000).toISOString().slice(0, 10));
    expect(fields.security?.name).toBe('Everyone in SHOP');
  });

  it('leaves the level unset where the project has no issue security', async () => {
    const stored = await seed(source({ id: 'src-generic-sec1', kind: 'generic', rules: [], advisory: ADVISORY }));
    const [finding] = (await parsed('generic', 'generic-firing')).filter((alert) => alert.advisory !== null);
    if (finding === undefined) throw new Error('fixture has no finding');
    await deliver(stored, [finding]);
    await sandbox.runtime.drain();

    const key = (await incidentRecord(stored.id, finding.fingerprint)).issue?.key ?? '';
    expect((await fieldsOf(key)).security).toBeUndefined();
    expect((await appReport(sandbox, key))?.severityHistory).toEqual([expect.objectContaining({ level: 'major', rule: 'CVSS 7.5' })]);
    expect((await fieldsOf(key)).duedate).not.toBeNull();
  });

  it('notes a fixed or dismissed finding instead of moving the issue', async () => {
    const stored = await seed(source({ id: 'src-dependabot-02', kind: 'dependabot', rules: [], advisory: ADVISORY }));
    const body = (await fixture('dependabot-alert-created')) as Record<string, unknown> & { alert: Record<string, unknown> };
    const created = parseAlert('dependabot', body);
    const fixed = parseAlert('dependabot', { ...body, action: 'fixed', alert: { ...body.alert, state: 'fixed', fixed_at: new Date().toISOString() } });
    if (!created.ok || !fixed.ok) throw new Error('fixture did not parse');
    await deliver(stored, created.alerts);
    await sandbox.runtime.drain();
    await deliver(stored, fixed.alerts);
    await sandbox.runtime.drain();

    const key = (await incidentRecord(stored.id, created.alerts[0]?.fingerprint ?? '')).issue?.key ?? '';
    const snapshot = await issueSnapshot(sandbox, key);
    expect(snapshot.comments.filter((comment) => comment.includes('reports this finding fixed or dismissed'))).toHaveLength(1);
    expect(snapshot.status).not.toMatch(/done|closed/i);
  });
});

describe('exactly one issue under faults', () => {
  for (const fault of [
    { name: 'a 429 (Jira did nothing)', rule: { kind: '429' as const, retryAfterSeconds: 30, times: 1 } },
    { name: 'a 500 before the write', rule: { kind: '500' as const, times: 1 } },
    { name: 'a 500 after the write (the answer is lost)', rule: { kind: '500' as const, afterWrite: true, times: 1 } },
  ]) {
    it(`ends with one incident when creating it meets ${fault.name}`, async () => {
      const stored = await seed(source());
      const alert = await firstAlert('alertmanager', 'alertmanager-firing');
      sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/issue$', ...fault.rule });

      await deliver(stored, [alert]);
      await sandbox.runtime.drain();

      expect(await alertIssues()).toHaveLength(1);
      const record = await incidentRecord(stored.id, alert.fingerprint);
      expect(record.occurrences).toBe(1);
      expect((await appReport(sandbox, record.issue?.key ?? ''))?.severityHistory).toHaveLength(1);
      if (fault.rule.kind === '429') {
        expect(sandbox.runtime.asyncEvents.deliveries).toContainEqual(expect.objectContaining({ outcome: 'retry-requested', retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryAfterSeconds: 30 }));
      }
    });
  }
});

describe('when Forge will not queue the event', () => {
  // Forge's minute is 1.8 s here: room for the filler and the first request within it, on a busy machine.
  const MINUTE_MS = 1_800;
  beforeEach(async () => {
    sandbox = await Sandbox.create({ scenario: 'minimal', asyncTimeScale: MINUTE_MS / 60_000, retryDelayScale: 0.001 });
  });

  it('keeps the firings, answers retry, and the sender’s retry of the same delivery queues them, counted once', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    // Another part of the app spent the installation's 500 events of this minute (a queue nobody reads here).
    const filler = new Queue({ key: 'filler' });
    for (let n = 0; n < 10; n += 1) await filler.push(Array.from({ length: 50 }, (_, i) => ({ body: { n: n * 50 + i } })));

    const refused = await deliver(stored, [alert], 'storm-delivery');

    expect(refused).toMatchObject({ kind: 'retry', retryAfterSeconds: 60 });
    expect(refused.message).toMatch(/^Stored 1 alert, but 1 of 1 alert could not be queued for processing \(Forge’s limit of 500 events a minute was reached\)\. Send the request again/);
    expect(intakeEvents()).toEqual([]);

    // Alertmanager retries a 5xx; by then Forge's minute has passed.
    await new Promise((resolve) => setTimeout(resolve, MINUTE_MS + 100));
    expect(await deliver(stored, [alert], 'storm-delivery')).toMatchObject({ kind: 'accepted' });
    await sandbox.runtime.drain();

    expect(await alertIssues()).toHaveLength(1);
    expect((await incidentRecord(stored.id, alert.fingerprint)).occurrences).toBe(1);
  });

  it('queues a row left without an event with its alert’s next firing', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    const filler = new Queue({ key: 'filler' });
    for (let n = 0; n < 10; n += 1) await filler.push(Array.from({ length: 50 }, (_, i) => ({ body: { n: n * 50 + i } })));
    expect((await deliver(stored, [alert])).kind).toBe('retry');

    await new Promise((resolve) => setTimeout(resolve, MINUTE_MS + 100));
    expect((await deliver(stored, [alert])).kind).toBe('accepted');
    await sandbox.runtime.drain();

    expect((await incidentRecord(stored.id, alert.fingerprint)).occurrences).toBe(2);
  });
});

describe('an alert storm', () => {
  it('makes 5 incidents with the right counts from 500 firings of 5 alerts, with far fewer than 500 events', async () => {
    const stored = await seed(source({ rules: [] }));
    const [template] = await parsed('alertmanager', 'alertmanager-firing');
    if (template === undefined) throw new Error('fixture has no alert');
    const alerts = Array.from({ length: 5 }, (_, n) => ({ ...template, fingerprint: `storm-${String(n)}`, title: `Storm alert ${String(n)}` }));

    // 100 requests of 5 firings each, ten at a time, while the consumer works.
    for (let wave = 0; wave < 10; wave += 1) {
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => deliver(stored, alerts)));
      expect(outcomes.every((outcome) => outcome.kind === 'accepted')).toBe(true);
    }
    await sandbox.runtime.drain();

    expect(await alertIssues()).toHaveLength(5);
    for (const alert of alerts) expect((await incidentRecord(stored.id, alert.fingerprint)).occurrences).toBe(100);
    expect(intakeEvents().length).toBeLessThan(100);
  });
});

describe('a source deleted before its events are processed', () => {
  it('drops the alert with a log line and opens nothing', async () => {
    const stored = source({ id: 'src-never-saved' });
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();

    expect(await alertIssues()).toEqual([]);
  });
});

describe('the Production report panel of an alert’s incident', () => {
  it('shows how often the alert fired and when last, and who decided the severity by which rule', async () => {
    const stored = await seed(source());
    const alert = await firstAlert('alertmanager', 'alertmanager-firing');
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    await deliver(stored, [alert]);
    await sandbox.runtime.drain();
    const record = await incidentRecord(stored.id, alert.fingerprint);

    const view = dataOf(await invokeResolver(sandbox, 'acc-devon-oncall', 'report/get', { issueKey: record.issue?.key ?? '' }));

    expect(view.alert).toEqual({ sourceName: 'Checkout Alertmanager', occurrences: 2, lastSeenAt: record.lastSeenAt });
    const decision = view.report?.severityHistory[0];
    expect(decision?.rule).toBe('Pages are critical');
    // Names, not ids: the app, which opened the issue, is its reporter, named as Jira names it.
    expect(view.issue.reporter).toEqual({ accountId: decision?.by, displayName: sandbox.scenario.site.appName });
  });
});
