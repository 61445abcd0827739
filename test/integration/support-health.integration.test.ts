/**
 * Support health against a scenario computed by hand, through the sandbox (real handlers, real
 * @forge packages, the Jira emulator). The app's records (decisions, guideline dates, first
 * responses, send-backs) are written into its storage as Forge's storage tools would, dated in the
 * scenario's past, which no resolver can do with today's clock.
 *
 * Sprint 1 (closed, 2 Nov 09:00 – 13 Nov 09:00 UTC), by hand:
 *   SHOP-1 incident, arrived 3 Nov 10:00, Critical decided 10:00 due 11:00, answered 10:30   met;  resolved 5 Nov 10:00 (48 h)
 *   SHOP-2 incident, arrived 4 Nov 10:00, Critical decided 10:00 due 11:00, sent back 10:15–11:15,
 *          answered 11:45: 105 min less 60 min waiting = 45 min                               met;  resolved 20:00 (10 h − 1 h = 9 h)
 *   SHOP-3 incident, arrived 6 Nov 09:00, Critical decided 09:00 due 10:00, never answered   breached (open, date passed)
 *   SHOP-4 support request, arrived 7 Nov 10:00, Major decided 10:00 due 14:00, answered 11:00 met
 *          (its issue property is forged to say Critical: changes nothing)
 *   SHOP-5 bug, no record: not support under the default criteria
 *   SHOP-6 incident, arrived 9 Nov, never decided                                             no guideline
 *   SHOP-7 story: not support
 *   SHOP-8 incident, arrived 20 Oct, Major, resolved 10 Nov 10:00 (21 days): resolved only
 *   SHOP-9 incident, arrived 10 Nov, decided "Blocker", a level the scale no longer has
 *   → arrived 6, resolved 3; Critical 3 in / 2 out, 2 met 1 breached, acknowledge mean (30 + 45) / 2 =
 *     37.5 min, resolve mean (48 + 9) / 2 = 28.5 h; Major 1 in / 1 out, 1 met; Blocker 1; not decided 1;
 *     the sprint 3 of 4 guideline dates met (75 %).
 * Sprint 2 (active, from 16 Nov 09:00; the scenario's now is 20 Nov 12:00):
 *   SHOP-10 incident, arrived 20 Nov 11:30, Critical decided 11:30 due 12:30, not answered  pending
 *
 * Stakeholder updates (issue 16), Critical every 30 minutes, Major every 2 hours (the default policy):
 *   SHOP-1  updates 10:20 (next by 10:50, on time), 11:05 (answers 10:50: late; next by 11:35),
 *           the closing update (answers nothing); resolved 5 Nov, 11:35 passed: missed  → 3 due, 1 on time
 *   SHOP-2  a 429'd update at 10:25 (not sent, not counted), 10:29 (next by 10:59) on time;
 *           resolved 20:00, 10:59 passed: missed                                         → 2 due, 1 on time
 *   SHOP-3  no update; due 09:30 passed                                                   → 1 due, 0 on time
 *           (under a security level only Devon may see)
 *   SHOP-4  Major, 11:00 (next by 13:00) on time; open, 13:00 passed                      → 2 due, 1 on time
 *   SHOP-8  Major, no update; resolved 21 days on                                         → 1 due, 0 on time
 *   SHOP-9  Blocker: no level of the scale, no cadence                                    → not counted
 *   SHOP-10 Critical, 11:45 (next by 12:15) on time; 12:15 not yet come                   → 1 due, 1 on time
 *   → 10 due, 4 on time.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { EMPTY_REPORT_FIELDS, type StoredReport } from '../../src/contract/report.contract';
import { levelCommunication, type AppliedPolicyState, type SeverityPolicy } from '../../src/contract/policy.contract';
import type { ResolverResult } from '../../src/contract/result';
import type { SupportHealthView } from '../../src/contract/support-health.contract';
import { MINIMAL_SCENARIO_PATH, type ScenarioInput } from '../../sandbox/jira';
import { Sandbox } from '../../sandbox/sandbox';
import { readFileSync } from 'node:fs';
import { invokeAs } from '../support/sandbox-harness';

const DEVON = 'acc-devon-oncall';
const OTTO = 'acc-otto-ops';
const RITA = 'acc-rita-support';
const GADGET = 'capacity-gadget';
const MIN = 60;
const HOUR = 3600;

const at = (day: number, hour: number, minute = 0, month = 10): string => new Date(Date.UTC(2026, month, day, hour, minute)).toISOString();

interface IssueSpec {
  readonly key: string;
  readonly type: 'story' | 'bug' | 'incident' | 'support';
  readonly created: string;
  readonly resolved?: string;
  readonly properties?: Record<string, unknown>;
  /** An issue security level only Devon may see. */
  readonly devonOnly?: boolean;
}
const TYPE_IDS = { story: '10001', bug: '10002', incident: '10005', support: '10006' } as const;

