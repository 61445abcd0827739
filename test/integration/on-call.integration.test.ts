/**
 * The on-call rotation through the resolvers: a project admin saves it (and the capacity team) in
 * the project settings, the report panel shows who is on call now, and a triager hands a new
 * incident to them. Who is on call is computed by the backend from the stored rotation; the client
 * only says whom it saw, and is refused when that is not who is on call.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { OnCallRotation } from '../../src/contract/on-call.contract';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';

const PROJECT_ADMIN = people.sam;
const TRIAGER = people.mia;
const REPORTER = people.rita;
const SETTINGS = 'project-settings';

let sandbox: Sandbox;

/** `YYYY-MM-DDTHH:mm` in UTC, `days` from now: rotations here are written relative to the sandbox's now. */
const wallUtc = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

/** Devon this week (his shift began a day ago), then Mia, then Liam. */
const rotation = (overrides: Partial<OnCallRotation> = {}): OnCallRotation => ({
  people: [people.devon, people.mia, people.liam],
  shift: { length: 'week' },
  startsAt: wallUtc(-1),
  timeZone: 'UTC',
  swaps: [],
  ...overrides,
});

const saveSettings = async (change: Record<string, unknown>, as = PROJECT_ADMIN) => {
  const view = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));
  return invokeResolver(sandbox, as, 'config/saveProject', { projectKey: 'SHOP', config: { ...view.config, ...change }, baseVersion: view.version });
};

const newIncident = (summary = 'Checkout fails for every card payment') => createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary });

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

describe('saving the rotation and the capacity team', () => {
  it('lets a project admin save a rotation, and shows its people by name', async () => {
    const swaps = [{ from: wallUtc(8), to: wallUtc(9), covering: people.devon, coveredFor: people.mia }];
    const saved = dataOf(await saveSettings({ onCall: rotation({ swaps }) }));
    expect(saved.config.onCall).toEqual(rotation({ swaps }));
    expect(saved.people).toEqual({ [people.devon]: 'Devon Park', [people.mia]: 'Mia Chen', [people.liam]: 'Liam Novak' });
  });

  it('refuses a rotation with the same person twice in a row, saying what to fix', async () => {
    const before = worldFingerprint(sandbox);
    expectRefusal(await saveSettings({ onCall: rotation({ people: [people.devon, people.devon, people.mia] }) }), 'INVALID_INPUT', /twice in a row/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('refuses a forged save by someone who does not administer the project', async () => {
    const view = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));
    const before = worldFingerprint(sandbox);
    const forged = await invokeAs(sandbox, TRIAGER, 'config/saveProject', { projectKey: 'SHOP', config: { ...view.config, onCall: rotation({ people: [TRIAGER] }) }, baseVersion: view.version }, SETTINGS);
    expectRefusal(forged, 'FORBIDDEN', /Administer projects/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('reads settings saved before the rotation existed', async () => {
    const view = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }));
    expect(view.config.onCall).toBeUndefined();
    expect(view.config.capacityTeam).toBeUndefined();
  });

  it('saves a capacity team group that exists, in Jira’s spelling, and refuses one that does not', async () => {
    const saved = dataOf(await saveSettings({ capacityTeam: { source: 'group', groupName: 'SHOP-Developers' } }));
    expect(saved.config.capacityTeam).toEqual({ source: 'group', groupName: 'shop-developers' });
    const before = worldFingerprint(sandbox);
    expectRefusal(await saveSettings({ capacityTeam: { source: 'group', groupName: 'shop-devs' } }), 'INVALID_INPUT', 'Jira has no group called “shop-devs”');
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(dataOf(await saveSettings({ capacityTeam: { source: 'worklog-authors' } })).config.capacityTeam).toEqual({ source: 'worklog-authors' });
  });

  it('finds people by name for the rotation, only those who may be assigned in the project', async () => {
    const found = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/findPeople', { projectKey: 'SHOP', query: 'o' }));
    expect(found.people.map((person) => person.displayName)).toContain('Sam Okafor');
    expect(found.people.map((person) => person.displayName)).not.toContain('Otto Weber');
    expectRefusal(await invokeResolver(sandbox, TRIAGER, 'config/findPeople', { projectKey: 'SHOP', query: 'o' }), 'FORBIDDEN');
  });
});

describe('on call now, in the report panel', () => {
  it('shows nothing for a project without a rotation', async () => {
    const issueKey = await newIncident();
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/get', { issueKey }))).toMatchObject({ hasRotation: false, onCall: null, canAssign: false });
  });

  it('names who is on call and until when, and offers the assignment to triagers only', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    const view = dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/get', { issueKey }));
    expect(view).toMatchObject({ hasRotation: true, onCall: { accountId: people.devon, displayName: 'Devon Park' }, assignee: null, canAssign: true });
    expect(Date.parse(view.onCall?.until ?? '')).toBe(Date.parse(`${wallUtc(-1)}:00Z`) + 7 * 86_400_000);
    expect(dataOf(await invokeResolver(sandbox, REPORTER, 'oncall/get', { issueKey }))).toMatchObject({ onCall: { displayName: 'Devon Park' }, canAssign: false });
  });

  it('applies a swap that covers now', async () => {
    dataOf(await saveSettings({ onCall: rotation({ swaps: [{ from: wallUtc(-0.5), to: wallUtc(1), covering: people.sam, coveredFor: people.devon }] }) }));
    const issueKey = await newIncident();
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/get', { issueKey })).onCall).toMatchObject({ accountId: people.sam, displayName: 'Sam Okafor' });
  });

  it('says nobody is on call yet when the rotation starts in the future', async () => {
    dataOf(await saveSettings({ onCall: rotation({ startsAt: wallUtc(3) }) }));
    const issueKey = await newIncident();
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/get', { issueKey }))).toMatchObject({ hasRotation: true, onCall: null, nobodyReason: expect.stringContaining('starts later') as unknown });
  });
});

