import { route } from '@forge/api';
import { describe, expect, it } from 'vitest';

import { createInFlightGate, withInFlightLimit } from './in-flight-limit';
import type { JiraResponse, JiraTransport } from './jira-transport';

/** A transport whose answers the test releases by hand, counting what is in flight. */
const heldTransport = () => {
  let inFlight = 0;
  let peak = 0;
  const pending: Array<() => void> = [];
  const transport: JiraTransport = {
    request: () =>
      new Promise<JiraResponse>((resolve) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        pending.push(() => {
          inFlight -= 1;
          resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve('{}') });
        });
      }),
  };
  return { transport, pending, peak: () => peak };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('withInFlightLimit', () => {
  it('lets no more than the limit reach Jira at once, and the rest in turn', async () => {
    const held = heldTransport();
    const limited = withInFlightLimit(held.transport, createInFlightGate(3));
    const all = Promise.all(Array.from({ length: 10 }, () => limited.request(route`/rest/api/3/myself`)));
    await settle();
    expect(held.pending).toHaveLength(3);
    while (held.pending.length > 0) {
      held.pending.shift()?.();
      await settle();
    }
    const answers = await all;
    expect(answers).toHaveLength(10);
    expect(held.peak()).toBe(3);
  });

  it('shares one gate between the user and the app transports of an invocation', async () => {
    const held = heldTransport();
    const gate = createInFlightGate(2);
    const asUser = withInFlightLimit(held.transport, gate);
    const asApp = withInFlightLimit(held.transport, gate);
    const all = Promise.all([asUser.request(route`/rest/api/3/myself`), asApp.request(route`/rest/api/3/myself`), asApp.request(route`/rest/api/3/myself`)]);
    await settle();
    expect(held.pending).toHaveLength(2);
    while (held.pending.length > 0) {
      held.pending.shift()?.();
      await settle();
    }
    await all;
    expect(held.peak()).toBe(2);
  });

  it('frees the slot when a request fails', async () => {
    const gate = createInFlightGate(1);
    const failing = withInFlightLimit({ request: () => Promise.reject(new Error('network')) }, gate);
    await expect(failing.request(route`/rest/api/3/myself`)).rejects.toThrow('network');
    await expect(failing.request(route`/rest/api/3/myself`)).rejects.toThrow('network');
  });
});
