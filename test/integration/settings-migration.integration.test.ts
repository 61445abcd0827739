/**
 * Existing installs keep their data: the severity policy and project settings that earlier versions
 * kept in plain KVS keys are moved, once, into the custom entities that compare-and-swap saves need,
 * by whichever reader comes first, and the old keys are deleted. Checked in what KVS stores.
 */
import { kvs } from '@forge/kvs';
import { beforeEach, describe, expect, it } from 'vitest';

import type { PolicyView, StoredPolicy } from '../../src/contract/policy.contract';
import type { StoredProjectConfig } from '../../src/contract/project-config.contract';
import type { ResolverResult } from '../../src/contract/result';
import { DEFAULT_PROJECT_CONFIG } from '../../src/domain/config/project-config';
import { DEFAULT_POLICY } from '../../src/domain/policy/presets';
import { Sandbox } from '../../sandbox/sandbox';
import { handleControl } from '../../sandbox/server/control.routes';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const ADA = people.ada;
const SAM = people.sam;
const ADMIN_PAGE = 'severity-policy-admin';
const SETTINGS = 'project-settings';

let sandbox: Sandbox;

const legacyPolicy = (version: number, name: string): StoredPolicy => ({
  schemaVersion: 1,
  version,
  policy: { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, name } : level)) },
  updatedAt: '2026-10-01T09:00:00.000Z',
  updatedBy: ADA,
  history: [{ version, at: '2026-10-01T09:00:00.000Z', by: ADA, changes: [`Renamed the top level to ${name}.`] }],
});

const legacySettings: StoredProjectConfig = {
  schemaVersion: 1,
  version: 4,
  config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: 'New', manualItems: [{ id: 'logs-attached', label: 'Logs attached', needsNote: false }] },
  updatedAt: '2026-10-02T09:00:00.000Z',
  updatedBy: SAM,
};

const dump = async () => (await handleControl(sandbox, 'GET', '/__control/kvs', undefined)).body as { keys: Record<string, unknown>; entities: Record<string, Record<string, { version: number }>> };

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 0, maxMs: 10 }, kvsLatency: { minMs: 2, maxMs: 15 } });
  await kvs.set('policy:global', legacyPolicy(3, 'Sev A'));
  await kvs.set('policy:project:SHOP', legacyPolicy(7, 'Shop Sev A'));
  await kvs.set('project-config:SHOP', legacySettings);
});

describe('policy and settings saved by an earlier version', () => {
  it('are read as before, moved into their entities keeping version and history, and the old keys deleted', async () => {
    const site = dataOf(await invokeResolver(sandbox, ADA, 'policy/getSite', {}, ADMIN_PAGE));
    const project = dataOf(await invokeResolver(sandbox, SAM, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS));
    const settings = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));

    expect(site).toMatchObject({ version: 3, source: 'site', history: [{ version: 3 }] });
    expect(site.policy.levels[0]?.name).toBe('Sev A');
    expect(project).toMatchObject({ version: 7, source: 'project' });
    expect(settings).toMatchObject({ version: 4, config: { sendBackStatus: 'New' } });
    const stored = await dump();
    expect(Object.keys(stored.keys).filter((key) => key.startsWith('policy:') || key.startsWith('project-config:'))).toEqual([]);
    expect(stored.entities['severity-policy']).toMatchObject({ site: { version: 3 }, 'project:SHOP': { version: 7 } });
    expect(stored.entities['project-settings']).toMatchObject({ SHOP: { version: 4 } });
  });

  it('move once when many readers come at the same moment, and a save from the old version still lands', async () => {
    const reads = await Promise.all([
      ...Array.from({ length: 4 }, () => invokeResolver(sandbox, ADA, 'policy/getSite', {}, ADMIN_PAGE)),
      ...Array.from({ length: 4 }, () => invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS)),
    ]);
    expect(reads.every((read) => read.ok)).toBe(true);
    const stored = await dump();
    expect(stored.entities['severity-policy']?.['site']?.version).toBe(3);
    expect(stored.keys['policy:global']).toBeUndefined();

    const site = dataOf(reads[0] as ResolverResult<PolicyView>);
    const saved = dataOf(await invokeResolver(sandbox, ADA, 'policy/saveSite', { policy: DEFAULT_POLICY, baseVersion: 3 }, ADMIN_PAGE));
    expect(saved.version).toBe(4);
    expect(saved.history.map((entry) => entry.version)).toEqual([4, 3]);
    expect(site.version).toBe(3);
  });

  it('reach the background work that reads them before any page does: the reminders see every project’s own policy', async () => {
    await kvs.set('policy:project:OPS', legacyPolicy(2, 'Ops Sev A'));

    const run = await handleControl(sandbox, 'POST', '/__control/scheduled/cadence-reminders/run', undefined);

    expect(run.status).toBe(200);
    const stored = await dump();
    expect(Object.keys(stored.keys).filter((key) => key.startsWith('policy:'))).toEqual([]);
    expect(Object.keys(stored.entities['severity-policy'] ?? {}).sort()).toEqual(['project:OPS', 'project:SHOP', 'site']);
  });
});
