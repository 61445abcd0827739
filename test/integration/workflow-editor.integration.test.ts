/**
 * The severity-policy validator as Jira's workflow editors run it, through the sandbox's host pages
 * and the requests their frames make: the rule's pages call the backend through the module's own
 * resolver, the new editor opens them with the context Forge documents, and the old editor adds
 * the rule without them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { PolicyView } from '../../src/contract/policy.contract';
import type { ResolverResult } from '../../src/contract/result';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { AppManifest } from '../../sandbox/forge/manifest';
import { ForgeRuntimeEmulator } from '../../sandbox/forge/runtime';
import { APP_ROOT, SANDBOX_CLOUD_ID, Sandbox } from '../../sandbox/sandbox';
import { offersRule } from '../../sandbox/server/config-pages';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';
import { people } from '../support/people';

const ADMIN = people.ada;
const TRIAGER = people.devon;
const VALIDATOR = 'severity-policy-validator';

let sandbox: Sandbox;
let server: RunningServer;

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  server = await startSandboxServer(sandbox, 0);
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await sandbox.reset();
});

const WORKFLOW = 'firebreak-support-workflow';
const MOBILE_WORKFLOW = 'mobile-app-workflow';
const ACCEPT = '11';
const REPORTER = people.rita;

/** A host page as the signed-in user sees it. */
const page = async (accountId: string, path: string): Promise<string> => (await fetch(`${server.url}${path}`, { headers: { cookie: `fb_user=${accountId}` } })).text();

const unescape = (value: string): string => value.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The context (`extension`) of every app frame on a page, in page order. */
const frameContexts = (html: string): Array<Record<string, unknown>> =>
  [...html.matchAll(/<iframe[^>]*data-extension="([^"]*)"/g)].map((match) => JSON.parse(unescape(match[1] ?? '{}')) as Record<string, unknown>);

/** What Jira's workflow editor does when the admin saves a rule (the host page's own request). */
const saveRule = async (workflowKey: string, transitionId: string, configuration?: string): Promise<Response> =>
  fetch(`${server.url}/__host/workflow-rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `fb_user=${ADMIN}` },
    body: JSON.stringify({ workflowKey, transitionId, key: VALIDATOR, ...(configuration === undefined ? {} : { configuration }) }),
  });

const RULES = JSON.stringify({ rules: { severityPicked: true, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: false }, failMode: 'closed' });

/** What a frame's `invoke` sends through the host page, signed in as `accountId`. */
const hostInvoke = async (accountId: string, moduleKey: string, functionKey: string, payload: unknown = {}): Promise<{ ok: boolean; value?: ResolverResult<unknown>; message?: string }> => {
  const response = await fetch(`${server.url}/__host/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `fb_user=${accountId}` },
    body: JSON.stringify({ moduleKey, functionKey, payload, extension: {} }),
  });
  return (await response.json()) as { ok: boolean; value?: ResolverResult<unknown>; message?: string };
};

describe('the rule’s pages and their resolver', () => {
  it('refuses invoke from a module that declares no resolver, as Forge does', async () => {
    const raw = structuredClone(sandbox.manifest.raw);
    raw.modules['jira:workflowValidator'] = (raw.modules['jira:workflowValidator'] ?? []).map(({ resolver: _resolver, ...module }) => module);
    const runtime = new ForgeRuntimeEmulator({ appRoot: APP_ROOT, manifest: new AppManifest(raw), jira: sandbox.jira, kvs: sandbox.kvs, cloudId: SANDBOX_CLOUD_ID, siteUrl: server.url });

    await expect(runtime.invokeUi({ moduleKey: VALIDATOR, functionKey: 'policy/getSite', payload: {}, accountId: ADMIN, extension: {} })).rejects.toThrow(/has no resolver/);
  });

  it('lets the rule editor read the severity policy through the validator module, for a Jira admin', async () => {
    const answer = await hostInvoke(ADMIN, VALIDATOR, 'policy/getSite');

    expect(answer).toMatchObject({ ok: true, value: { ok: true } });
    const view = answer.value?.ok === true ? (answer.value.data as PolicyView) : undefined;
    expect(view?.policy.levels.map((level) => level.name)).toEqual(['Critical', 'Major', 'Medium', 'Minor']);
  });

  it('still refuses the policy to someone who is not a Jira admin', async () => {
    expect(await hostInvoke(TRIAGER, VALIDATOR, 'policy/getSite')).toMatchObject({ ok: true, value: { ok: false, error: { code: 'FORBIDDEN' } } });
  });
});

