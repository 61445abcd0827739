/**
 * Switching the severity scale through the sandbox: the admin page counts the issues on each level
 * that would go, the save moves every issue to the new scale (the app's records with a history
 * entry, the applied policy, the level's label, the JQL values), as a recorded plan that a 429
 * leaves for the scheduled run to finish, that two admins cannot apply twice, and that only an admin
 * of the scope may start.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { LevelMove, SeverityPolicy } from '../../src/contract/policy.contract';
import { POLICY_PRESETS } from '../../src/domain/policy/presets';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { ageRunningPlans, appPlans, appPolicyState, appReport } from '../support/app-storage';
import { createIssue, jiraCall, searchKeys } from '../support/jira-helpers';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;
const PROJECT_ADMIN = people.sam;
const ADMIN_PAGE = 'severity-policy-admin';

const presetPolicy = (id: string): SeverityPolicy => {
  const preset = POLICY_PRESETS.find((candidate) => candidate.id === id);
  if (preset === undefined) throw new Error(id);
  return preset.policy;
};
const SEV = presetPolicy('sev1-sev3');

let sandbox: Sandbox;
/** One issue per level: picked by the reporter, and decided at that level except Minor (only picked). */
let issues: Record<'critical' | 'major' | 'medium' | 'minor', string>;

const report = async (level: string, decide: boolean): Promise<string> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: `Checkout broken (${level})` });
  const saved = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));
  if (decide) dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason: '', baseRevision: saved.report?.revision ?? 0 }));
  return issueKey;
};

const labelsOf = async (issueKey: string): Promise<string[]> => (await jiraCall<{ fields: { labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=labels`)).body.fields.labels;
const projectionOf = async (issueKey: string): Promise<unknown> =>
  (await jiraCall<{ value: { search: unknown } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`)).body.value.search;
const scalePlans = () => Object.values(appPlans(sandbox)).filter((plan) => plan.kind === 'scale-change');
const switchToSev = (mapping?: LevelMove[], actionId?: string, as = ADMIN) =>
  invokeResolver(sandbox, as, 'policy/saveSite', { policy: SEV, baseVersion: 0, ...(mapping === undefined ? {} : { mapping }), ...(actionId === undefined ? {} : { actionId }) }, ADMIN_PAGE);

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.001 });
  issues = { critical: await report('critical', true), major: await report('major', true), medium: await report('medium', true), minor: await report('minor', false) };
});

