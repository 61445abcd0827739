/**
 * Severity names, never ids, after the scale changes: an admin renames one level and removes
 * another, and everything a person reads about the issues decided before (the report panel's
 * history, the postmortem list, its Markdown export, the validator's message on a real transition)
 * names the levels as the scale in force calls them; the removed level's issues and postmortems move
 * with the scale change, and their history keeps the name each decision was made under. (A record
 * still naming a level the scale lost reads "… (no longer in the scale)": `severity-names.test.ts`.)
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type SeverityPolicy, type ValidatorConfig } from '../../src/contract/policy.contract';
import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { rawLevelIds } from '../support/severity-ids';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;
const ADMIN_PAGE = 'severity-policy-admin';
const WORKFLOW = 'firebreak-support-workflow';
const ACCEPT = '11';

let sandbox: Sandbox;

const report = async (issueKey: string, pick: string, decide: string): Promise<ReportView> => {
  const saved = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: pick, baseRevision: 0 }));
  return dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: decide, reason: pick === decide ? '' : 'Two key customers cannot pay at all.', baseRevision: saved.report?.revision ?? 0 }));
};

/** The site scale after the change: Critical renamed, Medium removed. */
const changeScale = async (): Promise<SeverityPolicy> => {
  const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
  const levels = view.policy.levels.filter((level) => level.id !== 'medium').map((level) => (level.id === 'critical' ? { ...level, name: 'Sev 1 – outage' } : level));
  dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels }, baseVersion: view.version }, ADMIN_PAGE));
  return { levels };
};

let outage: string;
let slow: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  outage = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
  slow = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Search is slow for large accounts' });
  await report(outage, 'major', 'critical');
  await report(slow, 'medium', 'medium');
});

describe('after a scale change that renamed one level and removed another', () => {
  it('the report keeps each decision’s name, and the panel’s view names levels by the scale in force', async () => {
    await changeScale();

    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: outage }));
    expect(view.scale.map((level) => level.name)).toEqual(['Sev 1 – outage', 'Major', 'Minor']);
    expect(view.report?.severityHistory.map(({ kind, level, levelName }) => ({ kind, level, levelName }))).toEqual([
      { kind: 'reporter-pick', level: 'major', levelName: 'Major' },
      { kind: 'decision', level: 'critical', levelName: 'Critical' },
    ]);
    const removed = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: slow }));
    // The decision moves to the new level and keeps the name it was made under; an entry says who moved it.
    expect(removed.report?.severityHistory.slice(-2)).toMatchObject([
      { kind: 'decision', level: 'minor', levelName: 'Medium' },
      { kind: 'scale-change', level: 'minor' },
    ]);
  });

  it('a stale panel deciding a removed level is refused by the level’s name, not its id', async () => {
    const before = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: outage }));
    await changeScale();

    const refused = await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: outage, level: 'medium', reason: 'It is only slow for some.', baseRevision: before.report?.revision ?? 0 });

    expectRefusal(refused, 'INVALID_INPUT', /^“Medium” is not a level of this project’s severity scale/);
  });

  it('the postmortem list names each severity, and its heading the levels that require a postmortem', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: outage }));
    await changeScale();
    const rated = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Invoices show wrong totals' });
    await report(rated, 'major', 'major');

    const list = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }));

    expect(list.postmortemLevels).toEqual(['Sev 1 – outage', 'Major']);
    expect(list.postmortems.find((row) => row.id === started.postmortem.id)).toMatchObject({ severity: 'critical', severityName: 'Sev 1 – outage' });
    expect(list.missing.find((incident) => incident.key === rated)).toMatchObject({ severityName: 'Major' });
    const readable = JSON.stringify([list.postmortemLevels, list.postmortems.map((row) => row.severityName), list.missing.map((incident) => incident.severityName)]);
    expect(rawLevelIds(readable)).toEqual([]);
  });

  it('the Markdown export and the editor’s view read the renamed level’s new name', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: outage }));
    expect(started.markdown).toContain('Severity: Critical ·');
    await changeScale();

    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id }));

    expect(view.severityName).toBe('Sev 1 – outage');
    const statusLine = view.markdown.split('\n').find((line) => line.startsWith('Status:')) ?? '';
    expect(statusLine).toContain('Severity: Sev 1 – outage ·');
    expect(rawLevelIds(statusLine)).toEqual([]);
  });

  it('a postmortem of a removed level moves with the scale and reads the new level’s name in the list and the export', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: slow }));
    await changeScale();

    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/get', { id: started.postmortem.id }));
    const list = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }));

    expect(view.severityName).toBe('Minor');
    expect(view.markdown).toContain('Severity: Minor ·');
    expect(list.postmortems.find((row) => row.id === started.postmortem.id)?.severityName).toBe('Minor');
  });

  it('a project’s own scale names its levels in the list, over the site’s', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: outage }));
    const site = await changeScale();
    const projectLevels = site.levels.map((level) => (level.id === 'critical' ? { ...level, name: 'Checkout down' } : level));
    dataOf(await invokeResolver(sandbox, people.sam, 'policy/saveProject', { projectKey: 'SHOP', policy: { levels: projectLevels }, baseVersion: 0 }, 'project-settings'));

    const list = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/list', { projectKey: 'SHOP' }));

    expect(list.postmortems.find((row) => row.id === started.postmortem.id)?.severityName).toBe('Checkout down');
    expect(list.postmortemLevels).toEqual(['Checkout down', 'Major']);
  });

  it('the validator’s message on a real transition names the renamed level', async () => {
    await changeScale();
    const configuration: ValidatorConfig = { failMode: 'closed', rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, assigneeAtOrAbove: 'critical' } };
    sandbox.jira.upsertTransitionRule(WORKFLOW, ACCEPT, { key: 'severity-policy-validator', configuration: JSON.stringify(configuration) });

    const answer = await jiraCall<{ errorMessages?: string[] }>(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${outage}/transitions`, { transition: { id: ACCEPT } });

    expect(answer.status).toBe(400);
    const message = (answer.body.errorMessages ?? []).join(' ');
    expect(message).toContain('Sev 1 – outage issues need an owner');
    expect(rawLevelIds(message)).toEqual([]);
  });
});
