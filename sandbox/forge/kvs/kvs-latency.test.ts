/**
 * Storage latency: real KVS answers each request in tens of milliseconds, so a read followed by a
 * write leaves a window in which another invocation's write lands. These tests drive the emulator
 * on a fake clock (never the wall clock) and the switches that set it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { Sandbox } from '../../sandbox';
import { handleControl } from '../../server/control.routes';
import { KvsEmulator } from './kvs-emulator';
import { NPM_START_KVS_LATENCY, kvsLatencyFromEnvironment, parseKvsLatency } from './kvs-latency';

const get = (emulator: KvsEmulator, key: string) => emulator.handle('/api/v1/get', { method: 'POST', body: JSON.stringify({ key }) });
const set = (emulator: KvsEmulator, key: string, value: unknown) => emulator.handle('/api/v1/set', { method: 'POST', body: JSON.stringify({ key, value }) });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('storage latency switch', () => {
  it('reads a number or a range of milliseconds, and refuses anything else with a sentence naming storage', () => {
    expect(parseKvsLatency('40')).toEqual({ minMs: 40, maxMs: 40 });
    expect(parseKvsLatency('20-80')).toEqual({ minMs: 20, maxMs: 80 });
    expect(parseKvsLatency('')).toEqual({ minMs: 0, maxMs: 0 });
    expect(() => parseKvsLatency('fast')).toThrow(/Storage latency "fast"/);
    vi.stubEnv('SANDBOX_KVS_LATENCY_MS', '10-30');
    expect(kvsLatencyFromEnvironment()).toEqual({ minMs: 10, maxMs: 30 });
  });

  it('has npm start answer in tens of milliseconds, not at once', () => {
    expect(NPM_START_KVS_LATENCY.minMs).toBeGreaterThanOrEqual(10);
    expect(NPM_START_KVS_LATENCY.maxMs).toBeLessThan(200);
  });
});

describe('the KVS emulator with latency', () => {
  it('handles a request only once its latency has passed, so concurrent invocations interleave', async () => {
    vi.useFakeTimers();
    const emulator = new KvsEmulator();
    emulator.setLatency({ minMs: 30, maxMs: 30 });
    let answered = false;
    const pending = set(emulator, 'policy', 1).then(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(29);
    expect(answered).toBe(false);
    expect(emulator.dump().keys).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(answered).toBe(true);
    expect(emulator.dump().keys).toEqual({ policy: 1 });
  });

  it('loses one of two read-then-write updates under latency, as the platform would', async () => {
    vi.useFakeTimers();
    const emulator = new KvsEmulator();
    emulator.setLatency({ minMs: 20, maxMs: 20 });
    const bump = async (by: string) => {
      const read = (await (await get(emulator, 'history')).json().catch(() => ({}))) as { value?: string[] };
      await set(emulator, 'history', [...(read.value ?? []), by]);
    };
    const both = Promise.all([bump('ada'), bump('sam')]);
    await vi.advanceTimersByTimeAsync(100);
    await both;
    expect((emulator.dump().keys['history'] as string[]).length).toBe(1);
  });
});

describe('the sandbox keeps storage latency across scenario loads', () => {
  it('takes kvsLatency at creation, a setter and the control API, and keeps it through a load', async () => {
    const sandbox = await Sandbox.create({ scenario: 'minimal', jiraLatency: { minMs: 0, maxMs: 0 }, kvsLatency: { minMs: 5, maxMs: 15 } });
    expect(sandbox.kvsLatency).toEqual({ minMs: 5, maxMs: 15 });
    expect(sandbox.kvs.latency).toEqual({ minMs: 5, maxMs: 15 });
    sandbox.setKvsLatency({ minMs: 0, maxMs: 0 });
    expect(sandbox.kvs.latency).toEqual({ minMs: 0, maxMs: 0 });

    const posted = await handleControl(sandbox, 'POST', '/__control/kvs-latency', JSON.stringify({ minMs: 2, maxMs: 4 }));
    expect(posted).toEqual({ status: 200, body: { minMs: 2, maxMs: 4 } });
    await sandbox.load('minimal');
    expect(sandbox.kvs.latency).toEqual({ minMs: 2, maxMs: 4 });
    expect(await handleControl(sandbox, 'GET', '/__control/kvs-latency', undefined)).toEqual({ status: 200, body: { minMs: 2, maxMs: 4 } });
    expect((await handleControl(sandbox, 'POST', '/__control/kvs-latency', JSON.stringify({ ms: 5 }))).body).toEqual({ minMs: 5, maxMs: 5 });
    expect((await handleControl(sandbox, 'POST', '/__control/kvs-latency', JSON.stringify({ minMs: 9, maxMs: 3 }))).status).toBe(400);
  });

  it('plays another answer to a failed transaction condition through POST /__control/forge, until the next load', async () => {
    const sandbox = await Sandbox.create({ scenario: 'minimal', jiraLatency: { minMs: 0, maxMs: 0 }, kvsLatency: { minMs: 0, maxMs: 0 } });
    expect((await handleControl(sandbox, 'GET', '/__control/forge', undefined)).body).toMatchObject({ kvsConditionFailure: { status: 409, code: 'CONDITIONAL_CHECK_FAILED' } });
    const posted = await handleControl(sandbox, 'POST', '/__control/forge', JSON.stringify({ kvsConditionFailure: { status: 400, code: 'TRANSACTION_CANCELLED' } }));
    expect(posted.body).toMatchObject({ kvsConditionFailure: { status: 400, code: 'TRANSACTION_CANCELLED' } });
    expect(sandbox.kvs.conditionFailure).toEqual({ status: 400, code: 'TRANSACTION_CANCELLED' });
    await sandbox.reset();
    expect(sandbox.kvs.conditionFailure).toEqual({ status: 409, code: 'CONDITIONAL_CHECK_FAILED' });
  });

  it('reads SANDBOX_KVS_LATENCY_MS when no option is given', async () => {
    vi.stubEnv('SANDBOX_KVS_LATENCY_MS', '3');
    const sandbox = await Sandbox.create({ scenario: 'minimal', jiraLatency: { minMs: 0, maxMs: 0 } });
    expect(sandbox.kvsLatency).toEqual({ minMs: 3, maxMs: 3 });
  });
});
