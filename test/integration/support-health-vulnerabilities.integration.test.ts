/**
 * The health view's "Vulnerabilities fixed within their window" (issue 17, part 2), through the real
 * intake: advisories are parsed from the fixtures (`parseAlert`), accepted (`acceptDelivery`) and
 * turned into incidents by the consumer the sandbox delivers their events to. Time is moved the way
 * Forge's storage tools would: the app's alert record is told the finding was first reported days
 * ago (no resolver can backdate it), so its remediation window has ended; resolving the issue now is
 * then late, or in time.
 *
 * The scenario's SHOP board has Sprint 1 (closed, 18 days ago) and Sprint 2 (active), so the span
 * the view covers began about 18 days before now. Windows: Critical 7 days, Major 14, Medium 30,
 * Minor 60. T0 is today's midnight, UTC; each finding was first reported at noon on some day:
 *   F1 Dependabot fixture, CVSS 9.8 Critical, reported T0−10 d, due T0−3 d; resolved now      late
 *   F2 generic, CVSS 9.1 Critical, reported T0−2 d, due T0+5 d; resolved now                  in time
 *   F3 generic fixture, CVSS 7.5 Major, reported T0−20 d, due T0−6 d; open                    open past due
 *      (its Jira Due date is then edited a month on and its label removed: changes nothing)
 *   F4 generic, CVSS 7.2 Major, reported T0−16 d, due T0−2 d; open, only Devon may see it     open past due
 *   F5 generic, no CVSS score: the triager decides later                                      not yet decided
 *   and the generic fixture's monitoring alert, an incident but no finding: not counted.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeEach, describe, expect, it } from 'vitest';

import type { ResolverResult } from '../../src/contract/result';
import type { SupportHealthView } from '../../src/contract/support-health.contract';
import type { AlertSourceKind, IncomingAlert } from '../../src/domain/intake/incoming-alert';
import { parseAlert } from '../../src/domain/intake/parse-alert';
import { acceptDelivery } from '../../src/entry/intake/accept-delivery';
import { alertSourceOf, saveAlertSource, type StoredAlertSource } from '../../src/storage/alert-source.store';
import type { Scenario } from '../../sandbox/jira/index';
import { scenarioWithIssueSecurity } from '../support/intake';
import { Sandbox } from '../../sandbox/sandbox';
import { issueIdOf } from '../support/app-storage';
import { jiraCall, searchKeys } from '../support/jira-helpers';
import { invokeAs } from '../support/sandbox-harness';

const FIXTURES = join(__dirname, '..', 'fixtures', 'alerts');
const fixture = async (name: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;

const DEVON = 'acc-devon-oncall';
const RITA = 'acc-rita-support';
const GADGET = 'capacity-gadget';
const SHOP_ID = '10000';
const INCIDENT_TYPE = '10005';
const DEVON_ONLY = '10101';
const DAY = 86_400_000;
const ADVISORY = { cvssTable: [{ name: 'critical', from: 9 }, { name: 'major', from: 7 }, { name: 'medium', from: 4 }, { name: 'minor', from: 0.1 }], remediationDays: { critical: 7, major: 14, medium: 30, minor: 60 } };

let sandbox: Sandbox;
let deliveries = 0;
/** Issue keys of the findings, by name. */
let keys: Record<'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'monitoring', string>;
let T0 = 0;

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const source = (id: string, kind: AlertSourceKind): StoredAlertSource => ({
  id,
  projectId: SHOP_ID,
  name: kind === 'dependabot' ? 'Shop Dependabot' : 'Image scanner',
  kind,
  issueTypeId: INCIDENT_TYPE,
  rules: [],
  commentIntervalMinutes: 60,
  advisory: ADVISORY,
  version: 1,
  url: null,
  urlId: null,
  secretHint: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: DEVON,
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: DEVON,
});

