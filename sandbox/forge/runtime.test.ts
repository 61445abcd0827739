import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeEach, describe, expect, it } from 'vitest';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH, type ProductEvent } from '../jira';
import { KvsEmulator } from './kvs';
import { AppManifest } from './manifest';
import { ForgeRuntimeEmulator } from './runtime';

const FIXTURE_APP = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'fixture-app');

const TRIGGERS = { 'always-retry': 'alwaysRetry', 'retry-twice': 'retryTwice', throws: 'throwsError', slow: 'slowWriter' } as const;

const manifest = new AppManifest({
  modules: {
    trigger: Object.keys(TRIGGERS).map((key) => ({ key, function: key, events: [`avi:jira:${key}:issue`], filter: { ignoreSelf: true } })),
    scheduledTrigger: [
      { key: 'answers-no-content', function: 'answers-no-content', interval: 'fiveMinute' },
      { key: 'answers-something-else', function: 'answers-something-else', interval: 'fiveMinute' },
    ],
    function: [
      ...Object.entries(TRIGGERS).map(([key, handler]) => ({ key, handler: `handlers.${handler}` })),
      { key: 'answers-no-content', handler: 'handlers.answersNoContent' },
      { key: 'answers-something-else', handler: 'handlers.answersSomethingElse' },
    ],
  },
  resources: [],
  permissions: { scopes: ['storage:app', 'read:jira-work', 'write:jira-work'] },
  app: { id: 'ari:cloud:ecosystem::app/runtime-test' },
});

let jira: JiraEmulator;
let kvs: KvsEmulator;
let runtime: ForgeRuntimeEmulator;

beforeEach(async () => {
  jira = JiraEmulator.fromScenario(await loadScenarioFile(MINIMAL_SCENARIO_PATH));
  kvs = new KvsEmulator();
  // 0.1 ms per second of retryAfter: Forge's counts and shapes, in test time.
  runtime = new ForgeRuntimeEmulator({ appRoot: FIXTURE_APP, manifest, jira, kvs, cloudId: 'test-cloud', siteUrl: 'http://localhost', functionTimeoutMs: 100, retryDelayScale: 0.0001 });
  runtime.install();
});

const event = (trigger: keyof typeof TRIGGERS, actor: ProductEvent['actor'] = { kind: 'user', accountId: 'acc-devon-oncall' }): ProductEvent => ({
  eventType: `avi:jira:${trigger}:issue`,
  timestamp: '2026-11-20T09:00:00.000+0000',
  issue: { id: '10001', key: 'SHOP-1', fields: {} },
  actor,
});

const attempts = (prefix: string): unknown[] =>
  Object.entries(kvs.dump().keys)
    .filter(([key]) => key.startsWith(`${prefix}:`) && /:\d+$/.test(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, value]) => value);

describe('product-event retries', () => {
  it('retries a returned InvocationError at most four times, passing the retry context each time', async () => {
    runtime.deliverEvent(event('always-retry'));
    await runtime.drain();

    const retryContext = (retryCount: number) => ({ retryContext: { retryCount, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { issueKey: 'SHOP-1' } } });
    expect(attempts('always-retry')).toEqual([{ retryContext: null }, retryContext(1), retryContext(2), retryContext(3), retryContext(4)]);
    expect(runtime.deliveries.map(({ outcome, retryCount, retryAfterSeconds }) => ({ outcome, retryCount, retryAfterSeconds }))).toEqual([
      { outcome: 'retry-requested', retryCount: 0, retryAfterSeconds: 30 },
      { outcome: 'retry-requested', retryCount: 1, retryAfterSeconds: 30 },
      { outcome: 'retry-requested', retryCount: 2, retryAfterSeconds: 30 },
      { outcome: 'retry-requested', retryCount: 3, retryAfterSeconds: 30 },
      { outcome: 'retry-requested', retryCount: 4, retryAfterSeconds: 30 },
      { outcome: 'retries-exhausted', retryCount: 4, retryAfterSeconds: undefined },
    ]);
  });

  it('stops retrying once the function succeeds; caps retryAfter at 900 s and drops retryData that is not an object', async () => {
    runtime.deliverEvent(event('retry-twice'));
    await runtime.drain();

    expect(attempts('retry-twice')).toEqual([
      { retryContext: null },
      { retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } },
      { retryContext: { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST' } },
    ]);
    expect(runtime.deliveries.map(({ outcome, retryAfterSeconds }) => [outcome, retryAfterSeconds])).toEqual([
      ['retry-requested', 900],
      ['retry-requested', 900],
      ['ok', undefined],
    ]);
  });

  it('does not retry a function that throws', async () => {
    runtime.deliverEvent(event('throws'));
    await runtime.drain();

    expect(attempts('throws')).toHaveLength(1);
    expect(runtime.deliveries).toMatchObject([{ outcome: 'error', error: 'Something broke in the app', retryCount: 0 }]);
  });

  it('drops an event the app caused with asApp(), and with asUser() only when that reading is switched on', async () => {
    runtime.deliverEvent(event('throws', { kind: 'app' }));
    runtime.deliverEvent(event('throws', { kind: 'user', accountId: 'acc-devon-oncall', viaApp: true }));
    await runtime.drain();
    runtime.asUserEditsAreSelf = true;
    runtime.deliverEvent(event('throws', { kind: 'user', accountId: 'acc-devon-oncall', viaApp: true }));
    runtime.deliverEvent(event('throws'));
    await runtime.drain();

    expect(runtime.deliveries.map((delivery) => delivery.outcome)).toEqual(['ignored-self', 'error', 'ignored-self', 'error']);
  });
});

describe('the function time limit', () => {
  it('stops a function at its limit: nothing it does afterwards reaches KVS or Jira, and Forge retries the event itself', async () => {
    const jiraBefore = jira.stateFingerprint();

    runtime.deliverEvent(event('slow'));
    await runtime.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(attempts('slow').map((value) => (value as { retryContext: { retryReason?: string } | null }).retryContext?.retryReason ?? null)).toEqual([
      null,
      'FUNCTION_TIME_OUT',
      'FUNCTION_TIME_OUT',
      'FUNCTION_TIME_OUT',
      'FUNCTION_TIME_OUT',
    ]);
    expect(kvs.dump().keys['slow:late-write']).toBeUndefined();
    expect(jira.stateFingerprint()).toBe(jiraBefore);
    expect(runtime.deliveries.map((delivery) => delivery.outcome)).toEqual(['timed-out', 'timed-out', 'timed-out', 'timed-out', 'timed-out', 'retries-exhausted']);
  });
});

describe('scheduled triggers', () => {
  it('accepts the response Forge asks for and records anything else as 424 Failed Dependency', async () => {
    await expect(runtime.runScheduledTrigger('answers-no-content')).resolves.toEqual({ statusCode: 204 });
    await expect(runtime.runScheduledTrigger('answers-something-else')).rejects.toThrow(/^424 Failed Dependency/);
  });
});
