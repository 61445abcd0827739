/**
 * Support work-in-progress limits through the sandbox: a project admin sets them on the project
 * settings page, the severity-policy validator refuses to start one more issue of a class at its
 * limit (naming the ones in progress), and the Definition of Ready panel's resolver counts them.
 * The class each issue counts under is the one the app stored, never the issue property.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type ValidatorConfig } from '../../src/contract/policy.contract';
import type { WipLimits } from '../../src/contract/project-config.contract';
import type { ClassOfService } from '../../src/contract/triage.values';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const PROJECT_ADMIN = people.sam;
const WORKFLOW = 'firebreak-support-workflow';
const ACCEPT = '11';
const START = '21';
const REQUEST_INFO = '31';
const READY_PANEL = 'definition-of-ready-panel';

let sandbox: Sandbox;

/** Adds the rule to a transition (or, given its id, changes it) and returns its id. */
const addRule = (transitionId: string, failMode: ValidatorConfig['failMode'] = 'closed', id?: string): string => {
  const configuration: ValidatorConfig = { failMode, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, supportWipLimits: true } };
  return sandbox.jira.upsertTransitionRule(WORKFLOW, transitionId, { ...(id === undefined ? {} : { id }), key: 'severity-policy-validator', configuration: JSON.stringify(configuration) }).id;
};

const setLimits = async (wipLimits: WipLimits): Promise<void> => {
  const view = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));
  dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/saveProject', { projectKey: 'SHOP', config: { ...view.config, wipLimits }, baseVersion: view.version }));
};

const transition = (issueKey: string, id: string) => jiraCall<{ errorMessages?: string[] }>(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } });

/** A reported, decided and classified incident, accepted (not started yet). */
const classifiedIssue = async (summary: string, classOfService: ClassOfService, level = 'major'): Promise<string> => {
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary });
  const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));
  const decided = dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason: 'Confirmed with support', baseRevision: picked.report?.revision ?? 0 }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'incident', classOfService, baseRevision: decided.report?.revision ?? 0 }));
  expect((await transition(issueKey, ACCEPT)).status).toBe(204);
  return issueKey;
};

const started = async (summary: string, classOfService: ClassOfService = 'emergency'): Promise<string> => {
  const issueKey = await classifiedIssue(summary, classOfService);
  expect((await transition(issueKey, START)).status).toBe(204);
  return issueKey;
};

