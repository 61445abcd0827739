/**
 * The postmortem timeline's record of what mattered (record part): who decided which severity and
 * why, from the app's own triage record (never the issue property an editor can write), by the
 * level's name; the incident's links that no changelog entry dates (a "causes" link to the root
 * cause made by an import), marked undated; and notes and hidden marks kept across rebuilds.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import type { StoredReport } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const TRIAGER = people.devon;
const FORGER = people.rita;
/** A demo incident whose "is caused by" link to its root cause (SHOP-145) came with the site, with no changelog entry. */
const INCIDENT = 'SHOP-17';
const ROOT_CAUSE = 'SHOP-145';

let sandbox: Sandbox;

const decisions = (view: PostmortemView) => view.postmortem.timeline.filter((entry) => entry.id.includes(':decision:'));
const undatedLinks = (view: PostmortemView) => view.postmortem.timeline.filter((entry) => entry.id.includes(':undated-link:'));

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', retryDelayScale: 0.0001 });
  const current = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: INCIDENT }));
  const saved = current.report === null ? dataOf(await invokeResolver(sandbox, TRIAGER, 'report/save', { issueKey: INCIDENT, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 })) : current;
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: INCIDENT, level: 'critical', reason: 'Nobody can check out.', baseRevision: saved.report?.revision ?? 0 }));
  await sandbox.runtime.drain();
});

describe('the postmortem timeline', () => {
  it('shows who decided which severity and why, by the level’s name, with the decider named', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: INCIDENT }));

    const last = decisions(started).at(-1);
    expect(last).toMatchObject({ who: TRIAGER, kind: 'severity', issueKey: INCIDENT, text: `Severity decided: ${started.severityName ?? 'none'}, because: Nobody can check out.` });
    expect(last?.text).not.toContain('critical');
    expect(started.names[TRIAGER]).toBe('Devon Park');
  });

  it('shows the causes link Jira keeps no date for, marked undated, once', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: INCIDENT }));

    expect(undatedLinks(started)).toHaveLength(1);
    expect(undatedLinks(started)[0]?.text).toMatch(new RegExp(`^This issue (is caused by|causes) ${ROOT_CAUSE} \\(no date in Jira: shown when the timeline first found it\\)$`));
    expect(started.postmortem.timeline.filter((entry) => entry.text.includes(ROOT_CAUSE))).toHaveLength(1);
  });

  it('keeps notes and hidden marks on decisions and undated links across rebuilds, without duplicates', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: INCIDENT }));
    const timeline = started.postmortem.timeline.map((entry) =>
      entry.id.includes(':decision:') ? { ...entry, note: 'Upgraded once checkout was down' } : entry.id.includes(':undated-link:') ? { ...entry, note: 'The root cause', hidden: true } : entry,
    );
    const { postmortem } = started;
    const edit = { title: postmortem.title, severity: postmortem.severity, owner: postmortem.owner, incidents: postmortem.incidents, artifacts: [], summary: '', customerImpact: '', impact: postmortem.impact, timeline, answers: {}, actions: [], remediation: [] };
    const saved = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/save', { id: postmortem.id, edit, baseRevision: postmortem.revision }));

    const once = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: postmortem.id, baseRevision: saved.postmortem.revision }));
    const twice = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: postmortem.id, baseRevision: once.postmortem.revision }));

    expect(twice.postmortem.timeline.map((entry) => entry.id)).toEqual(saved.postmortem.timeline.map((entry) => entry.id));
    expect(decisions(twice).at(-1)?.note).toBe('Upgraded once checkout was down');
    expect(undatedLinks(twice)).toEqual(undatedLinks(saved));
    expect(undatedLinks(twice)[0]).toMatchObject({ note: 'The root cause', hidden: true });
  });

  it('a decision forged into the issue property changes nothing on the timeline', async () => {
    const started = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/start', { issueKey: INCIDENT }));
    const real = dataOf(await invokeResolver(sandbox, TRIAGER, 'report/get', { issueKey: INCIDENT })).report as StoredReport;
    const forged = { ...real, severityHistory: [...real.severityHistory, { kind: 'decision', level: 'minor', by: TRIAGER, at: '2026-11-30T10:00:00.000Z', reason: 'forged: it was nothing' }] };
    expect((await jiraCall(sandbox, FORGER, 'PUT', `/rest/api/3/issue/${INCIDENT}/properties/firebreak-report`, forged)).status).toBeLessThan(300);

    const rebuilt = dataOf(await invokeResolver(sandbox, TRIAGER, 'postmortem/refreshTimeline', { id: started.postmortem.id, baseRevision: started.postmortem.revision }));

    expect(decisions(rebuilt)).toEqual(decisions(started));
    expect(JSON.stringify(rebuilt.postmortem.timeline)).not.toContain('forged');
  });
});