const deliver = async (stored: StoredAlertSource, kind: AlertSourceKind, body: unknown): Promise<readonly IncomingAlert[]> => {
  const parsed = parseAlert(kind, body);
  if (!parsed.ok) throw new Error(parsed.reason);
  await acceptDelivery({ source: alertSourceOf(stored), alerts: parsed.alerts, deliveryKey: `delivery-${String((deliveries += 1))}`, receivedAt: new Date().toISOString(), test: false });
  return parsed.alerts;
};

/** SHOP with an issue security level only Devon (and the app) may see; findings open under the default, everyone's. */
const securedScenario = (): Promise<Scenario> =>
  scenarioWithIssueSecurity('10102', [
    { id: DEVON_ONLY, name: 'Devon only', members: [{ type: 'projectRole', roleName: 'atlassian-addons-project-access' }, { type: 'user', accountId: DEVON }] },
    { id: '10102', name: 'Everyone in SHOP', members: [{ type: 'projectRole', roleName: 'atlassian-addons-project-access' }, { type: 'group', groupName: 'jira-software-users' }] },
  ]);

interface IncidentRow {
  readonly version: number;
  readonly sourceId: string;
  readonly issueId: string;
  readonly document: Record<string, unknown> & { firstSeenAt: string | null };
}

/** The app's alert record of an issue's finding, and its key, as Forge's storage tools see them. */
const recordOf = async (issueKey: string): Promise<[string, IncidentRow]> => {
  const id = await issueIdOf(sandbox, issueKey);
  const rows = (sandbox.kvs.dump().entities['alert-incident'] ?? {}) as Record<string, IncidentRow>;
  const found = Object.entries(rows).find(([, row]) => row.issueId === id);
  if (found === undefined) throw new Error(`No alert record points at ${issueKey}`);
  return found;
};

/**
 * Tells the app's record the finding was first reported at noon `days` before today (UTC), and
 * gives the issue the Due date the intake would have written then (`window` days on), when known.
 */
const reportedDaysAgo = async (issueKey: string, days: number, window?: number): Promise<void> => {
  const [key, row] = await recordOf(issueKey);
  const value = { ...row, version: row.version + 1, document: { ...row.document, firstSeenAt: new Date(T0 - days * DAY + DAY / 2).toISOString() } };
  const response = await sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName: 'alert-incident', key, value }) });
  if (!response.ok) throw new Error(`KVS set failed: ${String(response.status)}`);
  if (window === undefined) return;
  expect((await jiraCall(sandbox, 'app', 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { duedate: dateOf(T0 + (window - days) * DAY) } })).status).toBe(204);
};

const resolveIssue = async (key: string): Promise<void> => {
  const transitions = await jiraCall<{ transitions: Array<{ id: string; to: { statusCategory: { key: string } } }> }>(sandbox, DEVON, 'GET', `/rest/api/3/issue/${key}/transitions`);
  const done = transitions.body.transitions.find((transition) => transition.to.statusCategory.key === 'done');
  if (done === undefined) throw new Error(`No transition to Done from ${key}`);
  expect((await jiraCall(sandbox, DEVON, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done.id } })).status).toBe(204);
};

const keyBySummary = async (summary: string): Promise<string> => {
  const found = await jiraCall<{ issues: Array<{ key: string; fields: { summary: string } }> }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'labels = "firebreak-alert"', fields: ['summary'], maxResults: 100 });
  const issue = found.body.issues.find((candidate) => candidate.fields.summary === summary);
  if (issue === undefined) throw new Error(`No incident “${summary}”`);
  return issue.key;
};

const health = async (as: string): Promise<ResolverResult<unknown>> => invokeAs(sandbox, as, 'capacity/health', { boardId: 1, periods: 6, criteria: null }, GADGET);
const vulnerabilities = async (as: string): Promise<SupportHealthView['vulnerabilities'] & { notes: string[] }> => {
  const result = await health(as);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const view = result.data as SupportHealthView;
  return { ...view.vulnerabilities, notes: view.notes };
};