describe('the demo', () => {
  it('has Devon on call in SHOP, with the rotation named in the settings', async () => {
    await playDemoStory(sandbox);
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/get', { issueKey: 'SHOP-121' })).onCall).toMatchObject({ displayName: 'Devon Park' });
    const settings = dataOf(await invokeResolver(sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
    expect(settings.config.onCall?.swaps).toHaveLength(1);
    expect(Object.values(settings.people ?? {})).toEqual(['Devon Park', 'Mia Chen', 'Liam Novak']);
  });
});

describe('assigning to the on-call person', () => {
  it('assigns as the triager, once, and a second click changes nothing', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    const first = dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.devon }));
    expect(first).toMatchObject({ outcome: 'assigned', assignee: { accountId: people.devon, displayName: 'Devon Park' }, canAssign: false });
    expect((await issueSnapshot(sandbox, issueKey)).assignee).toBe(people.devon);
    const before = worldFingerprint(sandbox);
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.devon })).outcome).toBe('already');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('assigns once when two triagers click at the same moment', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    sandbox.setJiraLatency({ minMs: 40, maxMs: 40 });
    const answers = await Promise.all([TRIAGER, people.devon].map((who) => invokeResolver(sandbox, who, 'oncall/assign', { issueKey, expectedAccountId: people.devon })));
    const assigned = answers.filter((answer) => answer.ok && answer.data.outcome === 'assigned');
    expect(assigned).toHaveLength(1);
    for (const answer of answers) if (!answer.ok) expect(answer.error.code).toBe('IN_PROGRESS');
    const changes = await jiraCall<{ values: Array<{ items: Array<{ field: string }> }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/changelog`);
    expect(changes.body.values.flatMap((history) => history.items).filter((item) => item.field === 'assignee')).toHaveLength(1);
  });

  it('refuses a forged assignee: the client cannot choose who is on call', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    const before = worldFingerprint(sandbox);
    expectRefusal(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.rita }), 'CONFLICT', 'Devon Park is on call now, not Rita Reyes');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('refuses someone who does not triage in the project, saying who does', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    expectRefusal(await invokeResolver(sandbox, REPORTER, 'oncall/assign', { issueKey, expectedAccountId: people.devon }), 'FORBIDDEN', /Only triagers can assign issues to the on-call person/);
    expect((await issueSnapshot(sandbox, issueKey)).assignee).toBeNull();
  });

  it('changes nothing when Jira answers 429 mid-assign, and says to try again', async () => {
    dataOf(await saveSettings({ onCall: rotation() }));
    const issueKey = await newIncident();
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: `^/rest/api/3/issue/${issueKey}/assignee$`, kind: '429', retryAfterSeconds: 3600 });
    expectRefusal(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.devon }), 'RATE_LIMITED', /Nothing was changed; try again/);
    expect((await issueSnapshot(sandbox, issueKey)).assignee).toBeNull();
    sandbox.jira.faults.clear();
    // The claim was given back: the next click assigns.
    expect(dataOf(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.devon })).outcome).toBe('assigned');
  });

  it('says so when the on-call person may not be assigned issues in the project', async () => {
    dataOf(await saveSettings({ onCall: rotation({ people: [people.otto, people.devon] }) }));
    const issueKey = await newIncident();
    expectRefusal(await invokeResolver(sandbox, TRIAGER, 'oncall/assign', { issueKey, expectedAccountId: people.otto }), 'INVALID_INPUT', /Otto Weber cannot be assigned issues in SHOP/);
    expect((await issueSnapshot(sandbox, issueKey)).assignee).toBeNull();
  });
});