const ISSUES: IssueSpec[] = [
  { key: 'SHOP-1', type: 'incident', created: at(3, 10), resolved: at(5, 10) },
  { key: 'SHOP-2', type: 'incident', created: at(4, 10), resolved: at(4, 20) },
  { key: 'SHOP-3', type: 'incident', created: at(6, 9), devonOnly: true },
  { key: 'SHOP-4', type: 'support', created: at(7, 10), properties: { 'firebreak-report': { search: { decidedSeverity: 'critical', kind: 'incident', ready: 'yes', waitingForReporter: 'no' } } } },
  { key: 'SHOP-5', type: 'bug', created: at(8, 10) },
  { key: 'SHOP-6', type: 'incident', created: at(9, 10) },
  { key: 'SHOP-7', type: 'story', created: at(5, 10) },
  { key: 'SHOP-8', type: 'incident', created: at(20, 10, 0, 9), resolved: at(10, 10) },
  { key: 'SHOP-9', type: 'incident', created: at(10, 10) },
  { key: 'SHOP-10', type: 'incident', created: at(20, 11, 30) },
];

interface RecordSpec {
  readonly level: string;
  readonly levelName: string;
  readonly decidedAt: string;
  readonly kind?: 'incident' | 'support-request';
  readonly dueAt?: string;
  readonly firstResponseAt?: string;
  readonly sendBack?: { readonly sentAt: string; readonly returnedAt: string };
}

const RECORDS: Readonly<Record<string, RecordSpec>> = {
  'SHOP-1': { level: 'critical', levelName: 'Critical', decidedAt: at(3, 10), dueAt: at(3, 11), firstResponseAt: at(3, 10, 30), kind: 'incident' },
  'SHOP-2': { level: 'critical', levelName: 'Critical', decidedAt: at(4, 10), dueAt: at(4, 11), firstResponseAt: at(4, 11, 45), kind: 'incident', sendBack: { sentAt: at(4, 10, 15), returnedAt: at(4, 11, 15) } },
  'SHOP-3': { level: 'critical', levelName: 'Critical', decidedAt: at(6, 9), dueAt: at(6, 10), kind: 'incident' },
  'SHOP-4': { level: 'major', levelName: 'Major', decidedAt: at(7, 10), dueAt: at(7, 14), firstResponseAt: at(7, 11), kind: 'support-request' },
  'SHOP-8': { level: 'major', levelName: 'Major', decidedAt: at(20, 10, 0, 9), dueAt: at(20, 14, 0, 9), firstResponseAt: at(20, 11, 0, 9) },
  'SHOP-9': { level: 'blocker', levelName: 'Blocker', decidedAt: at(10, 10) },
  'SHOP-10': { level: 'critical', levelName: 'Critical', decidedAt: at(20, 11, 30), dueAt: at(20, 12, 30), kind: 'incident' },
};