describe('a preset switch', () => {
  it('shows how many issues carry each level before saving, from the app’s records', async () => {
    // A forged projection must not count: the app counts its own records.
    await jiraCall(sandbox, REPORTER, 'PUT', `/rest/api/3/issue/${issues.minor}/properties/firebreak-report`, { search: { reporterSeverity: 'critical', decidedSeverity: 'critical' } });

    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));

    expect(view.usage?.['critical']).toEqual({ issues: 1, picked: 1, decided: 1 });
    expect(view.usage?.['major']).toEqual({ issues: 1, picked: 1, decided: 1 });
    expect(view.usage?.['minor']).toEqual({ issues: 1, picked: 1, decided: 0 });
  });

  it('opens without the counts, saying so, when Jira cannot list the projects just now', async () => {
    sandbox.jira.faults.add({ pathPattern: '^/rest/api/3/project/search', kind: '429', retryAfterSeconds: 3600 });

    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));

    expect(view).toMatchObject({ usage: null, budget: null, source: 'default' });
  });

  it('moves every issue to the new scale: records, history, applied policy, label and JQL values, and says so', async () => {
    const mapping: LevelMove[] = [
      { from: 'critical', to: 'sev1' },
      { from: 'major', to: 'sev2' },
      { from: 'medium', to: 'sev2' },
      { from: 'minor', to: 'sev3' },
    ];

    const saved = dataOf(await switchToSev(mapping, 'switch-to-sev-1'));

    expect(saved.scaleChange).toMatchObject({ status: 'done', mapped: 4, remaining: 0 });
    expect(saved.scaleChange?.message).toContain('Critical → Sev1, Major → Sev2, Medium → Sev2, Minor → Sev3: 4 issues moved to the new scale; none is left on a removed level.');
    expect(saved.history[0]?.changes.at(-1)).toBe('Issues on removed levels move: Critical → Sev1, Major → Sev2, Medium → Sev2, Minor → Sev3.');
    expect(Object.keys(saved.usage ?? {}).sort()).toEqual(['sev1', 'sev2', 'sev3']);

    const major = await appReport(sandbox, issues.major);
    expect(major?.severityHistory.map((event) => [event.kind, event.level])).toEqual([
      ['reporter-pick', 'sev2'],
      ['decision', 'sev2'],
      ['scale-change', 'sev2'],
    ]);
    expect(major?.severityHistory.at(-1)).toMatchObject({ by: ADMIN, reason: 'Severity scale changed: Major → Sev2' });
    expect(await appPolicyState(sandbox, issues.major)).toMatchObject({ level: 'sev2', commented: true });
    expect(await labelsOf(issues.major)).toEqual(['severity-sev2']);
    expect(await projectionOf(issues.major)).toMatchObject({ reporterSeverity: 'sev2', decidedSeverity: 'sev2' });
    expect(await projectionOf(issues.minor)).toMatchObject({ reporterSeverity: 'sev3' });
    expect((await searchKeys(sandbox, 'decidedSeverity = "sev2" ORDER BY key')).sort()).toEqual([issues.major, issues.medium].sort());

    // The same decision under its new level: no second policy comment.
    const comments = await jiraCall<{ comments: unknown[] }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issues.major}/comment`);
    expect(comments.body.comments).toHaveLength(1);
    expect(scalePlans().map((plan) => plan.status)).toEqual(['done']);
  });

  it('moves a postmortem’s severity with its incident', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: issues.critical }));
    expect(started.postmortem.severity).toBe('critical');

    const saved = dataOf(await switchToSev());

    expect(saved.scaleChange?.message).toContain('4 issues and 1 postmortem moved to the new scale');
    const after = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id }));
    expect(after.postmortem.severity).toBe('sev1');
  });

  it('moves by rank when the save names no moves, and the panel then offers and shows the new levels', async () => {
    dataOf(await switchToSev());

    const panel = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: issues.medium }));
    expect(panel.scale.map((level) => level.id)).toEqual(['sev1', 'sev2', 'sev3']);
    expect(panel.report?.severityHistory.filter((event) => event.kind !== 'scale-change').map((event) => event.level)).toEqual(['sev3', 'sev3']);
  });

  it('refuses moves that skip a removed level or move one that stays, and saves nothing', async () => {
    const before = worldFingerprint(sandbox);

    expectRefusal(await switchToSev([{ from: 'critical', to: 'sev1' }]), 'INVALID_INPUT', /Choose the level Major’s issues move to/);
    expectRefusal(
      await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels: SEV.levels.concat([]) }, baseVersion: 0, mapping: [{ from: 'critical', to: 'nowhere' }] }, ADMIN_PAGE),
      'INVALID_INPUT',
    );

    expect(worldFingerprint(sandbox)).toEqual(before);
  });

  it('needs no moves when a level is only renamed', async () => {
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
    const levels = view.policy.levels.map((level) => (level.id === 'major' ? { ...level, name: 'Serious' } : level));

    const saved = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels }, baseVersion: 0 }, ADMIN_PAGE));

    expect(saved.scaleChange).toBeNull();
    expect((await appReport(sandbox, issues.major))?.severityHistory.map((event) => event.level)).toEqual(['major', 'major']);
  });
});

describe('a scale change under faults and races', () => {
  it('stops at a lasting 429 mid-way, says what is done and what is left, and the scheduled run finishes it once', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: `${issues.medium}/properties/firebreak-report$`, kind: '429', retryAfterSeconds: 60, times: 100 });

    const saved = dataOf(await switchToSev(undefined, 'switch-with-429'));

    const mapped = saved.scaleChange?.mapped ?? -1;
    expect(mapped).toBeLessThan(4);
    expect(saved.scaleChange).toMatchObject({ status: 'running', remaining: 4 - mapped });
    expect(saved.scaleChange?.message).toMatch(/(no issue moved to the new scale yet|\d issues? moved to the new scale so far); the rest are still being moved \(Jira answered HTTP 429/);
    expect((await appReport(sandbox, issues.medium))?.severityHistory.map((event) => event.level)).toEqual(['medium', 'medium']);

    sandbox.jira.faults.clear();
    await ageRunningPlans(sandbox, 5);
    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });

    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
    expect(view.scaleChange).toMatchObject({ status: 'done', mapped: 4, remaining: 0 });
    for (const issueKey of Object.values(issues)) {
      const history = (await appReport(sandbox, issueKey))?.severityHistory ?? [];
      expect(history.filter((event) => event.kind === 'scale-change')).toHaveLength(1);
      expect(history.every((event) => event.level.startsWith('sev'))).toBe(true);
    }
    expect(await labelsOf(issues.critical)).toEqual(['severity-sev1']);
  });

  it('a retried save with the same action id finishes the same change instead of making another', async () => {
    dataOf(await switchToSev(undefined, 'double-click-1'));
    const again = dataOf(await switchToSev(undefined, 'double-click-1'));

    expect(again).toMatchObject({ version: 1, scaleChange: { status: 'done', mapped: 4 } });
    expect(scalePlans()).toHaveLength(1);
  });

  it('of two admins switching at once one change lands, and each issue moves once', async () => {
    const p0 = presetPolicy('p0-p3');
    const [first, second] = await Promise.all([switchToSev(undefined, 'admin-one-1'), invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: p0, baseVersion: 0, actionId: 'admin-two-1' }, ADMIN_PAGE)]);

    const landed = [first, second].filter((result) => result.ok);
    expect(landed).toHaveLength(1);
    expectRefusal([first, second].find((result) => !result.ok), 'CONFLICT', /Someone else changed the site’s severity policy/);
    expect(scalePlans()).toHaveLength(1);
    for (const issueKey of Object.values(issues)) {
      const history = (await appReport(sandbox, issueKey))?.severityHistory ?? [];
      expect(history.filter((event) => event.kind === 'scale-change')).toHaveLength(1);
    }
  });

  it('refuses a second scale change while the first is still moving issues', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: '/properties/firebreak-report$', kind: '429', retryAfterSeconds: 60, times: 100 });
    dataOf(await switchToSev());

    const next = await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: presetPolicy('p0-p3'), baseVersion: 1 }, ADMIN_PAGE);

    expectRefusal(next, 'IN_PROGRESS', /is still moving issues/);
  });
});

describe('who may change a scale', () => {
  it('refuses a non-admin forging the site save, and changes nothing', async () => {
    const before = worldFingerprint(sandbox);

    expectRefusal(await switchToSev(undefined, 'forged-by-rita', REPORTER), 'FORBIDDEN');
    expectRefusal(await switchToSev(undefined, 'forged-by-sam', PROJECT_ADMIN), 'FORBIDDEN');

    expect(worldFingerprint(sandbox)).toEqual(before);
  });

  it('a project’s own scale change moves only that project’s issues, and a site change leaves a project with its own policy alone', async () => {
    const ops = await createIssue(sandbox, people.otto, { project: 'OPS', type: 'Incident', summary: 'Disk full' });
    dataOf(await invokeResolver(sandbox, people.otto, 'report/save', { issueKey: ops, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 }));

    const own = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'policy/saveProject', { projectKey: 'SHOP', policy: presetPolicy('p0-p3'), baseVersion: 0 }));
    expect(own.scaleChange).toMatchObject({ status: 'done', mapped: 4 });
    expect((await appReport(sandbox, issues.major))?.severityHistory.at(0)?.level).toBe('p1');
    expect((await appReport(sandbox, ops))?.severityHistory.at(0)?.level).toBe('major');

    dataOf(await switchToSev());
    expect((await appReport(sandbox, issues.major))?.severityHistory.at(0)?.level).toBe('p1');
    expect((await appReport(sandbox, ops))?.severityHistory.at(0)?.level).toBe('sev2');
  });
});
