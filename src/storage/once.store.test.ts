import { beforeEach, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { claimOnce, readClaim, releaseClaim } from './once.store';

// Through Atlassian's real @forge/kvs and the sandbox's KVS emulator: the claim is only as good as
// the way the app reads the platform's answer.
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'minimal' });
});

const now = new Date('2026-11-20T09:00:00.000Z');

describe('claimOnce', () => {
  it('grants a claim once, and again after it is released', async () => {
    expect(await claimOnce('comment:SHOP-1', now)).toBe(true);
    expect(await claimOnce('comment:SHOP-1', now)).toBe(false);
    await releaseClaim('comment:SHOP-1');
    expect(await claimOnce('comment:SHOP-1', now)).toBe(true);
  });

  it('knows a conflict by its HTTP status (409), whatever code the platform names it with', async () => {
    sandbox.kvs.keyConflictCode = 'CONFLICT';

    expect(await claimOnce('comment:SHOP-1', now)).toBe(true);
    expect(await claimOnce('comment:SHOP-1', now)).toBe(false);
  });

  it('lets any other storage failure through', async () => {
    sandbox.kvs.injectFault({ kind: 'error', times: 1 });

    await expect(claimOnce('comment:SHOP-1', now)).rejects.toMatchObject({ responseDetails: { status: 500 } });
  });

  it('tells when a claim was made', async () => {
    await claimOnce('comment:SHOP-1', now);

    expect(await readClaim('comment:SHOP-1')).toEqual({ claimedAt: '2026-11-20T09:00:00.000Z' });
    expect(await readClaim('comment:SHOP-2')).toBeUndefined();
  });
});