const scenario = (): ScenarioInput => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>>; boards: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  return {
    ...base,
    name: 'support-health-by-hand',
    issueLinks: [],
    issueSecuritySchemes: [{ id: '10100', name: 'Incident response', defaultLevelId: null, levels: [{ id: '10101', name: 'Devon only', members: [{ type: 'user', accountId: DEVON }] }] }],
    projects: base.projects.map((project) => (project.key === 'SHOP' ? { ...project, issueSecuritySchemeId: '10100' } : project)),
    boards: [...base.boards, { ...base.boards[0], id: 2, name: 'SHOP support flow', type: 'kanban' }],
    issues: ISSUES.map((spec, index) => ({
      ...template,
      id: String(30001 + index),
      key: spec.key,
      issueTypeId: TYPE_IDS[spec.type],
      summary: `${spec.key} summary`,
      created: spec.created,
      updated: spec.resolved ?? spec.created,
      statusId: spec.resolved === undefined ? '10000' : '10004',
      resolutionId: spec.resolved === undefined ? undefined : '10000',
      resolutiondate: spec.resolved ?? null,
      sprintIds: [],
      changelog: [],
      comments: [],
      labels: [],
      worklogs: [],
      customFields: {},
      properties: spec.properties ?? {},
      securityLevelId: spec.devonOnly === true ? '10101' : null,
    })),
  } as unknown as ScenarioInput;
};

let sandbox: Sandbox;
/** How far the sandbox moved the scenario's dates so that its "now" is the moment it loaded. */
let shiftMs = 0;
const shifted = (iso: string): string => new Date(Date.parse(iso) + shiftMs).toISOString();

const setEntity = async (entityName: string, key: string, value: unknown): Promise<void> => {
  const response = await sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName, key, value }) });
  if (!response.ok) throw new Error(`KVS set failed: ${String(response.status)}`);
};

const writeRecords = async (): Promise<void> => {
  for (const [key, spec] of Object.entries(RECORDS)) {
    const id = String(30001 + ISSUES.findIndex((issue) => issue.key === key));
    const report: StoredReport = {
      schemaVersion: 2,
      revision: 2,
      fields: EMPTY_REPORT_FIELDS,
      severityHistory: [{ kind: 'decision', level: spec.level, levelName: spec.levelName, by: DEVON, at: shifted(spec.decidedAt) }],
      classification: spec.kind === undefined ? null : { level: 'code-or-data', kind: spec.kind, classOfService: 'bug-asap', classifiedBy: DEVON, classifiedAt: shifted(spec.decidedAt) },
      manualChecks: {},
      sendBacks:
        spec.sendBack === undefined
          ? []
          : [{ sentAt: shifted(spec.sendBack.sentAt), sentBy: DEVON, missing: [], previousAssignee: null, previousStatus: 'New', returnedAt: shifted(spec.sendBack.returnedAt) }],
      search: { decidedSeverity: spec.level, ready: 'yes', waitingForReporter: 'no' },
      updatedAt: shifted(spec.decidedAt),
      updatedBy: DEVON,
    };
    await setEntity('issue-report', id, { issueKey: key, projectKey: 'SHOP', version: 2, updatedAt: report.updatedAt, document: report });
    if (spec.dueAt === undefined) continue;
    const state: AppliedPolicyState = {
      schemaVersion: 1,
      decisionAt: shifted(spec.decidedAt),
      level: spec.level,
      responseDueAt: shifted(spec.dueAt),
      nextUpdateDueAt: null,
      commented: true,
      ...(spec.firstResponseAt === undefined ? {} : { firstResponseAt: shifted(spec.firstResponseAt) }),
      remindedFor: [],
    };
    await setEntity('issue-policy', id, { issueKey: key, projectKey: 'SHOP', version: 1, reminding: 'no', nextUpdateDueAt: '', document: state });
  }
};

interface UpdateSpec {
  readonly key: string;
  readonly actionId: string;
  readonly at: string;
  readonly nextDueAt: string | null;
  readonly kind?: 'update' | 'nothing-new' | 'closing';
  readonly status?: 'sent' | 'failed';
}

