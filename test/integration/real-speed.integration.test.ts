/**
 * The app at a real site's speed: Jira answering each request in 100–300 ms. What only shows with
 * latency is tested here (requests piling up in flight); the reporter, triage, policy and capacity
 * suites also run whole under latency in the `latency` Vitest project (vitest.config.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';

import type { CapacityView } from '../../src/contract/capacity.contract';
import { MAX_REQUESTS_IN_FLIGHT } from '../../src/jira/in-flight-limit';
import { Sandbox } from '../../sandbox/sandbox';
import { capacityScenario } from '../bench/capacity-scenario';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const GADGET = 'capacity-gadget';
let sandbox: Sandbox | undefined;

afterEach(() => {
  sandbox = undefined;
});

describe('at real speed', () => {
  it(`keeps at most ${String(MAX_REQUESTS_IN_FLIGHT)} Jira requests in flight while it computes a sprint of 200 issues`, async () => {
    // Every tenth issue has more worklogs than Jira embeds, so the gadget fetches 20 worklog pages on top of the search.
    sandbox = await Sandbox.create({ scenario: capacityScenario(200) as never, jiraLatency: { minMs: 100, maxMs: 300 } });

    const result = await invokeResolver(sandbox, people.devon, 'capacity/compute', { boardId: 1, sprint: 1, measure: 'time', trendSprints: 2, planningSprints: 1, criteria: null }, GADGET);

    expect(result.ok).toBe(true);
    expect((result as { data: CapacityView }).data.sprint?.total).toBeGreaterThan(0);
    const peak = sandbox.runtime.peakRequestsInFlight.get(GADGET) ?? 0;
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(MAX_REQUESTS_IN_FLIGHT);
  });
});