/** Rewrites the issue's report property as anyone with Edit issues can (the app never trusts it). */
const forgeClass = async (issueKey: string, classOfService: string): Promise<void> => {
  const forged = { schemaVersion: 3, search: { classOfService, supportKind: 'incident', reportReady: 'yes', waitingForReporter: 'no' } };
  expect((await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/properties/firebreak-report`, forged)).status).toBeLessThan(300);
};

const supportWip = async (issueKey: string, as: string = TRIAGER) => dataOf(await invokeResolver(sandbox, as, 'config/supportWip', { issueKey }, READY_PANEL));

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

describe('setting the limits', () => {
  it('lets a project admin save a limit per class of service, and reads it back', async () => {
    await setLimits({ limits: { emergency: 2, 'bug-asap': 3 }, topSeverityExempt: true });

    expect(dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' })).config.wipLimits).toEqual({
      limits: { emergency: 2, 'bug-asap': 3 },
      topSeverityExempt: true,
    });
  });

  it('refuses a limit that is not a whole number from 1 to 99, naming the box', async () => {
    const view = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));
    for (const limit of [0, 100, 1.5]) {
      const result = await invokeResolver(sandbox, PROJECT_ADMIN, 'config/saveProject', {
        projectKey: 'SHOP',
        config: { ...view.config, wipLimits: { limits: { emergency: limit }, topSeverityExempt: false } },
        baseVersion: view.version,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'config.wipLimits.limits.emergency', message: expect.stringContaining('whole number from 1 to 99') as string } });
    }
  });

  it('refuses anyone who is not a project admin, even with a forged save, and changes nothing', async () => {
    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'config/getProject', { projectKey: 'SHOP' }));
    expect(view.canEdit).toBe(false);
    const before = worldFingerprint(sandbox);

    const result = await invokeResolver(sandbox, TRIAGER, 'config/saveProject', {
      projectKey: 'SHOP',
      config: { ...view.config, wipLimits: { limits: { emergency: 99 }, topSeverityExempt: true } },
      baseVersion: view.version,
    });

    expectRefusal(result, 'FORBIDDEN');
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});

describe('the validator’s support WIP limits rule', () => {
  beforeEach(async () => {
    await setLimits({ limits: { emergency: 1, 'bug-asap': 2 }, topSeverityExempt: true });
  });

  it('refuses to start one more emergency at the limit, naming the one in progress, with one JQL search', async () => {
    const first = await started('Payments fail for every card');
    addRule(START);
    const second = await classifiedIssue('Checkout times out', 'emergency');
    // The policy trigger's work on the earlier events is done before counting what the validator calls.
    await sandbox.runtime.drain();
    sandbox.jira.metering.reset();

    const blocked = await transition(second, START);

    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages?.[0]).toBe(
      [
        `Emergency work in progress is at its limit of 1: ${first} “Payments fail for every card” is in progress.`,
        '• Finish it or move it out of In Progress first.',
        '• Or ask a project admin to raise the limit (Project settings → Firebreak → Support work in progress).',
      ].join('\n'),
    );
    const operations = sandbox.jira.metering.snapshot().byOperation;
    expect((await issueSnapshot(sandbox, second)).status).toBe('Accepted');
    // The issue with its changelog, the status list (is the target In Progress?) and ONE search.
    expect(operations).toEqual({
      'POST /rest/api/3/issue/{issueIdOrKey}/transitions': expect.objectContaining({ calls: 1 }) as unknown,
      'GET /rest/api/3/issue/{issueIdOrKey}': expect.objectContaining({ calls: 1 }) as unknown,
      'GET /rest/api/3/status': expect.objectContaining({ calls: 1 }) as unknown,
      'POST /rest/api/3/search/jql': expect.objectContaining({ calls: 1 }) as unknown,
    });

    // Once the first one waits for its reporter... it is still in progress (Waiting for reporter is In Progress work).
    expect((await transition(first, REQUEST_INFO)).status).toBe(204);
    expect((await transition(second, START)).status).toBe(400);
  });

  it('lets work start under the limit, and counts each class on its own', async () => {
    await started('Search is slow', 'bug-asap');
    addRule(START);
    const another = await classifiedIssue('Export drops rows', 'bug-asap');
    const emergency = await classifiedIssue('Login down', 'emergency');

    expect((await transition(another, START)).status).toBe(204);
    expect((await transition(emergency, START)).status).toBe(204);
    const third = await classifiedIssue('Filter ignores dates', 'bug-asap');
    expect((await transition(third, START)).body.errorMessages?.[0]).toMatch(/^ASAP bug work in progress is at its limit of 2: SHOP-\d+ “Search is slow” and SHOP-\d+ “Export drops rows” are in progress\./);
  });

  it('lets the top severity level through when the project exempts it', async () => {
    await started('Payments fail for every card');
    addRule(START);
    const critical = await classifiedIssue('Whole site down', 'emergency', 'critical');

    expect((await transition(critical, START)).status).toBe(204);
  });

  it('does not count a moving issue twice: a move within In Progress starts nothing and costs no search', async () => {
    const first = await started('Payments fail for every card');
    addRule(REQUEST_INFO);
    sandbox.jira.metering.reset();

    expect((await transition(first, REQUEST_INFO)).status).toBe(204);
    expect(sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/search/jql']).toBeUndefined();
  });

  it('is silent for a class without a limit and for an unclassified issue', async () => {
    await started('Payments fail for every card');
    addRule(START);
    const major = await classifiedIssue('Old release notes wrong', 'bug-next-major');
    const unclassified = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Not triaged yet' });
    expect((await transition(unclassified, ACCEPT)).status).toBe(204);
    sandbox.jira.metering.reset();

    expect((await transition(major, START)).status).toBe(204);
    expect((await transition(unclassified, START)).status).toBe(204);
    expect(sandbox.jira.metering.snapshot().byOperation['POST /rest/api/3/search/jql']).toBeUndefined();
  });

  it('counts by the class the app stored: a forged property neither adds an issue nor hides one', async () => {
    const real = await started('Payments fail for every card');
    addRule(START);
    // An in-progress story of the demo with no Firebreak record, dressed up as an emergency.
    const [bystander] = (await jiraCall<{ issues: Array<{ key: string }> }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP AND statusCategory = "In Progress"', fields: ['key'] })).body.issues.filter(
      (issue) => issue.key !== real,
    );
    expect(bystander).toBeDefined();
    await forgeClass(bystander?.key ?? '', 'emergency');
    await setLimits({ limits: { emergency: 2 }, topSeverityExempt: false });
    const second = await classifiedIssue('Checkout times out', 'emergency');
    expect((await transition(second, START)).status).toBe(204);

    // The real emergency relabelled as a minor bug by hand still counts.
    await forgeClass(real, 'bug-next-major');
    await forgeClass(second, 'bug-next-major');
    const third = await classifiedIssue('Refunds stuck', 'emergency');
    const blocked = await transition(third, START);
    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages?.[0]).toContain(`${real} “Payments fail for every card” and ${second} “Checkout times out” are in progress`);
    expect(blocked.body.errorMessages?.[0]).not.toContain(bystander?.key ?? '');
  });

  it('follows the fail mode when the search answers 429: closed blocks with a sentence, open lets it through', async () => {
    await started('Payments fail for every card');
    const rule = addRule(START);
    const second = await classifiedIssue('Checkout times out', 'bug-asap');
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/search/jql$', kind: '429', retryAfterSeconds: 60 });

    const closed = await transition(second, START);
    expect(closed.status).toBe(400);
    expect(closed.body.errorMessages?.[0]).toMatch(/^Firebreak could not check the severity policy \(Jira answered HTTP 429\)\.\n• Try again in a minute\./);

    addRule(START, 'open', rule);
    expect((await transition(second, START)).status).toBe(204);
  });
});

describe('the Definition of Ready panel’s count', () => {
  beforeEach(async () => {
    await setLimits({ limits: { emergency: 2 }, topSeverityExempt: true });
  });

  it('counts the others in progress against the limit, and this one once when it is in progress', async () => {
    const first = await started('Payments fail for every card');
    const second = await classifiedIssue('Checkout times out', 'emergency');

    expect(await supportWip(second)).toEqual({ wip: { classOfService: 'emergency', limit: 2, othersInProgress: 1, thisInProgress: false, exempt: false } });
    expect(await supportWip(first)).toEqual({ wip: { classOfService: 'emergency', limit: 2, othersInProgress: 0, thisInProgress: true, exempt: false } });
  });

  it('shows nothing for a class without a limit, and costs no Jira read in a project without limits', async () => {
    const issueKey = await classifiedIssue('Old release notes wrong', 'bug-next-major');
    expect(await supportWip(issueKey)).toEqual({ wip: null });

    await setLimits({ limits: {}, topSeverityExempt: false });
    await sandbox.runtime.drain();
    sandbox.jira.metering.reset();
    expect(await supportWip(issueKey)).toEqual({ wip: null });
    // Only the permission check before every resolver.
    expect(Object.keys(sandbox.jira.metering.snapshot().byOperation)).toEqual(['GET /rest/api/3/mypermissions']);
  });

  it('is refused to someone who cannot browse the issue, and counts as the viewer', async () => {
    const issueKey = await classifiedIssue('Checkout times out', 'emergency');
    expectRefusal(await invokeResolver(sandbox, people.otto, 'config/supportWip', { issueKey }, READY_PANEL), 'FORBIDDEN');
  });
});
