/**
 * disputes (issue 16 part 4): who has the final say on severity disputes, saved on the project
 * settings page (a person by name, a group checked to exist, a project role) and the dispute time
 * box per level of the severity policy (old policies read with the default).
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_DISPUTE_AUTHORITY } from '../../src/contract/project-config.values';
import { disputeTimeBoxOf } from '../../src/contract/policy.values';
import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';

let sandbox: Sandbox;

const saveSettings = async (change: Record<string, unknown>, as = people.sam) => {
  const view = dataOf(await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }));
  return invokeResolver(sandbox, as, 'config/saveProject', { projectKey: 'SHOP', config: { ...view.config, ...change }, baseVersion: view.version });
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

describe('who has the final say on severity disputes', () => {
  it('is absent on settings saved before it existed (the Administrators role rules)', async () => {
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }));
    expect(view.config.disputeAuthority).toBeUndefined();
    expect(DEFAULT_DISPUTE_AUTHORITY).toEqual({ kind: 'role', roleName: 'Administrators' });
  });

  it('saves a person and names them', async () => {
    const saved = dataOf(await saveSettings({ disputeAuthority: { kind: 'person', accountId: people.mia } }));
    expect(saved.config.disputeAuthority).toEqual({ kind: 'person', accountId: people.mia });
    expect(saved.people?.[people.mia]).toBe('Mia Chen');
  });

  it('saves a group that exists, in Jira’s spelling, and refuses one that does not', async () => {
    const saved = dataOf(await saveSettings({ disputeAuthority: { kind: 'group', groupName: 'SHOP-Developers' } }));
    expect(saved.config.disputeAuthority).toEqual({ kind: 'group', groupName: 'shop-developers' });
    const before = worldFingerprint(sandbox);
    const refused = await saveSettings({ disputeAuthority: { kind: 'group', groupName: 'shop-leads' } });
    expectRefusal(refused, 'INVALID_INPUT', 'Jira has no group called “shop-leads”');
    expect(refused.ok ? undefined : refused.error.field).toBe('config.disputeAuthority.groupName');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('saves one of the project’s roles, and refuses a role the project does not have', async () => {
    expect(dataOf(await saveSettings({ disputeAuthority: { kind: 'role', roleName: 'developers' } })).config.disputeAuthority).toEqual({ kind: 'role', roleName: 'Developers' });
    expectRefusal(await saveSettings({ disputeAuthority: { kind: 'role', roleName: 'Incident commanders' } }), 'INVALID_INPUT', 'no role called “Incident commanders”');
  });

  it('refuses forged authorities: not an account id, an unknown kind, a save by a non-admin', async () => {
    expectRefusal(await saveSettings({ disputeAuthority: { kind: 'person', accountId: 'x'.repeat(400) } }), 'INVALID_INPUT');
    expectRefusal(await saveSettings({ disputeAuthority: { kind: 'everyone' } }), 'INVALID_INPUT');
    expectRefusal(await saveSettings({ disputeAuthority: { kind: 'person', accountId: people.mia } }, people.mia), 'FORBIDDEN');
  });
});

describe('the dispute time box per level', () => {
  it('reads old stored policies with the default (30 minutes for the top level, 4 hours for others) and saves an edited one', async () => {
    const view = dataOf(await invokeResolver(sandbox, people.ada, 'policy/getSite', {}));
    const levels = view.policy.levels;
    expect(levels[0]?.disputeTimeBoxMinutes).toBeUndefined();
    expect(levels.map((level, index) => disputeTimeBoxOf(level, index))).toEqual([30, ...levels.slice(1).map(() => 240)]);
    const edited = { levels: levels.map((level, index) => (index === 0 ? { ...level, disputeTimeBoxMinutes: 15 } : level)) };
    const saved = dataOf(await invokeResolver(sandbox, people.ada, 'policy/saveSite', { policy: edited, baseVersion: view.version }));
    expect(saved.policy.levels[0]?.disputeTimeBoxMinutes).toBe(15);
    expect(saved.history[0]?.changes).toEqual([`${levels[0]?.name ?? ''}: time to rule on a severity dispute 30 minutes → 15 minutes.`]);
  });
});
