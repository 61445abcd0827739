/**
 * playbook part (issue 16): the all-hands playbook through the resolvers. It shows on an open
 * incident whose DECIDED severity (the app's record) is an all-hands level; anyone who may comment
 * ticks a step, recorded in the incident log by who and when; a second tick changes nothing; an
 * untick is recorded too; the admin's own steps replace the usual sequence.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { IncidentLogView } from '../../src/contract/incident-log.contract';
import { DEFAULT_PLAYBOOK } from '../../src/contract/policy.values';
import type { Sandbox } from '../../sandbox/sandbox';
import { jiraCall, resolveIssue } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';
import { VIEWER_WHO_CANNOT_COMMENT, demoWithReadOnlyViewer, reportedIncident } from '../support/incident-world';

const TRIAGER = people.devon;
const RESPONDER = people.mia;
const VIEWER = VIEWER_WHO_CANNOT_COMMENT;
const ADMIN_PAGE = 'severity-policy-admin';

let sandbox: Sandbox;
let incident: string;

const view = async (as = RESPONDER): Promise<IncidentLogView> => dataOf(await invokeResolver(sandbox, as, 'log/get', { issueKey: incident }));
const stepKey = async (text: string): Promise<string> => (await view()).playbook?.steps.find((step) => step.text === text)?.key ?? 'missing';
const tick = async (step: string, done: boolean, as = RESPONDER) => invokeResolver(sandbox, as, 'log/tickStep', { issueKey: incident, step, done });
const logRows = () => Object.values(sandbox.kvs.dump().entities['incident-log-entry'] ?? {});
const MITIGATION = 'Mitigation plan (a rollback often beats a fix)';

const decide = async (level: string) => {
  const report = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: incident }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level, reason: 'Nobody can pay.', baseRevision: report.report?.revision ?? 0 }));
  await sandbox.runtime.drain();
};

beforeEach(async () => {
  sandbox = await demoWithReadOnlyViewer();
  incident = await reportedIncident(sandbox);
});

describe('when the playbook shows', () => {
  it('not on the reporter’s pick alone, nor on a level that is not all hands; on a decided all-hands level, the usual sequence', async () => {
    expect((await view()).playbook).toBeNull();
    await decide('major');
    expect((await view()).playbook).toBeNull();
    await decide('critical');
    const playbook = (await view()).playbook;
    expect(playbook?.levelName).toBe('Critical');
    expect(playbook?.steps.map((step) => [step.text, step.done, step.by])).toEqual(DEFAULT_PLAYBOOK.map((text) => [text, false, null]));
  });

  it('follows the app’s record, not a decision forged into the issue property', async () => {
    await decide('major');
    const property = await jiraCall<{ value: Record<string, unknown> }>(sandbox, TRIAGER, 'GET', `/rest/api/3/issue/${incident}/properties/firebreak-report`);
    const forged = { ...property.body.value, search: { ...(property.body.value['search'] as object), decidedSeverity: 'critical' } };
    expect((await jiraCall(sandbox, people.rita, 'PUT', `/rest/api/3/issue/${incident}/properties/firebreak-report`, forged)).status).toBeLessThan(300);
    expect((await view()).playbook).toBeNull();
    expectRefusal(await tick('rest-000000', true), 'INVALID_INPUT', /not an all-hands level/);
  });

  it('shows the admin’s own steps once saved', async () => {
    const site = dataOf(await invokeResolver(sandbox, people.ada, 'policy/getSite', {}, ADMIN_PAGE));
    const levels = site.policy.levels.map((level) => (level.id === 'critical' ? { ...level, playbook: ['Page the incident commander', 'Roll back the last deploy'] } : level));
    dataOf(await invokeResolver(sandbox, people.ada, 'policy/saveSite', { policy: { levels }, baseVersion: site.version }, ADMIN_PAGE));
    await decide('critical');
    expect((await view()).playbook?.steps.map((step) => step.text)).toEqual(['Page the incident commander', 'Roll back the last deploy']);
  });
});

describe('ticking a step', () => {
  beforeEach(async () => {
    await decide('critical');
  });

  it('records who and when in the log, shows it beside the step, and a second tick changes nothing', async () => {
    const key = await stepKey(MITIGATION);
    const ticked = dataOf(await tick(key, true));
    expect(ticked.playbook?.steps.find((step) => step.key === key)).toMatchObject({ done: true, by: { accountId: RESPONDER, displayName: 'Mia Chen' } });
    expect(ticked.entries[0]).toMatchObject({ text: `Playbook: ${MITIGATION} — done`, author: { displayName: 'Mia Chen' }, fromPlaybook: true, mine: false });

    const before = worldFingerprint(sandbox);
    dataOf(await tick(key, true, TRIAGER));
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(logRows()).toHaveLength(1);
  });

  it('keeps one tick when it is double-clicked or two people tick at once', async () => {
    const key = await stepKey('Update sent');
    const results = await Promise.all([tick(key, true), tick(key, true), tick(key, true, TRIAGER)]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(logRows()).toHaveLength(1);
  });

  it('records an untick too, and a tick after it', async () => {
    const key = await stepKey('Rest');
    dataOf(await tick(key, true));
    const unticked = dataOf(await tick(key, false, TRIAGER));
    expect(unticked.playbook?.steps.find((step) => step.key === key)).toMatchObject({ done: false, by: { displayName: 'Devon Park' } });
    expect(unticked.entries.map((entry) => entry.text).slice(0, 2).sort()).toEqual(['Playbook: Rest — done', 'Playbook: Rest — not done any more']);
    dataOf(await tick(key, true));
    expect(logRows()).toHaveLength(3);
  });

  it('cannot be edited or deleted as a log entry', async () => {
    const entry = dataOf(await tick(await stepKey('Rest'), true)).entries[0];
    if (entry === undefined) throw new Error('not ticked');
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/delete', { issueKey: incident, entryId: entry.id, baseVersion: entry.version }), 'INVALID_INPUT', /tick or untick the step instead/);
  });

  it('is refused, changing nothing, to someone who may not comment, on a resolved incident, and for a step not in the playbook', async () => {
    const key = await stepKey('Rest');
    const before = worldFingerprint(sandbox);
    expectRefusal(await tick(key, true, VIEWER), 'FORBIDDEN', /"Add comments" permission/);
    expectRefusal(await tick(key, true, people.otto), 'FORBIDDEN');
    expectRefusal(await tick('not-a-step-abcdef', true), 'CONFLICT', /no longer in the playbook/);
    expect(worldFingerprint(sandbox)).toBe(before);
    const viewer = await view(VIEWER);
    expect(viewer.playbook?.steps).toHaveLength(7);
    expect(viewer.canAdd).toBe(false);

    await resolveIssue(sandbox, TRIAGER, incident);
    expectRefusal(await tick(key, true), 'INVALID_INPUT', /resolved/);
    expect((await view()).playbook).toBeNull();
  });
});