/** The stakeholder updates of the header, kept as the app keeps them (one KVS key per update). */
const UPDATES: readonly UpdateSpec[] = [
  { key: 'SHOP-1', actionId: 'act-shop1-a', at: at(3, 10, 20), nextDueAt: at(3, 10, 50) },
  { key: 'SHOP-1', actionId: 'act-shop1-b', at: at(3, 11, 5), nextDueAt: at(3, 11, 35), kind: 'nothing-new' },
  { key: 'SHOP-1', actionId: 'closing-update', at: at(5, 10), nextDueAt: null, kind: 'closing' },
  { key: 'SHOP-2', actionId: 'act-shop2-a', at: at(4, 10, 25), nextDueAt: at(4, 10, 55), status: 'failed' },
  { key: 'SHOP-2', actionId: 'act-shop2-b', at: at(4, 10, 29), nextDueAt: at(4, 10, 59) },
  { key: 'SHOP-4', actionId: 'act-shop4-a', at: at(7, 11), nextDueAt: at(7, 13) },
  { key: 'SHOP-10', actionId: 'act-shop10-a', at: at(20, 11, 45), nextDueAt: at(20, 12, 15) },
];

const writeUpdates = async (): Promise<void> => {
  for (const spec of UPDATES) {
    const issueId = String(30001 + ISSUES.findIndex((issue) => issue.key === spec.key));
    const value = {
      issueId,
      issueKey: spec.key,
      actionId: spec.actionId,
      kind: spec.kind ?? 'update',
      by: { accountId: DEVON, displayName: 'Devon Park' },
      at: shifted(spec.at),
      text: 'Rolling back build 412.',
      subject: `CRITICAL ISSUE UPDATE: ${spec.key} summary`,
      audience: 'the reporter, assignee and watchers',
      nextDueAt: spec.nextDueAt === null ? null : shifted(spec.nextDueAt),
      status: spec.status ?? 'sent',
    };
    const response = await sandbox.kvs.handle('/api/v1/set', { method: 'POST', body: JSON.stringify({ key: `stakeholder-update:${issueId}:${spec.actionId}`, value }) });
    if (!response.ok) throw new Error(`KVS set failed: ${String(response.status)}`);
  }
};

const health = async (as: string, boardId = 1, periods = 6): Promise<ResolverResult<unknown>> => invokeAs(sandbox, as, 'capacity/health', { boardId, periods, criteria: null }, GADGET);

const view = (result: ResolverResult<unknown>): SupportHealthView => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as SupportHealthView;
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: scenario() as never });
  // Jira serves `created` to the millisecond (a sprint's dates may not be), so the shift is exact.
  const first = await sandbox.jira.handle({ kind: 'app' }, { method: 'GET', path: '/rest/api/3/issue/SHOP-1?fields=created' });
  shiftMs = Date.parse((JSON.parse(first.body) as { fields: { created: string } }).fields.created) - Date.parse(ISSUES[0]?.created ?? '');
  await writeRecords();
  await writeUpdates();
});

