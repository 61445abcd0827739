import { kvs } from '@forge/kvs';
import { beforeEach, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { newSaveId, saveIfUnchanged } from './compare-and-swap';

// Through Atlassian's real @forge/kvs and the sandbox's KVS emulator, with storage latency so that
// concurrent saves really overlap.
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'minimal', jiraLatency: { minMs: 0, maxMs: 0 }, kvsLatency: { minMs: 2, maxMs: 10 } });
});

interface Row {
  readonly projectKey: string;
  readonly version: number;
  readonly saveId: string;
  readonly document: { readonly note: string };
}

const row = (version: number, note: string): Row => ({ projectKey: 'SHOP', version, saveId: newSaveId(), document: { note } });
const stored = () => kvs.entity<Row>('project-settings').get('SHOP');

describe('saveIfUnchanged', () => {
  it('creates the first row only where there is none, then moves it on version by version', async () => {
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(1, 'first'), 0)).toBe('saved');
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(1, 'again from nothing'), 0)).toBe('conflict');
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(2, 'second'), 1)).toBe('saved');
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(2, 'stale'), 1)).toBe('conflict');
    expect((await stored())?.document.note).toBe('second');
  });

  it('lets exactly one of many saves from the same version through', async () => {
    await saveIfUnchanged('project-settings', 'SHOP', row(1, 'base'), 0);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, index) => saveIfUnchanged('project-settings', 'SHOP', row(2, `edit ${String(index)}`), 1)));
    expect(outcomes.filter((outcome) => outcome === 'saved')).toHaveLength(1);
    expect((await stored())?.version).toBe(2);
  });

  it('tells a conflict whatever status and code Forge answers a failed condition with', async () => {
    sandbox.kvs.conditionFailure = { status: 400, code: 'SOMETHING_FORGE_MIGHT_SAY' };
    await saveIfUnchanged('project-settings', 'SHOP', row(1, 'base'), 0);
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(1, 'late'), 0)).toBe('conflict');
  });

  it('moves a plain key into the row in the same transaction', async () => {
    await kvs.set('project-config:SHOP', { old: true });
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(3, 'moved'), 0, ['project-config:SHOP'])).toBe('saved');
    expect(await kvs.get('project-config:SHOP')).toBeUndefined();
    await kvs.set('project-config:SHOP', { old: true });
    expect(await saveIfUnchanged('project-settings', 'SHOP', row(3, 'moved twice'), 0, ['project-config:SHOP'])).toBe('conflict');
    expect(await kvs.get('project-config:SHOP')).toEqual({ old: true });
  });

  it('lets other storage failures through when nothing was saved', async () => {
    sandbox.kvs.injectFault({ kind: 'rate-limit', times: 1 });
    await expect(saveIfUnchanged('project-settings', 'SHOP', row(1, 'busy'), 0)).rejects.toMatchObject({ responseDetails: { status: 429 } });
    expect(await stored()).toBeUndefined();
  });
});
