/**
 * The severity policy through the sandbox: admin configuration, the workflow validator on real
 * transitions, the product-event trigger, and the update-cadence reminders. Assertions read what
 * Jira shows: transition errors, priority, labels, comments, properties.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type ValidatorConfig } from '../../src/contract/policy.contract';
import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { validateSeverityPolicy } from '../../src/entry/validators/severity-policy.validator';
import { Sandbox } from '../../sandbox/sandbox';
import { handleControl } from '../../sandbox/server/control.routes';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { appPolicyState, changeAppPolicyState } from '../support/app-storage';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;
const WORKFLOW = 'firebreak-support-workflow';
const ACCEPT = '11';
const START = '21';
const RESOLVE = '51';
const VERIFY = '61';
const CLOSE = '71';
const REOPEN = '81';
const ADMIN_PAGE = 'severity-policy-admin';
const PROJECT_ADMIN = people.sam;
const SETTINGS = 'project-settings';

let sandbox: Sandbox;
let issueKey: string;

const addRule = (transitionId: string, rules: Partial<ValidatorConfig['rules']>, failMode: ValidatorConfig['failMode'] = 'closed'): void => {
  const configuration: ValidatorConfig = { failMode, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, ...rules } };
  sandbox.jira.upsertTransitionRule(WORKFLOW, transitionId, { key: 'severity-policy-validator', configuration: JSON.stringify(configuration) });
};

const transition = (as: string, id: string) => jiraCall<{ errorMessages?: string[] }>(sandbox, as, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });

const pick = async (level: string): Promise<ReportView> =>
  dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));

const decide = async (view: ReportView, level: string, reason = 'Confirmed with two customers'): Promise<ReportView> =>
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason, baseRevision: view.report?.revision ?? 0 }));

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
});

describe('policy configuration', () => {
  it('lets a Jira admin edit the policy and records who changed what', async () => {
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
    expect(view).toMatchObject({ version: 0, source: 'default', canEdit: true });
    const levels = view.policy.levels.map((level) => (level.id === 'critical' ? { ...level, updateCadenceMinutes: 15 } : level));

    const saved = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels }, baseVersion: 0 }, ADMIN_PAGE));

    expect(saved).toMatchObject({ version: 1, source: 'site' });
    expect(saved.history[0]).toMatchObject({ version: 1, by: ADMIN, changes: ['Critical: update cadence 30 minutes → 15 minutes.'] });
  });

  it('offers the site’s priorities read from the paged /priority/search, not the deprecated /priority', async () => {
    sandbox.jira.metering.reset();

    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));

    expect(view.jiraPriorities).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    const operations = sandbox.jira.metering.snapshot().byOperation;
    expect(operations['GET /rest/api/3/priority/search']?.calls).toBe(1);
    expect(operations['GET /rest/api/3/priority']).toBeUndefined();
  });

  it('refuses anyone who is not a Jira admin, and changes nothing', async () => {
    const before = worldFingerprint(sandbox);
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));

    const result = await invokeResolver(sandbox, TRIAGER, 'policy/saveSite', { policy: view.policy, baseVersion: 0 }, ADMIN_PAGE);

    expectRefusal(result, 'FORBIDDEN');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('rejects a level mapped to a Jira priority the site does not have', async () => {
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
    const levels = view.policy.levels.map((level, index) => (index === 0 ? { ...level, jiraPriority: 'Blocker' } : level));

    const result = await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels }, baseVersion: 0 }, ADMIN_PAGE);

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'policy.levels.0.jiraPriority' } });
  });

  it('validates the policy with a clear error', async () => {
    const view = dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE));
    const first = view.policy.levels.slice(0, 1);

    const result = await invokeResolver(sandbox, ADMIN, 'policy/saveSite', { policy: { levels: first }, baseVersion: 0 }, ADMIN_PAGE);

    expectRefusal(result, 'INVALID_INPUT', 'at least two levels');
  });
});

describe('workflow validator', () => {
  it('blocks a transition without a severity with the right message, and allows it once picked', async () => {
    addRule(ACCEPT, { severityPicked: true });

    const blocked = await transition(TRIAGER, ACCEPT);
    expect(blocked).toMatchObject({ status: 400, body: { errorMessages: ['Pick a severity in the Production report panel first.'] } });
    expect((await issueSnapshot(sandbox, issueKey)).status).toBe('New');

    await pick('major');
    expect((await transition(TRIAGER, ACCEPT)).status).toBe(204);
    expect((await issueSnapshot(sandbox, issueKey)).status).toBe('Accepted');
  });

  it('blocks on the Definition of Ready, listing what the panel lists, until it is met', async () => {
    addRule(START, { definitionOfReady: true });
    const picked = await pick('major');
    expect((await transition(TRIAGER, ACCEPT)).status).toBe(204);

    const blocked = await transition(TRIAGER, START);
    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages?.[0]).toBe(
      [
        'This issue is not Ready. Complete these first (see the Definition of Ready panel):',
        '• Classified by the triager (level, kind, class of service).',
        '• Reproduced internally (link to the reproduction).',
      ].join('\n'),
    );

    const classified = dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'incident', classOfService: 'emergency', baseRevision: picked.report?.revision ?? 0 }));
    await invokeResolver(sandbox, TRIAGER, 'dor/checkItem', { issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://wiki.example/repro', baseRevision: classified.report?.revision ?? 0 });
    expect((await transition(TRIAGER, START)).status).toBe(204);
  });

  it('asks for the reporter’s verification from the newest move into Verified, whatever order Jira lists the changelog in', async () => {
    addRule(CLOSE, { reporterVerification: true });
    const toVerified = async (who: string, from: 'New' | 'Verified'): Promise<void> => {
      const path = from === 'New' ? [ACCEPT, START, RESOLVE, VERIFY] : [REOPEN, ACCEPT, START, RESOLVE, VERIFY];
      for (const id of path) expect((await transition(who, id)).status).toBe(204);
    };

    // The reporter verified the first fix; the triager reopened it and verified the second one.
    await toVerified(REPORTER, 'New');
    await toVerified(TRIAGER, 'Verified');
    const blocked = await transition(TRIAGER, CLOSE);
    expect(blocked).toMatchObject({ status: 400, body: { errorMessages: ['The reporter must verify the fix (the Verify transition) before this issue is closed.'] } });
    expect((await issueSnapshot(sandbox, issueKey)).status).toBe('Verified');

    // Once the reporter verifies again, the newest move into Verified is theirs.
    await toVerified(REPORTER, 'Verified');
    expect((await transition(TRIAGER, CLOSE)).status).toBe(204);
    expect((await issueSnapshot(sandbox, issueKey)).status).toBe('Closed');
  });

  describe('a rule without settings (added in Jira’s old workflow editor) or with damaged ones', () => {
    const addBareRule = (transitionId: string, configuration?: string): void => {
      sandbox.jira.upsertTransitionRule(WORKFLOW, transitionId, { key: 'severity-policy-validator', configuration });
    };

    it('lets issue types without the production report through', async () => {
      addBareRule(ACCEPT);
      const story = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Story', summary: 'Gift cards at checkout' });

      expect((await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${story}/transitions`, { transition: { id: ACCEPT } })).status).toBe(204);
      expect((await issueSnapshot(sandbox, story)).status).toBe('Accepted');
    });

    it('asks a production issue only for a severity, and says the rule needs its settings', async () => {
      addBareRule(ACCEPT);

      const blocked = await transition(TRIAGER, ACCEPT);
      expect(blocked.status).toBe(400);
      expect(blocked.body.errorMessages?.[0]).toBe(
        'Pick a severity in the Production report panel first.\nThis Firebreak rule has no settings yet (Jira’s old workflow editor cannot open them), so it only asks production issues for a severity. A Jira admin can choose its rules in Jira’s new workflow editor.',
      );
      await pick('major');
      expect((await transition(TRIAGER, ACCEPT)).status).toBe(204);
    });

    it('treats damaged settings the same way, saying they could not be read', async () => {
      addBareRule(ACCEPT, '{"rules":');

      const blocked = await transition(TRIAGER, ACCEPT);
      expect(blocked.body.errorMessages?.[0]).toMatch(/^Pick a severity in the Production report panel first\.\nThis Firebreak rule’s settings could not be read, so it only asks production issues for a severity\./);
    });

    it('reads settings whether Forge hands them over parsed or as the stored string, and takes empty ones for none', async () => {
      const settings: ValidatorConfig = { failMode: 'closed', rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, assigneeAtOrAbove: 'critical' } };
      await pick('critical');
      await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: null });
      const run = (configuration: unknown) => validateSeverityPolicy({ issue: { key: issueKey }, configuration });

      for (const configuration of [settings, JSON.stringify(settings)]) {
        expect(await run(configuration)).toEqual({ result: false, errorMessage: 'Assign someone first: Critical issues need an owner before they move on.' });
      }
      for (const configuration of [undefined, null, '', '{}', {}]) expect(await run(configuration)).toEqual({ result: true });
    });

    it('lets the transition through when it cannot decide, since no admin chose to block then', async () => {
      addBareRule(ACCEPT);
      sandbox.jira.faults.add({ method: 'GET', pathPattern: `^/rest/api/3/issue/${issueKey}$`, kind: '500' });

      expect((await transition(TRIAGER, ACCEPT)).status).toBe(204);
    }, 30_000);
  });

  it('fails closed when it cannot read the issue, and open when the admin chose so', async () => {
    addRule(ACCEPT, { severityPicked: true });
    await pick('major');
    sandbox.jira.faults.add({ method: 'GET', pathPattern: `^/rest/api/3/issue/${issueKey}$`, kind: '500' });

    const closed = await transition(TRIAGER, ACCEPT);
    expect(closed.status).toBe(400);
    expect(closed.body.errorMessages?.[0]).toMatch(/^Firebreak could not check the severity policy \(Jira answered HTTP 500\)/);

    for (const rule of sandbox.jira.listTransitionRules(WORKFLOW, ACCEPT)) sandbox.jira.removeTransitionRule(WORKFLOW, ACCEPT, rule.id);
    addRule(ACCEPT, { severityPicked: true }, 'open');
    expect((await transition(TRIAGER, ACCEPT)).status).toBe(204);
  }, 30_000);
});

describe('event trigger', () => {
  it('applies Critical: due times, priority, label and exactly one policy comment', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();

    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority,labels`);
    expect(issue.body.fields.priority.name).toBe('Highest');
    expect(issue.body.fields.labels).toContain('severity-critical');
    expect(await appPolicyState(sandbox, issueKey)).toMatchObject({ level: 'critical' });
    const comments = (await issueSnapshot(sandbox, issueKey)).comments;
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/^Critical: all hands\. First response by \d\d:\d\d UTC\. Updates every 30 minutes, next by \d\d:\d\d UTC\. Fix ships as: patch to production now\./);
  });

  it('applies the rest of the policy where the edit screen has no Priority field (an OPS incident), without failing', async () => {
    issueKey = await createIssue(sandbox, REPORTER, { project: 'OPS', type: 'Incident', summary: 'Paging tool drops alerts' });
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();

    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=priority,labels`);
    expect(issue.body.fields.priority.name).toBe('Medium');
    expect(issue.body.fields.labels).toContain('severity-critical');
    expect(await appPolicyState(sandbox, issueKey)).toMatchObject({ level: 'critical' });
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
    expect(sandbox.runtime.deliveries.filter((delivery) => delivery.issueKey === issueKey && delivery.outcome === 'error')).toEqual([]);
  });

  it('changes nothing more when the same event is replayed twice and out of order', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();
    const before = worldFingerprint(sandbox);
    const event = (eventType: string) => ({ eventType, timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user' as const, accountId: TRIAGER } });

    sandbox.runtime.deliverEvent(event('avi:jira:updated:issue'));
    sandbox.runtime.deliverEvent(event('avi:jira:updated:issue'));
    sandbox.runtime.deliverEvent(event('avi:jira:created:issue'));
    await sandbox.runtime.drain();

    expect(worldFingerprint(sandbox)).toBe(before);
    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
  });

  it('posts one comment even when duplicated deliveries race each other', async () => {
    const picked = await pick('critical');
    sandbox.jira.faults.add({ pathPattern: '/comment$', kind: 'latency', latencyMs: 50 });
    await decide(picked, 'critical');
    const event = { eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user' as const, accountId: TRIAGER } };
    sandbox.runtime.deliverEvent(event);
    sandbox.runtime.deliverEvent(event);
    await sandbox.runtime.drain();

    expect((await issueSnapshot(sandbox, issueKey)).comments).toHaveLength(1);
  });

  it('retries through a Jira 500 without doubling the comment', async () => {
    const picked = await pick('critical');
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: `^/rest/api/3/issue/${issueKey}$`, kind: '500', times: 1 });
    await decide(picked, 'critical');
    await sandbox.runtime.drain();

    const issue = await issueSnapshot(sandbox, issueKey);
    expect(issue.comments).toHaveLength(1);
    expect(sandbox.runtime.deliveries.filter((delivery) => delivery.issueKey === issueKey && delivery.outcome === 'error')).toEqual([]);
  }, 30_000);

  it('ignores the app’s own edits (ignoreSelf)', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();

    expect(sandbox.runtime.deliveries.some((delivery) => delivery.issueKey === issueKey && delivery.outcome === 'ignored-self')).toBe(true);
  });
});

describe('update-cadence reminders', () => {
  /** The reminder comments Jira holds on the issue. */
  const reminders = async (): Promise<string[]> => (await issueSnapshot(sandbox, issueKey)).comments.filter((comment) => comment.includes('Nothing new is an update too'));

  const overdue = async (): Promise<void> => {
    await changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: new Date(Date.now() - 60 * 60_000).toISOString() }));
  };

  it('reminds exactly once per due time, mentioning the assignee', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();
    await overdue();

    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });

    const comments = (await issueSnapshot(sandbox, issueKey)).comments;
    expect(comments.filter((comment) => comment.includes('Nothing new is an update too'))).toHaveLength(1);
    expect(comments.at(-1)).toContain('@Devon Park');
  });

  it('reminds in a project whose own policy has levels the site policy does not, without any JQL search', async () => {
    const current = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS));
    const sev = current.presets.find((preset) => preset.id === 'sev1-sev3')?.policy;
    if (sev === undefined) throw new Error('The demo offers no sev1-sev3 preset.');
    const override = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'policy/saveProject', { projectKey: 'SHOP', policy: sev, baseVersion: current.version }, SETTINGS));
    expect(override).toMatchObject({ source: 'project', policy: { levels: [{ id: 'sev1', updateCadenceMinutes: 30 }, { id: 'sev2' }, { id: 'sev3' }] } });
    expect(dataOf(await invokeResolver(sandbox, ADMIN, 'policy/getSite', {}, ADMIN_PAGE)).policy.levels.map((level) => level.id)).not.toContain('sev1');
    const picked = await pick('sev1');
    await decide(picked, 'sev1');
    await sandbox.runtime.drain();
    // The first run after an upgrade walks the site once for records kept in issue properties.
    await sandbox.runtime.runScheduledTrigger('cadence-reminders');
    await overdue();
    sandbox.jira.metering.reset();

    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
    // Due times come from the app's own index, not JQL (which lags) nor a property (which anyone can edit).
    expect(sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/search/jql']).toBeUndefined();
    expect((await issueSnapshot(sandbox, issueKey)).comments.at(-1)).toMatch(/^@Devon Park a stakeholder update was due by .*Nothing new is an update too/);
  });

  it('still reminds when reading the issues answers 429 once: the bulk fetch is a read and retried', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();
    await overdue();
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/issue/bulkfetch$', kind: '429', retryAfterSeconds: 1, times: 1 });

    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
    expect(await reminders()).toHaveLength(1);
  });

  describe('while Jira’s search index lags a minute behind', () => {
    /** Switches the lag on through the control API; what was written until now counts as indexed. */
    const lagSearch = async (): Promise<void> => {
      expect(await handleControl(sandbox, 'POST', '/__control/search-lag', JSON.stringify({ ms: 60_000 }))).toEqual({ status: 200, body: { ms: 60_000 } });
    };

    it('does not remind when the next update was moved a moment ago, though search has not seen it yet', async () => {
      const picked = await pick('critical');
      await decide(picked, 'critical');
      await sandbox.runtime.drain();
      await overdue();
      await lagSearch();
      // What the trigger writes when a person comments: the next update is due later.
      await changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: '2099-01-01T00:00:00.000Z' }));

      expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
      expect(await reminders()).toEqual([]);
    });

    it('does not remind on an issue resolved a moment ago', async () => {
      const picked = await pick('critical');
      await decide(picked, 'critical');
      await sandbox.runtime.drain();
      await overdue();
      await lagSearch();
      for (const id of ['11', '21', '51']) expect((await transition(TRIAGER, id)).status).toBe(204);

      expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
      expect(await reminders()).toEqual([]);
    });

    it('still reminds on what search already knows, reading its state by key', async () => {
      const picked = await pick('critical');
      await decide(picked, 'critical');
      await sandbox.runtime.drain();
      await overdue();
      await lagSearch();

      expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
      expect(await reminders()).toHaveLength(1);
    });
  });

  it('stops once the issue is resolved', async () => {
    const picked = await pick('critical');
    await decide(picked, 'critical');
    await sandbox.runtime.drain();
    await overdue();
    for (const id of ['11', '21', '51']) expect((await transition(TRIAGER, id)).status).toBe(204);

    const before = (await issueSnapshot(sandbox, issueKey)).comments;
    expect(await sandbox.runtime.runScheduledTrigger('cadence-reminders')).toEqual({ statusCode: 204 });
    expect((await issueSnapshot(sandbox, issueKey)).comments).toEqual(before);
  });
});