describe('capacity/health', () => {
  it('counts a sprint’s arrivals, resolutions, compliance and times per severity, by hand', async () => {
    const result = view(await health(DEVON));
    const sprint = result.periods[0];

    expect(result.periodKind).toBe('sprint');
    expect(result.periods.map((period) => [period.name, period.state])).toEqual([
      ['SHOP Sprint 1', 'closed'],
      ['SHOP Sprint 2', 'active'],
    ]);
    expect([sprint?.arrived, sprint?.resolved]).toEqual([6, 3]);
    expect(sprint?.bySeverity).toEqual([
      {
        id: 'critical',
        name: 'Critical',
        rank: 0,
        arrived: 3,
        resolved: 2,
        compliance: { met: 2, breached: 1, pending: 0, share: 2 / 3 },
        acknowledge: { count: 2, meanSeconds: 37.5 * MIN, medianSeconds: 37.5 * MIN },
        resolve: { count: 2, meanSeconds: 28.5 * HOUR, medianSeconds: 28.5 * HOUR },
      },
      {
        id: 'major',
        name: 'Major',
        rank: 1,
        arrived: 1,
        resolved: 1,
        compliance: { met: 1, breached: 0, pending: 0, share: 1 },
        acknowledge: { count: 1, meanSeconds: HOUR, medianSeconds: HOUR },
        resolve: { count: 1, meanSeconds: 21 * 24 * HOUR, medianSeconds: 21 * 24 * HOUR },
      },
      { id: 'blocker', name: 'Blocker (no longer in the scale)', rank: null, arrived: 1, resolved: 0, compliance: { met: 0, breached: 0, pending: 0, share: null }, acknowledge: null, resolve: null },
      { id: 'not-decided', name: 'Not decided', rank: null, arrived: 1, resolved: 0, compliance: { met: 0, breached: 0, pending: 0, share: null }, acknowledge: null, resolve: null },
    ]);
    expect(sprint?.byKind.map((kind) => [kind.name, kind.arrived, kind.resolved])).toEqual([
      ['Incident', 3, 2],
      ['Support request', 1, 0],
      ['Not classified', 2, 1],
    ]);
    expect(sprint?.compliance).toEqual({ met: 3, breached: 1, pending: 0, share: 0.75 });
  });

  it('leaves waiting for the reporter out: SHOP-2 answered 45 minutes after the decision, not 105', async () => {
    const critical = view(await health(DEVON)).periods[0]?.bySeverity[0];
    // Counted with the waiting, SHOP-2 would be breached (2 of 3 breached) and acknowledged in 105 min.
    expect(critical?.compliance.met).toBe(2);
    expect(critical?.acknowledge?.meanSeconds).toBe((30 + 45) / 2 * MIN);
  });

  it('counts the severity the app decided, not a forged issue property', async () => {
    const sprint = view(await health(DEVON)).periods[0];
    expect(sprint?.bySeverity.find((row) => row.id === 'critical')?.arrived).toBe(3);
    expect(sprint?.bySeverity.find((row) => row.id === 'major')?.arrived).toBe(1);
  });

  it('keeps an open issue whose guideline date has not come yet pending, and sums every period', async () => {
    const result = view(await health(DEVON));
    expect(result.periods[1]).toMatchObject({ arrived: 1, resolved: 0, compliance: { met: 0, breached: 0, pending: 1, share: null } });
    expect(result.overall).toEqual({ met: 3, breached: 1, pending: 1, share: 0.75 });
  });

  it('shows a Kanban board by ISO week, ending with this week', async () => {
    const result = view(await health(DEVON, 2, 3));

    expect(result.periodKind).toBe('week');
    expect(result.periods.map((period) => period.state)).toEqual(['week', 'week', 'week']);
    const [first, , last] = result.periods;
    if (first === undefined || last === undefined) throw new Error('three weeks expected');
    // Monday to Monday, consecutive, the last one holding now.
    expect(new Date(first.start).getUTCDay()).toBe(1);
    expect(Date.parse(last.end) - Date.parse(first.start)).toBe(21 * 24 * HOUR * 1000);
    expect(Date.parse(last.start) <= Date.now() && Date.now() < Date.parse(last.end)).toBe(true);
    // The weeks share out the support issues that arrived in them, each counted once.
    const support = ISSUES.filter((issue) => issue.type === 'incident' || issue.type === 'support').map((issue) => Date.parse(shifted(issue.created)));
    const inRange = support.filter((created) => created >= Date.parse(first.start) && created < Date.parse(last.end)).length;
    expect(result.periods.reduce((total, period) => total + period.arrived, 0)).toBe(inRange);
    expect(result.notes[0]).toContain('by week');
  });

  it('counts only what the viewer may browse: someone without access to SHOP is told, and sees no figure', async () => {
    const devon = view(await health(DEVON));
    expect(devon.periods[0]?.arrived).toBe(6);
    expect(await health(OTTO)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('reads one JQL search per period as the viewer (plus one for security findings) and no changelog', async () => {
    sandbox.jira.metering.reset();
    view(await health(DEVON));
    const paths = JSON.stringify(sandbox.jira.metering.snapshot());
    expect(paths).not.toContain('changelog');
    // The board, its sprints, one search per sprint, one for the findings (vulnerabilities fixed in time).
    expect(sandbox.jira.metering.snapshot().total.calls).toBeLessThanOrEqual(2 + 2 + 1);
  });
});

describe('capacity/health with the gadget’s own criteria', () => {
  const criteria = (jql: string) => ({ kinds: [], classesOfService: [], issueTypes: ['Support request'], labels: [], jql });

  it('counts what a JQL clause adds, only within the board’s project and the periods', async () => {
    const result = await invokeAs(sandbox, DEVON, 'capacity/health', { boardId: 1, periods: 6, criteria: criteria('issuetype = Story') }, GADGET);
    // Support requests (SHOP-4) and stories (SHOP-7) now; incidents no longer.
    expect(view(result).periods[0]).toMatchObject({ arrived: 2, resolved: 0 });
  });

  it.each(['issuetype = Story) OR (issuetype = Bug', 'summary ~ "open', 'issuetype = Story)'])('refuses a clause that would escape its filter: %s', async (jql) => {
    const result = await invokeAs(sandbox, DEVON, 'capacity/health', { boardId: 1, periods: 6, criteria: criteria(jql) }, GADGET);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'criteria.jql' } });
  });
});

