/**
 * disputes (issue 16 part 4): severity disputes with a final say, through the resolvers and the
 * scheduled trigger. Rita reports a SHOP incident as Critical, Devon (triager) decides it; Rita (the
 * reporter) or Mia (who may comment) disputes it; the project's authority (by default its
 * Administrators role: Sam, and Ada through site-admins) rules.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appPolicyState, appReport, makeDisputeOverdue } from '../support/app-storage';
import { createIssue, jiraCall, resolveIssue, searchKeys } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';

const { rita: REPORTER, devon: TRIAGER, mia: COMMENTER, sam: AUTHORITY, ada: OTHER_AUTHORITY, otto: OUTSIDER } = people;
const REASON = 'Only one payment provider fails; card payments still go through.';
const RULING = 'Checked the dashboards: every card payment fails, so it stays Critical.';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const reportIssue = async (): Promise<{ issueKey: string; view: ReportView }> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Checkout fails for every card' });
  const view = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  return { issueKey, view };
};

const decidedIssue = async (): Promise<string> => {
  const { issueKey, view } = await reportIssue();
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: view.report?.revision ?? 0 }));
  return issueKey;
};

const dispute = (issueKey: string, as = REPORTER, level = 'major', reason = REASON) => invokeResolver(sandbox, as, 'dispute/open', { issueKey, level, reason });
const rule = (issueKey: string, disputeAt: string, level: string, as = AUTHORITY, reason = RULING) => invokeResolver(sandbox, as, 'dispute/rule', { issueKey, disputeAt, level, reason });
const runReminders = async () => expect(await sandbox.runtime.runScheduledTrigger('dispute-reminders')).toEqual({ statusCode: 204 });
const mails = (subject: string) => sandbox.jira.notificationsSent().filter((mail) => mail.subject.includes(subject));
const priorityOf = async (issueKey: string) => (await jiraCall<{ fields: { priority: { name: string } | null } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority`)).body.fields.priority?.name;

describe('disputing a decided severity', () => {
  it('lets the reporter dispute, shows who rules and by when, and makes the issue searchable', async () => {
    const issueKey = await decidedIssue();
    const result = dataOf(await dispute(issueKey));
    expect(result.outcome.tone).toBe('success');
    expect(result.outcome.message).toContain('Members of the project’s Administrators role have the final say');
    expect(result.dispute.open).toMatchObject({ by: REPORTER, byName: 'You', level: { id: 'major', name: 'Major' }, reason: REASON });
    // The top level's default time box: 30 minutes from the dispute.
    const open = result.dispute.open;
    expect(open === null ? NaN : Date.parse(open.dueAt) - Date.parse(open.at)).toBe(30 * 60_000);
    expect((await appReport(sandbox, issueKey))?.severityHistory.at(-1)).toMatchObject({ kind: 'dispute', level: 'major', by: REPORTER, reason: REASON });
    expect((await appReport(sandbox, issueKey))?.search.disputed).toBe('open');
    expect(await searchKeys(sandbox, 'severityDisputed = "open" AND project = SHOP')).toContain(issueKey);
    // Mia's view: she may not dispute while one is open, and does not rule.
    expect(dataOf(await invokeResolver(sandbox, COMMENTER, 'dispute/get', { issueKey }))).toMatchObject({ canDispute: false, canRule: false, open: { byName: 'Rita Reyes' } });
    expect(dataOf(await invokeResolver(sandbox, AUTHORITY, 'dispute/get', { issueKey })).canRule).toBe(true);
  });

  it('lets anyone who may comment dispute, and refuses a second dispute while one is open, saying who disputed', async () => {
    const issueKey = await decidedIssue();
    dataOf(await dispute(issueKey, COMMENTER, 'medium'));
    const before = worldFingerprint(sandbox);
    expectRefusal(await dispute(issueKey, REPORTER), 'CONFLICT', /Mia Chen already disputed this severity \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\), thinking it is Medium/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('makes one dispute of a double click', async () => {
    const issueKey = await decidedIssue();
    const [first, second] = await Promise.all([dispute(issueKey), dispute(issueKey)]);
    expect(dataOf(first).dispute.open?.by).toBe(REPORTER);
    expect(dataOf(second).dispute.open?.by).toBe(REPORTER);
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.kind === 'dispute')).toHaveLength(1);
  });

  it('refuses a dispute without a decision, of the decided level itself, without a reason, oversized, or by someone who cannot see the issue', async () => {
    const { issueKey } = await reportIssue();
    expectRefusal(await dispute(issueKey), 'INVALID_INPUT', 'No severity is decided');
    const decided = await decidedIssue();
    expectRefusal(await dispute(decided, REPORTER, 'critical'), 'INVALID_INPUT', 'Critical is already the decided severity');
    expectRefusal(await dispute(decided, REPORTER, 'major', '  too short '), 'INVALID_INPUT', 'at least 10 characters');
    expectRefusal(await dispute(decided, REPORTER, 'major', 'x'.repeat(1_001)), 'TOO_LARGE');
    expectRefusal(await dispute(decided, REPORTER, 'not-a-level'), 'INVALID_INPUT');
    expectRefusal(await dispute(decided, OUTSIDER), 'FORBIDDEN');
    expect((await appReport(sandbox, decided))?.search.disputed).toBeUndefined();
  });

  it('refuses someone who may see the issue but not comment on it, saying who may dispute', async () => {
    const scenario = sandbox.scenario;
    const base = scenario.users.find((user) => user.accountId === REPORTER);
    if (base === undefined) throw new Error('the demo has Rita');
    await sandbox.load({ ...scenario, users: [...scenario.users, { ...base, accountId: 'acc-vera-viewer', displayName: 'Vera Viewer', emailAddress: 'vera.viewer@example.com', siteAdmin: false, projectPermissions: { SHOP: ['browse', 'no-comments'] } }] });
    const issueKey = await decidedIssue();
    const before = worldFingerprint(sandbox);
    expectRefusal(await dispute(issueKey, 'acc-vera-viewer'), 'FORBIDDEN', `Only the reporter and people who may comment on ${issueKey} can dispute its severity`);
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(dataOf(await invokeResolver(sandbox, 'acc-vera-viewer', 'dispute/get', { issueKey }))).toMatchObject({ canDispute: false, whyNotDispute: expect.stringContaining('Add comments') as string });
  });

  it('refuses a dispute on a resolved issue', async () => {
    const issueKey = await decidedIssue();
    await resolveIssue(sandbox, TRIAGER, issueKey);
    expectRefusal(await dispute(issueKey), 'INVALID_INPUT', 'is resolved');
  });
});

describe('ruling on a dispute', () => {
  const disputed = async () => {
    const issueKey = await decidedIssue();
    const open = dataOf(await dispute(issueKey)).dispute.open;
    if (open === null) throw new Error('the dispute is open');
    return { issueKey, disputeAt: open.at };
  };

  it('keeps the decided level: the ruling joins the history, the reporter is told once, the policy stays as it was', async () => {
    const { issueKey, disputeAt } = await disputed();
    const stateBefore = await appPolicyState(sandbox, issueKey);
    const result = dataOf(await rule(issueKey, disputeAt, 'critical'));
    expect(result.outcome).toMatchObject({ tone: 'success', message: expect.stringContaining('Critical kept') as string });
    expect(result.dispute).toMatchObject({ open: null, lastRuling: { outcome: 'kept', byName: 'You', disputedByName: 'Rita Reyes', reason: RULING } });
    expect((await appReport(sandbox, issueKey))?.severityHistory.at(-1)).toMatchObject({ kind: 'ruling', ruling: 'kept', level: 'critical', by: AUTHORITY });
    expect(await appPolicyState(sandbox, issueKey)).toEqual(stateBefore);
    expect(await searchKeys(sandbox, 'severityDisputed = "ruled" AND project = SHOP')).toContain(issueKey);
    // A second click of the same ruling changes nothing and tells nobody again.
    expect(dataOf(await rule(issueKey, disputeAt, 'critical')).outcome.tone).toBe('info');
    await runReminders();
    const told = mails('your severity dispute was ruled on');
    expect(told).toEqual([expect.objectContaining({ issueKey, to: [REPORTER] })]);
    expect(told[0]?.textBody).toContain(`Dispute ruled by Sam Okafor: Critical kept, because: ${RULING}`);
  });

  it('changes the level the way a triager’s decision does: priority, due times and history', async () => {
    const { issueKey, disputeAt } = await disputed();
    expect(await priorityOf(issueKey)).toBe('Highest');
    const result = dataOf(await rule(issueKey, disputeAt, 'major', AUTHORITY, 'Agreed: one provider only, a workaround exists for customers.'));
    expect(result.outcome.tone).toBe('success');
    expect(result.report.report?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', level: 'major', ruling: 'changed', by: AUTHORITY });
    expect(await priorityOf(issueKey)).toBe('High');
    expect((await appPolicyState(sandbox, issueKey))?.level).toBe('major');
    expect(result.report.report?.search.decidedSeverity).toBe('major');
    expect(mails('your severity dispute was ruled on')[0]?.textBody).toContain('Dispute ruled by Sam Okafor: Critical changed to Major, because: Agreed');
  });

  it.each([
    ['429', { kind: '429' as const, retryAfterSeconds: 1 }],
    ['500', { kind: '500' as const }],
  ])('changes the level once when Jira answers %s while the ruling’s policy is applied, and a retried click changes nothing more', async (_name, fault) => {
    const { issueKey, disputeAt } = await disputed();
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: `^/rest/api/3/issue/${issueKey}$`, times: 1, ...fault });
    const first = await rule(issueKey, disputeAt, 'major', AUTHORITY, 'Agreed: one provider only, a workaround exists for customers.');
    expect(sandbox.jira.faults.list()).toEqual([]); // Jira did fail the priority change once
    // However Jira's failure was met (retried at once, or told and left to the policy run), the ruling is recorded once.
    await sandbox.runtime.drain();
    const retried = await rule(issueKey, disputeAt, 'major', AUTHORITY, 'Agreed: one provider only, a workaround exists for customers.');
    if (first.ok) expect(first.data.outcome.message).toContain('Major');
    // The same click again is the same ruling: told it stands, or told it was ruled already; never a second one.
    if (retried.ok) expect(retried.data.outcome).toMatchObject({ tone: 'info' });
    else expectRefusal(retried, 'CONFLICT', /already ruled/);
    await sandbox.runtime.drain();
    const history = (await appReport(sandbox, issueKey))?.severityHistory ?? [];
    expect(history.filter((event) => event.ruling !== undefined)).toHaveLength(1);
    expect(await priorityOf(issueKey)).toBe('High');
    expect((await appPolicyState(sandbox, issueKey))?.level).toBe('major');
    expect(mails('your severity dispute was ruled on')).toHaveLength(1);
  }, 30_000);

  it('refuses someone without the final say, naming who rules', async () => {
    const { issueKey, disputeAt } = await disputed();
    const before = worldFingerprint(sandbox);
    expectRefusal(await rule(issueKey, disputeAt, 'critical', TRIAGER), 'FORBIDDEN', 'Only members of the project’s Administrators role can rule on severity disputes in SHOP');
    expectRefusal(await rule(issueKey, disputeAt, 'critical', REPORTER), 'FORBIDDEN');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('follows the project setting: a named person rules, the Administrators role no longer does', async () => {
    const view = dataOf(await invokeResolver(sandbox, AUTHORITY, 'config/getProject', { projectKey: 'SHOP' }));
    dataOf(await invokeResolver(sandbox, AUTHORITY, 'config/saveProject', { projectKey: 'SHOP', config: { ...view.config, disputeAuthority: { kind: 'person', accountId: COMMENTER } }, baseVersion: view.version }));
    const { issueKey, disputeAt } = await disputed();
    expectRefusal(await rule(issueKey, disputeAt, 'critical', AUTHORITY), 'FORBIDDEN', 'Only Mia Chen can rule');
    expect(dataOf(await rule(issueKey, disputeAt, 'critical', COMMENTER)).dispute.lastRuling?.outcome).toBe('kept');
  });

  it('gives one ruling when two authorities rule at once; the other is told who ruled', async () => {
    const { issueKey, disputeAt } = await disputed();
    const [sam, ada] = await Promise.all([rule(issueKey, disputeAt, 'critical', AUTHORITY), rule(issueKey, disputeAt, 'major', OTHER_AUTHORITY, 'Only one provider fails, so Major it is.')]);
    const results = [sam, ada];
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.find((result) => !result.ok);
    expectRefusal(refused, 'CONFLICT', /already ruled on this dispute/);
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.ruling !== undefined)).toHaveLength(1);
  });

  it('tells the disputer later when Jira fails at the moment of the ruling, once', async () => {
    const { issueKey, disputeAt } = await disputed();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/notify$', kind: '500', times: 10 });
    const result = dataOf(await rule(issueKey, disputeAt, 'critical'));
    expect(result.outcome.tone).toBe('warning');
    expect(result.outcome.message).toContain('Ruling recorded');
    expect(result.outcome.message).toContain('tries again within a few minutes');
    expect(mails('your severity dispute was ruled on')).toEqual([]);
    sandbox.jira.faults.clear();
    await Promise.all([runReminders(), runReminders()]);
    await runReminders();
    expect(mails('your severity dispute was ruled on')).toHaveLength(1);
  });
});

describe('an overdue dispute', () => {
  it('reminds the authority once when its time box passed with no ruling', async () => {
    const issueKey = await decidedIssue();
    dataOf(await dispute(issueKey));
    await runReminders();
    expect(mails('waiting for your ruling')).toEqual([]);
    await makeDisputeOverdue(sandbox, issueKey);
    await Promise.all([runReminders(), runReminders()]);
    await runReminders();
    const reminders = mails('waiting for your ruling');
    expect(reminders).toHaveLength(1);
    expect(new Set(reminders[0]?.to)).toEqual(new Set([AUTHORITY, OTHER_AUTHORITY]));
    // The panel says the ruling is overdue and when the authority was reminded.
    const view = dataOf(await invokeResolver(sandbox, REPORTER, 'dispute/get', { issueKey }));
    expect(Date.parse(view.open?.dueAt ?? '')).toBeLessThan(Date.now());
    expect(view.open?.remindedAt).toEqual(expect.any(String));
  });
});
