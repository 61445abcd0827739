/**
 * "Who triages" through the sandbox: the demo's people against the project's settings, with Jira
 * answering as it documents (role membership readable by project admins and the app only). The
 * helper the report resolvers call, `triagerCheck`, runs on Atlassian's real @forge/api as each
 * person; the settings page lists the roles and saves the choice.
 */
import { asApp, asUser } from '@forge/api';
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_TRIAGERS, type Triagers } from '../../src/contract/project-config.contract';
import { triagerCheck } from '../../src/entry/use-cases/triager-check';
import type { JiraClients, JiraTransport } from '../../src/jira/jira-transport';
import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const MIA = people.mia;
const SAM = people.sam;
const ADA = people.ada;
const SETTINGS = 'project-settings';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 0, maxMs: 5 }, kvsLatency: { minMs: 0, maxMs: 0 } });
});

/** The clients a resolver invoked by `accountId` gets: Jira as that person, and as the app. */
const clientsFor = (accountId: string): JiraClients => {
  const over = (requestJira: ReturnType<typeof asUser>['requestJira']): JiraTransport => ({
    request: (path, init) =>
      requestJira(path, { ...(init?.method === undefined ? {} : { method: init.method }), ...(init?.body === undefined ? {} : { body: init.body }) }),
  });
  return { asUser: over(asUser(accountId).requestJira), asApp: over(asApp().requestJira) };
};

const check = (accountId: string, triagers: Triagers | null = null) => triagerCheck(clientsFor(accountId), 'SHOP', triagers === null ? null : { triagers });

describe('triagerCheck with the default settings (Developers and Administrators)', () => {
  it('counts a developer through the group that holds Developers, and one named in person', async () => {
    expect(await check(DEVON)).toEqual({ triager: true, via: 'the Developers role' });
    expect(await check(MIA)).toEqual({ triager: true, via: 'the Developers role' });
  });

  it('counts project administrators, in person or through a group', async () => {
    expect(await check(SAM)).toEqual({ triager: true, via: 'the Administrators role' });
    expect(await check(ADA)).toEqual({ triager: true, via: 'the Administrators role' });
  });

  it('does not count a reporter who holds only the default role, and says what to do', async () => {
    const verdict = await check(RITA);
    expect(verdict.triager).toBe(false);
    if (verdict.triager) return;
    expect(verdict.refusal('decide the severity')).toBe(
      'Only triagers can decide the severity in SHOP: members of the Developers or Administrators project role. Ask a project admin to add you, or to change who triages in the project’s Firebreak settings.',
    );
  });

  it('asks Jira who the person is as that person, and role membership as the app, in two rounds of requests', async () => {
    sandbox.jira.metering.reset();
    await check(RITA);
    const calls = sandbox.jira.metering.snapshot().byOperation;
    expect(Object.fromEntries(Object.entries(calls).map(([operation, { calls: count }]) => [operation, count]))).toEqual({
      'GET /rest/api/3/myself': 1,
      'GET /rest/api/3/project/{projectIdOrKey}/roledetails': 1,
      'GET /rest/api/3/project/{projectIdOrKey}/role/{id}': 2,
    });
  });
});

describe('triagerCheck with groups and other roles', () => {
  it('counts a chosen group from the person’s own groups, without reading any role', async () => {
    sandbox.jira.metering.reset();
    expect(await check(DEVON, { roles: ['Administrators'], groups: ['ops-engineers'] })).toEqual({ triager: true, via: 'the ops-engineers group' });
    expect(Object.keys(sandbox.jira.metering.snapshot().byOperation)).not.toContain('GET /rest/api/3/project/{projectIdOrKey}/role/{id}');
  });

  it('says when a chosen role no longer exists in the project', async () => {
    const verdict = await check(MIA, { roles: ['Devs'], groups: [] });
    expect(verdict.triager).toBe(false);
    if (verdict.triager) return;
    expect(verdict.refusal('classify issues')).toContain('SHOP has no Devs role any more');
  });
});

describe('the project settings page', () => {
  it('shows a project admin the project’s roles to choose from, and who triages by default', async () => {
    const view = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    expect(view.config.triagers).toEqual(DEFAULT_TRIAGERS);
    expect(view.roles?.map((role) => role.name)).toEqual(['Administrators', 'Developers', 'Users']);
  });

  it('shows someone who may not administer the project who triages, without the roles Jira will not show them', async () => {
    const view = dataOf(await invokeResolver(sandbox, DEVON, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    expect(view).toMatchObject({ canEdit: false, roles: null, config: { triagers: DEFAULT_TRIAGERS } });
  });

  it('saves who triages, which the check then follows', async () => {
    const view = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    const saved = dataOf(
      await invokeResolver(sandbox, SAM, 'config/saveProject', { projectKey: 'SHOP', baseVersion: view.version, config: { ...view.config, triagers: { roles: ['Administrators'], groups: ['jira-software-users'] } } }, SETTINGS),
    );
    expect(saved.config.triagers).toEqual({ roles: ['Administrators'], groups: ['jira-software-users'] });
    expect(await check(RITA, saved.config.triagers)).toEqual({ triager: true, via: 'the jira-software-users group' });
  });

  it('refuses settings where nobody could triage, naming the field', async () => {
    const view = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    const refused = await invokeResolver(sandbox, SAM, 'config/saveProject', { projectKey: 'SHOP', baseVersion: view.version, config: { ...view.config, triagers: { roles: [], groups: [] } } }, SETTINGS);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'config.triagers.roles' } });
  });

  it('reads settings saved before "who triages" existed with the default', async () => {
    const { kvs } = await import('@forge/kvs');
    await kvs.set('project-config:SHOP', { schemaVersion: 1, version: 2, config: { productionIssueTypes: ['Bug'], defaultFieldRules: {}, fieldRulesByIssueType: {}, manualItems: [], sendBackStatus: null }, updatedAt: '2026-10-01T09:00:00.000Z', updatedBy: SAM });
    const view = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    expect(view).toMatchObject({ version: 2, config: { productionIssueTypes: ['Bug'], triagers: DEFAULT_TRIAGERS } });
  });
});