const genericFinding = (n: number, cvss: number | null) => ({
  id: `CVE-2026-5000${String(n)}:npm/pkg-${String(n)}`,
  status: 'firing',
  title: `CVE-2026-5000${String(n)} in pkg-${String(n)}`,
  description: 'Found by the nightly scan.',
  startedAt: new Date().toISOString(),
  advisory: { cve: `CVE-2026-5000${String(n)}`, ...(cvss === null ? {} : { cvss }), package: `npm/pkg-${String(n)}`, fixedVersion: '1.2.3' },
});

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: await securedScenario(), asyncTimeScale: 0.01, retryDelayScale: 0.001 });
  const now = Date.now();
  T0 = now - (now % DAY);
  const dependabot = source('src-vuln-dependabot', 'dependabot');
  const scanner = source('src-vuln-scanner', 'generic');
  expect(await saveAlertSource(dependabot, 0)).toBe('saved');
  expect(await saveAlertSource(scanner, 0)).toBe('saved');

  const [f1] = await deliver(dependabot, 'dependabot', await fixture('dependabot-alert-created'));
  const fromFixture = await deliver(scanner, 'generic', await fixture('generic-firing'));
  const synthetic = await deliver(scanner, 'generic', { version: '1', alerts: [genericFinding(2, 9.1), genericFinding(4, 7.2), genericFinding(5, null)] });
  await sandbox.runtime.drain();

  const [monitoring, f3] = fromFixture;
  const [f2, f4, f5] = synthetic;
  if (f1 === undefined || monitoring === undefined || f3 === undefined || f2 === undefined || f4 === undefined || f5 === undefined) throw new Error('the fixtures lost an alert');
  keys = {
    F1: await keyBySummary(f1.title),
    F2: await keyBySummary(f2.title),
    F3: await keyBySummary(f3.title),
    F4: await keyBySummary(f4.title),
    F5: await keyBySummary(f5.title),
    monitoring: await keyBySummary(monitoring.title),
  };
  await reportedDaysAgo(keys.F1, 10, 7);
  await reportedDaysAgo(keys.F2, 2, 7);
  await reportedDaysAgo(keys.F3, 20, 14);
  await reportedDaysAgo(keys.F4, 16, 14);
  await resolveIssue(keys.F1);
  await resolveIssue(keys.F2);
  await resolveIssue(keys.monitoring);
  expect((await jiraCall(sandbox, DEVON, 'PUT', `/rest/api/3/issue/${keys.F4}`, { fields: { security: { id: DEVON_ONLY } } })).status).toBe(204);
});

