/**
 * Forge's web triggers as the app meets them: Atlassian's real `webTrigger` API makes, lists and
 * deletes URLs through the runtime, and a request to a URL reaches the module's function with
 * Forge's request shape, no user, the 55 s limit (shortened here) and the payload limit.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { webTrigger } from '@forge/api';
import { beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH } from '../jira';
import { KvsEmulator } from './kvs';
import { AppManifest } from './manifest';
import { ForgeRuntimeEmulator } from './runtime';
import { MAX_WEB_TRIGGER_PAYLOAD_BYTES, WebTriggersEmulator, type IncomingWebTriggerRequest } from './web-triggers';

const FIXTURE_APP = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'fixture-app');

const manifest = new AppManifest({
  modules: {
    webtrigger: [{ key: 'echo', function: 'echo' }],
    function: [{ key: 'echo', handler: 'handlers.webTriggerEcho' }],
  },
  resources: [],
  permissions: { scopes: ['read:jira-user'] },
  app: { id: 'ari:cloud:ecosystem::app/web-trigger-test' },
});

let runtime: ForgeRuntimeEmulator;

beforeEach(async () => {
  const jira = JiraEmulator.fromScenario(await loadScenarioFile(MINIMAL_SCENARIO_PATH));
  runtime = new ForgeRuntimeEmulator({ appRoot: FIXTURE_APP, manifest, jira, kvs: new KvsEmulator(), cloudId: 'test-cloud', siteUrl: 'http://localhost:7711', webTriggerTimeoutMs: 100 });
  runtime.install();
});

const pathOf = (url: string): string => new URL(url).pathname;

const post = (url: string, overrides: Partial<IncomingWebTriggerRequest> = {}): Promise<{ status: number; headers: Readonly<Record<string, readonly string[]>>; body: string }> =>
  runtime.webTriggers.receive({ method: 'POST', path: pathOf(url), headers: { 'Content-Type': ['application/json'] }, queryParameters: {}, body: '{"hello":1}', ...overrides });

describe('web trigger URLs', () => {
  it('getUrl answers the same URL for a module until forceCreate makes another; both are on the sandbox origin with the /x1/<id> shape', async () => {
    const stable = await webTrigger.getUrl('echo');
    expect(stable).toMatch(/^http:\/\/localhost:7711\/x1\/[0-9a-f-]{36}$/);
    expect(await webTrigger.getUrl('echo')).toBe(stable);
    const fresh = await webTrigger.getUrl('echo', { forceCreate: true });
    expect(fresh).not.toBe(stable);
    expect((await webTrigger.queryUrls('echo')).map((entry) => entry.url).sort()).toEqual([stable, fresh].sort());
  });

  it('getUrl for a module the manifest lacks fails as @forge/api reports it', async () => {
    await expect(webTrigger.getUrl('no-such-trigger')).rejects.toThrow('Failed to get web trigger URL');
  });

  it('deleteUrl makes the URL answer 404 and drops it from queryUrls; deleting it twice fails', async () => {
    const url = await webTrigger.getUrl('echo', true);
    expect((await post(url)).status).toBe(201);
    await webTrigger.deleteUrl(url);
    expect((await post(url)).status).toBe(404);
    expect(await webTrigger.queryUrls('echo')).toEqual([]);
    await expect(webTrigger.deleteUrl(url)).rejects.toThrow('Failed to delete web trigger URL');
    expect(WebTriggersEmulator.idOf(url)).toBe(pathOf(url).slice('/x1/'.length));
  });
});

describe('a request to a web trigger', () => {
  it('reaches the function with Forge request shape, a context without a user, and asUser() refused', async () => {
    const url = await webTrigger.getUrl('echo');
    const answer = await post(`${url}/extra/path`, { headers: { 'Content-Type': ['application/json'], 'X-Hub-Signature-256': ['sha256=ab'] }, queryParameters: { a: ['1', '2'] } });
    expect(answer.status).toBe(201);
    expect(answer.headers['X-Echo']).toEqual(['one', 'two']);
    const echoed = JSON.parse(answer.body) as { request: Record<string, unknown>; contextKeys: string[]; asUser: string };
    expect(echoed.request).toEqual({
      method: 'POST',
      path: `${pathOf(url)}/extra/path`,
      userPath: '/extra/path',
      headers: { 'Content-Type': ['application/json'], 'X-Hub-Signature-256': ['sha256=ab'] },
      queryParameters: { a: ['1', '2'] },
      body: '{"hello":1}',
    });
    expect(echoed.contextKeys).toContain('installContext');
    expect(echoed.contextKeys).not.toContain('principal');
    expect(echoed.asUser).toBe('NEEDS_AUTHENTICATION_ERR');
  });

  it('answers 500 when the function throws or returns something other than { statusCode, headers, body }', async () => {
    const url = await webTrigger.getUrl('echo');
    expect((await post(url, { queryParameters: { mode: ['throw'] } })).status).toBe(500);
    expect((await post(url, { queryParameters: { mode: ['incompatible'] } })).status).toBe(500);
    expect(runtime.webTriggers.deliveries.map((delivery) => delivery.outcome)).toEqual(['threw', 'incompatible-result']);
  });

  it('answers a status without a body when the function returns only statusCode', async () => {
    const url = await webTrigger.getUrl('echo');
    expect(await post(url, { queryParameters: { mode: ['no-body'] } })).toEqual({ status: 204, headers: {}, body: '' });
  });

  it('stops the function at its time limit and answers 424 Failed Dependency', async () => {
    const url = await webTrigger.getUrl('echo');
    const answer = await post(url, { queryParameters: { mode: ['slow'] } });
    expect(answer.status).toBe(424);
    expect(runtime.webTriggers.deliveries.at(-1)?.outcome).toBe('timed-out');
  });

  it('refuses a request over the 5 MB invocation payload before the function runs', async () => {
    const url = await webTrigger.getUrl('echo');
    const answer = await post(url, { body: 'x'.repeat(MAX_WEB_TRIGGER_PAYLOAD_BYTES) });
    expect(answer.status).toBe(413);
    expect(runtime.webTriggers.deliveries.at(-1)?.outcome).toBe('too-large');
  });

  it('answers 404 for an id no URL was made for', async () => {
    expect((await post('http://localhost:7711/x1/3f0e7a52-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
