/**
 * Issue 17: the front door. Every kind's well-signed request is accepted (202); every bad one is
 * refused with a 4xx and its reason, and leaves Jira and the app's storage exactly as they were
 * (the world fingerprint), so nothing reached the back office. A replay is refused once the first
 * copy was accepted. The control API's test alert crosses the real HTTP server.
 */
import { readFile } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ALERT_SOURCE_KINDS } from '../../src/contract/intake.contract';
import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import { MAX_BODY_BYTES } from '../../src/entry/intake/receive-delivery';
import { Sandbox } from '../../sandbox/sandbox';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';
import { createSource, sendToUrl, signedHeaders } from '../support/intake';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { worldFingerprint } from '../support/sandbox-harness';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const FIXTURES: Readonly<Record<AlertSourceKind, string>> = {
  alertmanager: 'alertmanager-firing.json',
  grafana: 'grafana-firing.json',
  sentry: 'sentry-issue-alert.json',
  honeybadger: 'honeybadger-occurred.json',
  dependabot: 'dependabot-alert-created.json',
  generic: 'generic-firing.json',
};

const fixture = async (kind: AlertSourceKind): Promise<string> => readFile(new URL(`../fixtures/alerts/${FIXTURES[kind]}`, import.meta.url), 'utf8');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** What the settings page shows as the source's last received request. */
const lastReceived = async (sourceId: string) => dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources.find((source) => source.id === sourceId)?.lastReceived ?? null;

/** Sends a request that must be refused, and checks that nothing anywhere changed. */
const expectRefused = async (url: string, request: Parameters<typeof sendToUrl>[2], status: number, reason: RegExp | string): Promise<void> => {
  const before = worldFingerprint(sandbox);
  const answer = await sendToUrl(sandbox, url, request);
  expect(answer.status).toBe(status);
  expect(answer.body.error).toMatch(reason);
  expect(worldFingerprint(sandbox)).toBe(before);
};

describe.each(ALERT_SOURCE_KINDS)('a %s source', (kind) => {
  it('accepts a well-signed request with its documented body (202) and records what it received', async () => {
    const { url, secret, sourceId } = await createSource(sandbox, { kind, name: `${kind} source` });
    const body = await fixture(kind);
    const answer = await sendToUrl(sandbox, url, { body, headers: signedHeaders(kind, secret, body, nowSeconds()) });
    expect(answer.status).toBe(202);
    expect(answer.body.message).toEqual(expect.any(String));
    expect(await lastReceived(sourceId)).toMatchObject({ test: false, alertCount: answer.body['alerts'] });
  });

  it('refuses a request without its signature or token, and one signed with another secret (401), keeping nothing', async () => {
    const { url, secret } = await createSource(sandbox, { kind });
    const body = await fixture(kind);
    await expectRefused(url, { body }, 401, /not signed|no Sentry-Hook-Signature|no token|no timestamp/i);
    const forged = signedHeaders(kind, `${secret}-not`, body, nowSeconds());
    await expectRefused(url, { body, headers: forged }, 401, /does not match/);
    // A body changed after signing.
    const signed = signedHeaders(kind, secret, body, nowSeconds());
    if (kind !== 'alertmanager' && kind !== 'honeybadger') await expectRefused(url, { body: `${body} `, headers: signed }, 401, /does not match/);
  });

  it('refuses a body that is not JSON (400) and one of the wrong shape (422), with the parser\'s sentence', async () => {
    const { url, secret } = await createSource(sandbox, { kind });
    const broken = '{"alerts": [';
    await expectRefused(url, { body: broken, headers: signedHeaders(kind, secret, broken, nowSeconds()) }, 400, /not JSON/);
    const wrong = JSON.stringify({ alerts: 'many', data: 7, alert: 5, event: 42, fault: [] });
    await expectRefused(url, { body: wrong, headers: signedHeaders(kind, secret, wrong, nowSeconds()) }, 422, /request was refused/);
  });

  it('refuses a body over the limit (413) and a GET (405) before reading any signature', async () => {
    const { url, secret } = await createSource(sandbox, { kind });
    const huge = JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) });
    await expectRefused(url, { body: huge, headers: signedHeaders(kind, secret, huge, nowSeconds()) }, 413, /KiB/);
    const method = await sendToUrl(sandbox, url, { method: 'GET', body: '' });
    expect(method.status).toBe(405);
    expect(method.headers['Allow']).toEqual([kind === 'grafana' ? 'POST, PUT' : 'POST']);
  });
});