describe('capacity/health: vulnerabilities fixed within their window', () => {
  it('counts per level, in the policy’s order, from the app’s own record: in time, late, open past due, and not yet decided', async () => {
    const result = await vulnerabilities(DEVON);

    expect(result.levels).toEqual([
      { id: 'critical', name: 'Critical', rank: 0, due: 2, onTime: 1, late: 1, openPastDue: 0, withoutWindow: 0, share: 0.5 },
      { id: 'major', name: 'Major', rank: 1, due: 2, onTime: 0, late: 0, openPastDue: 2, withoutWindow: 0, share: 0 },
      { id: 'not-decided', name: 'Not yet decided', rank: null, due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 1, share: null },
    ]);
    expect(result.total).toEqual({ due: 4, onTime: 1, late: 1, openPastDue: 2, withoutWindow: 1, share: 0.25 });
    // Most overdue first; 6 and 2 days after the due day, and the part of today that has gone.
    expect(result.overdue.map((row) => [row.key, row.levelName, row.dueDate, row.jiraDueDate])).toEqual([
      [keys.F3, 'Major', dateOf(T0 - 6 * DAY), null],
      [keys.F4, 'Major', dateOf(T0 - 2 * DAY), null],
    ]);
    expect(result.overdue[0]?.daysOverdue).toBeGreaterThanOrEqual(5);
    expect(result.overdue[0]?.daysOverdue).toBeLessThanOrEqual(6);
    expect(result.overdue[0]?.summary).toBe('CVE-2026-40001 in org.example:xml-kit');
    expect(JSON.stringify(result)).not.toContain(keys.monitoring);
    expect(result.notes.some((note) => note.startsWith('Vulnerabilities: '))).toBe(true);
  });

  it('neither counts nor names a finding the viewer may not browse', async () => {
    const result = await vulnerabilities(RITA);

    expect(result.levels.find((row) => row.id === 'major')).toMatchObject({ due: 1, openPastDue: 1 });
    expect(result.total).toMatchObject({ due: 3, onTime: 1, late: 1, openPastDue: 1 });
    expect(result.overdue.map((row) => row.key)).toEqual([keys.F3]);
    expect(JSON.stringify(result)).not.toContain(keys.F4);
  });

  it('judges by the app’s record, not by a Due date anyone may edit, nor by the label anyone may remove; and says the Jira date differs', async () => {
    const forged = dateOf(T0 + 30 * DAY);
    const edit = await jiraCall(sandbox, DEVON, 'PUT', `/rest/api/3/issue/${keys.F3}`, { fields: { duedate: forged }, update: { labels: [{ remove: 'firebreak-alert' }] } });
    expect(edit.status).toBe(204);
    expect(await searchKeys(sandbox, `key = ${keys.F3} AND labels = "firebreak-alert"`)).toEqual([]);

    const result = await vulnerabilities(DEVON);

    expect(result.total).toEqual({ due: 4, onTime: 1, late: 1, openPastDue: 2, withoutWindow: 1, share: 0.25 });
    expect(result.overdue[0]).toMatchObject({ key: keys.F3, dueDate: dateOf(T0 - 6 * DAY), jiraDueDate: forged });
    expect(result.jiraDueDateMoved).toBe(1);
  });

  it('counts a finding without a score under the level a triager decides later, from when it was first reported', async () => {
    await reportedDaysAgo(keys.F5, 70);
    const decided = await invokeAs(sandbox, DEVON, 'triage/decideSeverity', { issueKey: keys.F5, level: 'minor', reason: 'Only reachable from the admin console.', baseRevision: 1 });
    expect(decided).toMatchObject({ ok: true });

    const result = await vulnerabilities(DEVON);

    expect(result.levels.map((row) => row.id)).toEqual(['critical', 'major', 'minor']);
    // Minor's 60 days from 70 days ago ended 10 days ago.
    expect(result.levels.find((row) => row.id === 'minor')).toMatchObject({ due: 1, openPastDue: 1, withoutWindow: 0 });
    expect(result.overdue.map((row) => [row.key, row.dueDate])).toContainEqual([keys.F5, dateOf(T0 - 10 * DAY)]);
  });

  it('rides out a 429 on the searches, and says in a sentence when Jira fails instead of showing figures it could not read', async () => {
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/search/jql$', kind: '429', retryAfterSeconds: 1, times: 2 });
    expect((await vulnerabilities(DEVON)).total).toEqual({ due: 4, onTime: 1, late: 1, openPastDue: 2, withoutWindow: 1, share: 0.25 });

    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/search/jql$', kind: '500' });
    const failed = await health(DEVON);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.message).toMatch(/^[A-Z].*\.$/);
    expect(failed.error.message).not.toMatch(/at .*\.ts|Error:/);
  });

  it('shows nothing for a project without findings, and the health view stays as it was', async () => {
    sandbox = await Sandbox.create({ scenario: 'minimal' });
    const result = await vulnerabilities(DEVON);
    expect(result.levels).toEqual([]);
    expect(result.total.share).toBeNull();
    expect(result.notes.some((note) => note.startsWith('Vulnerabilities: '))).toBe(false);
  });
});
