/**
 * The severity-policy validator as Jira's workflow editors run it, through the sandbox's host pages
 * and the requests their frames make: the rule's pages call the backend through the module's own
 * resolver, the new editor opens them with the context Forge documents, and the old editor adds
 * the rule without them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { PolicyView } from '../../src/contract/policy.contract';
import type { ResolverResult } from '../../src/contract/result';
import { AppManifest } from '../../sandbox/forge/manifest';
import { ForgeRuntimeEmulator } from '../../sandbox/forge/runtime';
import { APP_ROOT, SANDBOX_CLOUD_ID, Sandbox } from '../../sandbox/sandbox';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';

const ADMIN = 'acc-ada-admin';
const TRIAGER = 'acc-devon-oncall';
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