describe('time and replays', () => {
  it.each(['generic', 'grafana', 'sentry'] as const)('%s: a request signed 10 minutes ago or 5 minutes ahead is refused (401) with how far off it is', async (kind) => {
    const { url, secret } = await createSource(sandbox, { kind });
    const body = await fixture(kind);
    await expectRefused(url, { body, headers: signedHeaders(kind, secret, body, nowSeconds() - 600) }, 401, /signed \d+ seconds ago/);
    await expectRefused(url, { body, headers: signedHeaders(kind, secret, body, nowSeconds() + 300) }, 401, /in the future/);
  });

  it.each(['generic', 'grafana'] as const)('%s: the same signed request twice is taken once; the copy is refused (409)', async (kind) => {
    const { url, secret } = await createSource(sandbox, { kind });
    const body = await fixture(kind);
    const headers = signedHeaders(kind, secret, body, nowSeconds());
    expect((await sendToUrl(sandbox, url, { body, headers })).status).toBe(202);
    await expectRefused(url, { body, headers }, 409, /already received/);
  });

  it.each(['sentry', 'dependabot'] as const)('%s: a delivery id seen before is refused (409), even with another body’s signature', async (kind) => {
    const { url, secret } = await createSource(sandbox, { kind });
    const body = await fixture(kind);
    expect((await sendToUrl(sandbox, url, { body, headers: signedHeaders(kind, secret, body, nowSeconds(), 'delivery-1') })).status).toBe(202);
    const other = `${body} `;
    await expectRefused(url, { body: other, headers: signedHeaders(kind, secret, other, nowSeconds(), 'delivery-1') }, 409, /already received/);
    // Another delivery (another id, another body) is taken.
    const next = `${body}\n`;
    expect((await sendToUrl(sandbox, url, { body: next, headers: signedHeaders(kind, secret, next, nowSeconds(), 'delivery-2') })).status).toBe(202);
  });

  it.each(['sentry', 'dependabot'] as const)('%s: a captured request sent again under a new delivery id is refused too (409)', async (kind) => {
    const { url, secret } = await createSource(sandbox, { kind });
    const body = await fixture(kind);
    const headers = signedHeaders(kind, secret, body, nowSeconds(), 'delivery-1');
    expect((await sendToUrl(sandbox, url, { body, headers })).status).toBe(202);
    const renamed = Object.fromEntries(Object.entries(headers).map(([name, values]) => [name, /request-id|github-delivery/i.test(name) ? ['delivery-forged'] : values]));
    await expectRefused(url, { body, headers: renamed }, 409, /already received/);
  });

  it('generic: the same signature spelt another way (no "sha256=", upper-case hex) is the same request', async () => {
    const { url, secret } = await createSource(sandbox);
    const body = await fixture('generic');
    const headers = signedHeaders('generic', secret, body, nowSeconds());
    expect((await sendToUrl(sandbox, url, { body, headers })).status).toBe(202);
    const respelt = (headers['X-Firebreak-Signature']?.[0] ?? '').replace(/^sha256=/, '').toUpperCase();
    await expectRefused(url, { body, headers: { ...headers, 'X-Firebreak-Signature': [respelt] } }, 409, /already received/);
  });

  it('two copies of one request at once: exactly one is accepted', async () => {
    const { url, secret } = await createSource(sandbox);
    const body = await fixture('generic');
    const headers = signedHeaders('generic', secret, body, nowSeconds());
    const answers = await Promise.all([sendToUrl(sandbox, url, { body, headers }), sendToUrl(sandbox, url, { body, headers })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
  });

  it('a conflicting second copy of the signature header is not read as either', async () => {
    const { url, secret } = await createSource(sandbox);
    const body = await fixture('generic');
    const good = signedHeaders('generic', secret, body, nowSeconds());
    await expectRefused(url, { body, headers: { ...good, 'x-firebreak-signature': ['sha256=' + '0'.repeat(64)] } }, 401, /not signed/);
  });
});

describe('faults in Forge storage', () => {
  it('storage refusing the replay memory (429) answers 503 with Retry-After and keeps nothing; the sender\'s retry lands once', async () => {
    const { url, secret, sourceId } = await createSource(sandbox);
    const body = await fixture('generic');
    const headers = signedHeaders('generic', secret, body, nowSeconds());
    sandbox.kvs.injectFault({ kind: 'rate-limit', times: 1, when: (request) => request.path === '/api/v1/set' && JSON.stringify(request.body).includes('alert-replay:') });
    const before = worldFingerprint(sandbox);
    const refused = await sendToUrl(sandbox, url, { body, headers });
    expect(refused.status).toBe(503);
    expect(refused.headers['Retry-After']).toEqual(['30']);
    expect(refused.body.error).toContain('nothing was kept');
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(await lastReceived(sourceId)).toBeNull();
    expect((await sendToUrl(sandbox, url, { body, headers })).status).toBe(202);
    expect((await sendToUrl(sandbox, url, { body, headers })).status).toBe(409);
  });

  it('storage failing to find the source (500) answers 503, not a bare platform error', async () => {
    const { url, secret } = await createSource(sandbox);
    const body = await fixture('generic');
    sandbox.kvs.injectFault({ kind: 'error', times: 1, when: (request) => request.path === '/api/v1/entity/query' });
    const answer = await sendToUrl(sandbox, url, { body, headers: signedHeaders('generic', secret, body, nowSeconds()) });
    expect(answer.status).toBe(503);
    expect(answer.body.error).toContain('Send it again shortly');
  });
});

describe('unknown URLs', () => {
  it('an id no source has answers 404 from the platform; a deleted source\'s URL too', async () => {
    const { url, secret, sourceId } = await createSource(sandbox);
    const body = await fixture('generic');
    const before = worldFingerprint(sandbox);
    expect((await sendToUrl(sandbox, url.replace(/[0-9a-f]{12}$/, '000000000000'), { body })).status).toBe(404);
    expect(worldFingerprint(sandbox)).toBe(before);
    dataOf(await invokeResolver(sandbox, people.sam, 'intake/delete', { projectKey: 'SHOP', sourceId, baseVersion: 1 }));
    expect((await sendToUrl(sandbox, url, { body, headers: signedHeaders('generic', secret, body, nowSeconds()) })).status).toBe(404);
  });

  it('a URL of the module that no source owns is answered by the app: 404 with a sentence', async () => {
    const { webTrigger } = await import('@forge/api');
    const stray = await webTrigger.getUrl('alert-intake', true);
    const answer = await sendToUrl(sandbox, stray, { body: '{}' });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toContain('No alert source has this URL');
  });
});

describe('over HTTP', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('the control API signs the kind\'s sample with the stored secret and sends it to the source\'s URL', async () => {
    server = await startSandboxServer(sandbox, 0);
    const running = server;
    for (const kind of ['generic', 'dependabot', 'alertmanager'] as const) {
      const { sourceId, url } = await createSource(sandbox, { kind, name: `${kind} over HTTP` });
      expect(url.startsWith(`${running.url}/x1/`)).toBe(true);
      const response = await fetch(`${running.url}/__control/intake/test-alert`, { method: 'POST', body: JSON.stringify({ sourceId }) });
      const answer = (await response.json()) as { webTrigger: { status: number; body: { message?: string } } };
      expect(answer.webTrigger.status).toBe(202);
      expect(await lastReceived(sourceId)).toMatchObject({ alertCount: 1 });
    }
    const unsigned = await fetch(sandbox.runtime.webTriggers.liveUrls()[0]?.url ?? '', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toContain('not signed');
  });
});