describe('capacity/health: on-time stakeholder updates (issue 16)', () => {
  const rows = (result: SupportHealthView) => result.updates.incidents.map((row) => [row.key, row.levelName, row.due, row.onTime, row.late, row.missed]);

  it('counts each incident’s updates against the due times they answered, by hand, newest incident first', async () => {
    const result = view(await health(DEVON));
    expect(rows(result)).toEqual([
      ['SHOP-10', 'Critical', 1, 1, 0, 0],
      ['SHOP-4', 'Major', 2, 1, 0, 1],
      ['SHOP-3', 'Critical', 1, 0, 0, 1],
      ['SHOP-2', 'Critical', 2, 1, 0, 1],
      ['SHOP-1', 'Critical', 3, 1, 1, 1],
      ['SHOP-8', 'Major', 1, 0, 0, 1],
    ]);
    expect(result.updates.incidents.find((row) => row.key === 'SHOP-1')).toMatchObject({ summary: 'SHOP-1 summary', share: 1 / 3 });
    expect(result.updates.total).toEqual({ incidents: 6, due: 10, onTime: 4, share: 0.4 });
    expect(result.updates.unlisted).toBe(0);
    expect(result.notes.at(-1)).toMatch(/^Stakeholder updates: .*on time if sent by then/);
  });

  it('neither counts nor names an incident the viewer may not see', async () => {
    const result = view(await health(RITA));
    expect(result.updates.incidents.map((row) => row.key)).not.toContain('SHOP-3');
    expect(JSON.stringify(result)).not.toContain('SHOP-3');
    expect(result.updates.total).toEqual({ incidents: 5, due: 9, onTime: 4, share: 4 / 9 });
  });

  it('leaves out levels without an update cadence, and levels whose policy says no direct communication', async () => {
    const current = view(await invokeAs(sandbox, DEVON, 'policy/getProject', { projectKey: 'SHOP' }, 'project-settings')) as unknown as { policy: SeverityPolicy; version: number };
    const levels = current.policy.levels.map((level) =>
      level.id === 'major' ? { ...level, updateCadenceMinutes: null } : level.id === 'critical' ? { ...level, communication: { ...levelCommunication(level), direct: false } } : level,
    );
    const saved = await invokeAs(sandbox, DEVON, 'policy/saveProject', { projectKey: 'SHOP', policy: { ...current.policy, levels }, baseVersion: current.version }, 'project-settings');
    expect(saved.ok).toBe(true);
    const result = view(await health(DEVON));
    expect(result.updates).toEqual({ incidents: [], unlisted: 0, total: { incidents: 0, due: 0, onTime: 0, share: null } });
    expect(result.notes.some((note) => note.startsWith('Stakeholder updates'))).toBe(false);
  });
});
