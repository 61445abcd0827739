/**
 * Issue 17: alert sources on the project settings page. A project admin adds a source and sees its
 * URL and secret once; afterwards only the last four characters. Edits are compare-and-swap;
 * rotation retires the old secret (and URL); deletion makes the URL answer 404. Nobody else may do
 * any of it, and a forged payload changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { sampleAlertBody } from '../../src/domain/intake/samples';
import { Sandbox } from '../../sandbox/sandbox';
import { createSource, sendToUrl, signedHeaders, sourceSettings } from '../support/intake';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const genericBody = (): string => JSON.stringify(sampleAlertBody('generic', new Date().toISOString()));

describe('adding a source', () => {
  it('shows the URL and the whole secret once; afterwards only its last four characters', async () => {
    const created = await createSource(sandbox);
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.message).toContain('will not show it again');
    const source = created.view.sources[0];
    expect(source).toMatchObject({ ready: true, secretHint: created.secret.slice(-4), kindName: 'generic alert', issueTypeName: 'Incident', protection: { scheme: 'signature-timestamp' } });
    expect(source?.url).toMatch(/\/x1\/[0-9a-f-]{36}$/);
    expect(source?.example.text).toContain(source?.url ?? '');
    expect(source?.example.text).toContain('X-Firebreak-Signature');

    const listed = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(listed.sources[0]?.secretHint).toBe(created.secret.slice(-4));
  });

  it('says which protection each kind gets and gives a config snippet for it', async () => {
    await createSource(sandbox, { name: 'Prometheus', kind: 'alertmanager' });
    await createSource(sandbox, { name: 'GitHub', kind: 'dependabot' });
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    const byName = Object.fromEntries(view.sources.map((source) => [source.settings.name, source]));
    expect(byName['Prometheus']).toMatchObject({ protection: { scheme: 'shared-token' }, example: { format: 'yaml' } });
    expect(byName['Prometheus']?.example.text).toContain('type: Bearer');
    expect(byName['GitHub']).toMatchObject({ protection: { scheme: 'signature-replay' }, example: { format: 'steps' } });
  });

  it('refuses an issue type not in this project, with nothing made', async () => {
    const before = worldFingerprint(sandbox);
    const result = await invokeResolver(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: null, settings: sourceSettings({ issueTypeId: '99999' }), baseVersion: 0 });
    expectRefusal(result, 'INVALID_INPUT', 'issue type of SHOP');
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(sandbox.runtime.webTriggers.liveUrls()).toEqual([]);
  });

  it('refuses a rule that sets a level the policy does not have', async () => {
    const result = await invokeResolver(sandbox, people.sam, 'intake/save', {
      projectKey: 'SHOP',
      sourceId: null,
      settings: sourceSettings({ rules: [{ id: 'r1', name: 'Pages are top', when: { label: 'severity', equals: 'page' }, set: 'severity', value: 'no-such-level' }] }),
      baseVersion: 0,
    });
    expectRefusal(result, 'INVALID_INPUT', 'Pages are top');
  });
});

describe('who may', () => {
  it('refuses a developer who does not administer the project, and someone outside it, with nothing changed', async () => {
    const created = await createSource(sandbox);
    const before = worldFingerprint(sandbox);
    for (const who of [people.devon, people.otto]) {
      expectRefusal(await invokeResolver(sandbox, who, 'intake/list', { projectKey: 'SHOP' }), 'FORBIDDEN');
      expectRefusal(await invokeResolver(sandbox, who, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: true }), 'FORBIDDEN');
      expectRefusal(await invokeResolver(sandbox, who, 'intake/delete', { projectKey: 'SHOP', sourceId: created.sourceId, baseVersion: 1 }), 'FORBIDDEN');
      expectRefusal(await invokeResolver(sandbox, who, 'intake/sendTest', { projectKey: 'SHOP', sourceId: created.sourceId }), 'FORBIDDEN');
    }
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('treats a source of another project as unknown, even to that project\'s admin', async () => {
    const created = await createSource(sandbox);
    const before = worldFingerprint(sandbox);
    // Otto administers OPS, not SHOP: he names SHOP's source under his own project.
    expectRefusal(await invokeResolver(sandbox, people.otto, 'intake/rotate', { projectKey: 'OPS', sourceId: created.sourceId, newUrl: false }), 'NOT_FOUND');
    expectRefusal(await invokeResolver(sandbox, people.otto, 'intake/delete', { projectKey: 'OPS', sourceId: created.sourceId, baseVersion: 1 }), 'NOT_FOUND');
    expectRefusal(await invokeResolver(sandbox, people.otto, 'intake/preview', { projectKey: 'OPS', sourceId: created.sourceId }), 'NOT_FOUND');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('refuses forged payloads: a smuggled account id, a secret of its own choosing, a stored URL', async () => {
    const created = await createSource(sandbox);
    const before = worldFingerprint(sandbox);
    expectRefusal(await invokeAs(sandbox, people.devon, 'intake/save', { projectKey: 'SHOP', sourceId: null, settings: sourceSettings(), baseVersion: 0, accountId: people.sam }, 'project-settings'), 'INVALID_INPUT');
    expectRefusal(await invokeAs(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: created.sourceId, settings: { ...sourceSettings(), secret: 'chosen-by-me' }, baseVersion: 1 }, 'project-settings'), 'INVALID_INPUT');
    expectRefusal(await invokeAs(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: created.sourceId, settings: { ...sourceSettings(), url: 'https://evil.example/x1/abc' }, baseVersion: 1 }, 'project-settings'), 'INVALID_INPUT');
    // Only Sentry takes the sender's own secret.
    expectRefusal(await invokeResolver(sandbox, people.sam, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: false, senderSecret: 'x'.repeat(32) }), 'INVALID_INPUT', 'Only a Sentry source');
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});

describe('editing a source', () => {
  it('saves on the version it was read at; a second save from the same version is told to reload', async () => {
    const created = await createSource(sandbox);
    const first = await invokeResolver(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: created.sourceId, settings: sourceSettings({ name: 'Checkout (EU)' }), baseVersion: 1 });
    expect(dataOf(first).view.sources[0]).toMatchObject({ version: 2, settings: { name: 'Checkout (EU)' } });
    expect(dataOf(first).secret).toBeNull();
    const second = await invokeResolver(sandbox, people.ada, 'intake/save', { projectKey: 'SHOP', sourceId: created.sourceId, settings: sourceSettings({ name: 'Checkout (US)' }), baseVersion: 1 });
    expectRefusal(second, 'CONFLICT', 'Reload');
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    expect(view.sources[0]?.settings.name).toBe('Checkout (EU)');
  });

  it('keeps the kind of a source', async () => {
    const created = await createSource(sandbox);
    expectRefusal(await invokeResolver(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: created.sourceId, settings: sourceSettings({ kind: 'sentry' }), baseVersion: 1 }), 'INVALID_INPUT', 'keeps its kind');
  });
});

describe('rotating and deleting', () => {
  it('a rotated secret stops the old one working; the new one works', async () => {
    const created = await createSource(sandbox);
    const rotated = dataOf(await invokeResolver(sandbox, people.sam, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: false }));
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.view.sources[0]).toMatchObject({ url: created.url, secretHint: rotated.secret?.slice(-4), ready: true });
    const body = genericBody();
    const old = await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('generic', created.secret, body, nowSeconds()) });
    expect(old.status).toBe(401);
    expect(old.body.error).toContain('does not match');
    const fresh = await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('generic', rotated.secret ?? '', body, nowSeconds()) });
    expect(fresh.status).toBe(202);
  });

  it('a new URL retires the old one: it answers 404', async () => {
    const created = await createSource(sandbox);
    const rotated = dataOf(await invokeResolver(sandbox, people.sam, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: true }));
    const newUrl = rotated.view.sources[0]?.url ?? '';
    expect(newUrl).not.toBe(created.url);
    const body = genericBody();
    expect((await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('generic', rotated.secret ?? '', body, nowSeconds()) })).status).toBe(404);
    expect((await sendToUrl(sandbox, newUrl, { body, headers: signedHeaders('generic', rotated.secret ?? '', body, nowSeconds()) })).status).toBe(202);
    expect(sandbox.runtime.webTriggers.liveUrls().map((entry) => entry.url)).toEqual([newUrl]);
  });

  it('a Sentry source takes the integration\'s own client secret, and does not echo it', async () => {
    const created = await createSource(sandbox, { kind: 'sentry', name: 'Storefront Sentry' });
    const clientSecret = 'b1f0c2d3e4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f809';
    const rotated = dataOf(await invokeResolver(sandbox, people.sam, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: false, senderSecret: clientSecret }));
    expect(rotated.secret).toBeNull();
    expect(rotated.view.sources[0]?.secretHint).toBe(clientSecret.slice(-4));
    const body = JSON.stringify(sampleAlertBody('sentry', new Date().toISOString()));
    expect((await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('sentry', clientSecret, body, nowSeconds()) })).status).toBe(202);
  });

  it('deleting makes the URL answer 404 and removes the secret; a stale version is refused first', async () => {
    const created = await createSource(sandbox);
    expectRefusal(await invokeResolver(sandbox, people.sam, 'intake/delete', { projectKey: 'SHOP', sourceId: created.sourceId, baseVersion: 7 }), 'CONFLICT');
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'intake/delete', { projectKey: 'SHOP', sourceId: created.sourceId, baseVersion: 1 }));
    expect(view.sources).toEqual([]);
    const body = genericBody();
    const answer = await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('generic', created.secret, body, nowSeconds()) });
    expect(answer.status).toBe(404);
    expect(sandbox.kvs.dump().secrets).toEqual([]);
  });

  it('shows a half-saved source (its secret lost) as not ready, with rotation as the fix', async () => {
    const created = await createSource(sandbox);
    await sandbox.kvs.handle('/api/v1/secret/delete', { method: 'POST', body: JSON.stringify({ key: `alert-source-secret:${created.sourceId}` }) });
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    expect(view.sources[0]).toMatchObject({ ready: false });
    expect(view.sources[0]?.notReady).toContain('Rotate the secret');
    const body = genericBody();
    expect((await sendToUrl(sandbox, created.url, { body, headers: signedHeaders('generic', created.secret, body, nowSeconds()) })).body.error).toContain('not ready');
    dataOf(await invokeResolver(sandbox, people.sam, 'intake/rotate', { projectKey: 'SHOP', sourceId: created.sourceId, newUrl: false }));
    expect(dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' })).sources[0]?.ready).toBe(true);
  });
});

describe('test alerts and the preview', () => {
  it('a test alert takes the real path, and the rules are previewed against it with level names', async () => {
    const list = dataOf(await invokeResolver(sandbox, people.sam, 'intake/list', { projectKey: 'SHOP' }));
    const top = list.levels[0];
    if (top === undefined) throw new Error('The policy has no levels.');
    const created = await createSource(sandbox, { rules: [{ id: 'page-top', name: 'Pages are top', when: { label: 'severity', equals: 'page' }, set: 'severity', value: top.id }] });
    const empty = dataOf(await invokeResolver(sandbox, people.sam, 'intake/preview', { projectKey: 'SHOP', sourceId: created.sourceId }));
    expect(empty.rows).toEqual([]);

    const sent = dataOf(await invokeResolver(sandbox, people.sam, 'intake/sendTest', { projectKey: 'SHOP', sourceId: created.sourceId }));
    expect(sent.outcome).toBe('accepted');
    expect(sent.message).toMatch(/^Test alert accepted/);
    expect(sent.view.sources[0]?.lastReceived).toMatchObject({ test: true, alertCount: 1 });

    const preview = dataOf(await invokeResolver(sandbox, people.sam, 'intake/preview', { projectKey: 'SHOP', sourceId: created.sourceId }));
    expect(preview.rows).toEqual([expect.objectContaining({ severity: top.name, severityBy: 'by rule Pages are top', environment: 'production', product: 'checkout', matchedRules: ['Pages are top'] })]);
    // Rules being edited are previewed before they are saved.
    const draft = dataOf(await invokeResolver(sandbox, people.sam, 'intake/preview', { projectKey: 'SHOP', sourceId: created.sourceId, rules: [] }));
    expect(draft.rows[0]?.severity).toBeNull();
  });
});