describe('the new workflow editor', () => {
  it('opens the rule’s pages with the context Forge documents for them, naming each page as Atlassian’s samples expect', async () => {
    const [create] = frameContexts(await page(ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=${ACCEPT}&mode=create&validator=${VALIDATOR}`));
    expect(create).toMatchObject({ type: 'jira:workflowValidator', isNewEditor: true, workflowId: WORKFLOW, transitionContext: { id: ACCEPT } });
    expect(create).toMatchObject({ entryPoint: 'create' });
    expect(create).not.toHaveProperty('validatorConfig');
    expect(create).not.toHaveProperty('scopedProjectId');

    expect((await saveRule(WORKFLOW, ACCEPT, RULES)).status).toBe(200);
    const [rule] = sandbox.jira.listTransitionRules(WORKFLOW, ACCEPT);
    const [view] = frameContexts(await page(ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=${ACCEPT}`));
    const [edit] = frameContexts(await page(ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=${ACCEPT}&mode=edit&rule=${rule?.id ?? ''}`));
    expect(view).toMatchObject({ entryPoint: 'view', isNewEditor: true, workflowId: WORKFLOW, validatorConfig: RULES });
    expect(edit).toMatchObject({ entryPoint: 'edit', isNewEditor: true, workflowId: WORKFLOW, validatorConfig: RULES });
  });
});

describe('the old workflow editor', () => {
  it('adds the rule without settings and opens none of its pages', async () => {
    const before = await page(ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=${ACCEPT}&editor=old`);
    expect(before).toContain('data-add-bare-rule');
    expect(frameContexts(before)).toEqual([]);

    expect((await saveRule(WORKFLOW, ACCEPT)).status).toBe(200);
    expect(sandbox.jira.listTransitionRules(WORKFLOW, ACCEPT)).toEqual([expect.objectContaining({ key: VALIDATOR, configuration: undefined })]);
    const after = await page(ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=${ACCEPT}&editor=old`);
    expect(frameContexts(after)).toEqual([]);
    expect(after).toContain('only asks production issues for a severity');
    expect(after).not.toContain('Edit rule');
  });
});

describe('a team-managed project', () => {
  it('is offered the rule, as the manifest’s projectTypes allow, and its pages know the project', async () => {
    const mob = sandbox.scenario.projects.find((project) => project.key === 'MOB');
    expect(mob?.style).toBe('next-gen');
    const editor = await page(ADMIN, `/jira/settings/workflows?workflow=${MOBILE_WORKFLOW}&transition=11&mode=create&validator=${VALIDATOR}`);
    expect(editor).toContain('new workflow editor only');
    expect(frameContexts(editor)[0]).toMatchObject({ isNewEditor: true, workflowId: MOBILE_WORKFLOW, scopedProjectId: mob?.id });
    expect((await saveRule(MOBILE_WORKFLOW, '11', RULES)).status).toBe(200);
  });

  it('runs the rule on the team-managed project’s transition', async () => {
    expect((await saveRule(MOBILE_WORKFLOW, '11', RULES)).status).toBe(200);
    const start = (): Promise<Response> =>
      fetch(`${server.url}/rest/api/3/issue/MOB-1/transitions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `fb_user=${TRIAGER}` }, body: JSON.stringify({ transition: { id: '11' } }) });

    const blocked = await start();
    expect(blocked.status).toBe(400);
    expect(((await blocked.json()) as { errorMessages: string[] }).errorMessages).toEqual(['Pick a severity in the Production report panel first.']);
    const picked = await hostInvoke(REPORTER, 'production-report-panel', 'report/save', { issueKey: 'MOB-1', fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 });
    expect(picked).toMatchObject({ ok: true, value: { ok: true } });
    expect((await start()).status).toBe(204);
  });

  it('is not offered a rule whose module leaves team-managed projects out (Forge’s default)', () => {
    const raw = structuredClone(sandbox.manifest.raw);
    raw.modules['jira:workflowValidator'] = (raw.modules['jira:workflowValidator'] ?? []).map(({ projectTypes: _projectTypes, ...module }) => module);
    const companyOnly = new AppManifest(raw);
    const module = companyOnly.module(VALIDATOR);
    expect(module === undefined ? [] : companyOnly.projectTypesOf(module)).toEqual(['company-managed']);
    const withoutTeam = { manifest: companyOnly, scenario: sandbox.scenario };
    expect(module !== undefined && offersRule(withoutTeam, module, MOBILE_WORKFLOW)).toBe(false);
    expect(module !== undefined && offersRule(withoutTeam, module, WORKFLOW)).toBe(true);
  });
});
