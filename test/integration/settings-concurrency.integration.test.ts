/**
 * Two admins save the same thing from the same version at the same moment, with Jira and Forge
 * storage answering at realistic speed. Storage decides who wins: the other person is told
 * CONFLICT and reads the newer version, and nothing anyone was told was saved goes missing from
 * what is stored (the value and its change history). 20 rounds per kind of save.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { PolicyView, SeverityPolicy } from '../../src/contract/policy.contract';
import type { ResolverResult } from '../../src/contract/result';
import { loadScenarioFile, type Scenario } from '../../sandbox/jira';
import { NAMED_SCENARIOS, Sandbox } from '../../sandbox/sandbox';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const ADA = people.ada;
/** Otto is made a second Jira admin here, so two different people race on the site policy. */
const OTTO = people.otto;
const SAM = people.sam;
const ADMIN_PAGE = 'severity-policy-admin';
const SETTINGS = 'project-settings';
const ROUNDS = 20;

let sandbox: Sandbox;

const withTwoJiraAdmins = async (): Promise<Scenario> => {
  const scenario = await loadScenarioFile(NAMED_SCENARIOS['demo'] ?? '');
  return { ...scenario, users: scenario.users.map((user) => (user.accountId === OTTO ? { ...user, siteAdmin: true } : user)) };
};

interface RoundOutcome {
  readonly answers: ReadonlyArray<ResolverResult<unknown>>;
  /** Saves answered OK whose change is not in what is stored afterwards (value or history). */
  readonly lost: number;
  /** Saves answered OK without their own entry in the stored change history. */
  readonly missingFromHistory?: number;
}

/**
 * One round of two policy saves from the same version: a save answered OK must show in what is
 * stored (`kept`, judged from the value or its history entry), every OK save has its own history
 * entry, and a CONFLICT means exactly one save landed.
 */
const judgePolicyRound = (
  baseVersion: number,
  after: PolicyView,
  answers: readonly [ResolverResult<unknown>, ResolverResult<unknown>],
  kept: (newEntries: PolicyView['history']) => readonly [boolean, boolean],
): RoundOutcome => {
  const newEntries = after.history.filter((entry) => entry.version > baseVersion);
  const verdicts = kept(newEntries);
  const lost = answers.filter((answer, index) => answer.ok && verdicts[index] !== true).length;
  const missingFromHistory = answers.filter((answer) => answer.ok).length - newEntries.length;
  for (const answer of answers) if (!answer.ok && answer.error.code === 'CONFLICT') expect(after.version).toBe(baseVersion + 1);
  return { answers, lost, missingFromHistory };
};

/** What a race looks like from outside: how many answered OK, how many CONFLICT, how many were lost. */
const tally = (outcomes: readonly RoundOutcome[]) => ({
  lost: outcomes.reduce((sum, outcome) => sum + outcome.lost, 0),
  missingFromHistory: outcomes.reduce((sum, outcome) => sum + (outcome.missingFromHistory ?? 0), 0),
  ok: outcomes.reduce((sum, outcome) => sum + outcome.answers.filter((answer) => answer.ok).length, 0),
  conflicts: outcomes.reduce((sum, outcome) => sum + outcome.answers.filter((answer) => !answer.ok && answer.error.code === 'CONFLICT').length, 0),
  otherFailures: outcomes.flatMap((outcome) => outcome.answers.filter((answer) => !answer.ok && answer.error.code !== 'CONFLICT')),
});

const renameTop = (policy: SeverityPolicy, name: string): SeverityPolicy => ({ levels: policy.levels.map((level, index) => (index === 0 ? { ...level, name } : level)) });
const retarget = (policy: SeverityPolicy, minutes: number): SeverityPolicy => ({ levels: policy.levels.map((level, index) => (index === 1 ? { ...level, responseTargetMinutes: minutes } : level)) });

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: await withTwoJiraAdmins(), jiraLatency: { minMs: 5, maxMs: 30 }, kvsLatency: { minMs: 5, maxMs: 25 } });
});

describe('two admins saving from the same version at once, under Jira and storage latency', () => {
  it('site policy: one wins, the other gets CONFLICT and the newer version; no saved change is lost, history included', async () => {
    const outcomes: RoundOutcome[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const base = dataOf(await invokeResolver(sandbox, ADA, 'policy/getSite', {}, ADMIN_PAGE));
      const adaName = `Critical ${String(round)}`;
      const ottoMinutes = 100 + round;
      const answers = await Promise.all([
        invokeResolver(sandbox, ADA, 'policy/saveSite', { policy: renameTop(base.policy, adaName), baseVersion: base.version }, ADMIN_PAGE),
        invokeResolver(sandbox, OTTO, 'policy/saveSite', { policy: retarget(base.policy, ottoMinutes), baseVersion: base.version }, ADMIN_PAGE),
      ]);
      const after = dataOf(await invokeResolver(sandbox, ADA, 'policy/getSite', {}, ADMIN_PAGE));
      outcomes.push(
        judgePolicyRound(base.version, after, answers, (newEntries) => [
          after.policy.levels[0]?.name === adaName || newEntries.some((entry) => entry.by === ADA && entry.changes.some((change) => change.includes(adaName))),
          after.policy.levels[1]?.responseTargetMinutes === ottoMinutes || newEntries.some((entry) => entry.by === OTTO && entry.changes.some((change) => change.includes(String(ottoMinutes)))),
        ]),
      );
    }
    const result = tally(outcomes);
    expect(result.otherFailures).toEqual([]);
    expect(result).toMatchObject({ lost: 0, missingFromHistory: 0, ok: ROUNDS, conflicts: ROUNDS });
  });

  it('project policy: one wins, the other gets CONFLICT and the newer version; no saved change is lost', async () => {
    const outcomes: RoundOutcome[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const base = dataOf(await invokeResolver(sandbox, SAM, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS));
      const samName = `Shop critical ${String(round)}`;
      const adaMinutes = 200 + round;
      const answers = await Promise.all([
        invokeResolver(sandbox, SAM, 'policy/saveProject', { projectKey: 'SHOP', policy: renameTop(base.policy, samName), baseVersion: base.version }, SETTINGS),
        invokeResolver(sandbox, ADA, 'policy/saveProject', { projectKey: 'SHOP', policy: retarget(base.policy, adaMinutes), baseVersion: base.version }, SETTINGS),
      ]);
      const after = dataOf(await invokeResolver(sandbox, SAM, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS));
      outcomes.push(
        judgePolicyRound(base.version, after, answers, (newEntries) => [
          after.policy.levels[0]?.name === samName || newEntries.some((entry) => entry.by === SAM),
          after.policy.levels[1]?.responseTargetMinutes === adaMinutes || newEntries.some((entry) => entry.by === ADA),
        ]),
      );
    }
    const result = tally(outcomes);
    expect(result.otherFailures).toEqual([]);
    expect(result).toMatchObject({ lost: 0, missingFromHistory: 0, ok: ROUNDS, conflicts: ROUNDS });
  });

  it('project settings: one wins, the other gets CONFLICT and the newer version; no saved change is lost', async () => {
    const outcomes: RoundOutcome[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const base = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
      const samItem = { id: `checked-${String(round)}`, label: `Checked logs, round ${String(round)}`, needsNote: false };
      const adaStatus = round % 2 === 0 ? 'Waiting for reporter' : 'New';
      const answers = await Promise.all([
        invokeResolver(sandbox, SAM, 'config/saveProject', { projectKey: 'SHOP', config: { ...base.config, manualItems: [samItem] }, baseVersion: base.version }, SETTINGS),
        invokeResolver(sandbox, ADA, 'config/saveProject', { projectKey: 'SHOP', config: { ...base.config, sendBackStatus: adaStatus, manualItems: [] }, baseVersion: base.version }, SETTINGS),
      ]);
      const after = dataOf(await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS));
      const [sam, ada] = answers;
      const samKept = after.config.manualItems.some((item) => item.id === samItem.id);
      const adaKept = after.config.sendBackStatus === adaStatus && after.config.manualItems.length === 0;
      const lost = (sam.ok && !samKept ? 1 : 0) + (ada.ok && !adaKept ? 1 : 0);
      for (const answer of answers) if (!answer.ok && answer.error.code === 'CONFLICT') expect(after.version).toBe(base.version + 1);
      outcomes.push({ answers, lost });
    }
    const result = tally(outcomes);
    expect(result.otherFailures).toEqual([]);
    expect(result).toMatchObject({ lost: 0, ok: ROUNDS, conflicts: ROUNDS });
  });
});

describe('a project going back to the site’s policy', () => {
  it('is recorded in the project’s history and refused with CONFLICT when based on an old version', async () => {
    const base = dataOf(await invokeResolver(sandbox, SAM, 'policy/getProject', { projectKey: 'SHOP' }, SETTINGS));
    expect(base.source).toBe('project');

    const stale = await invokeResolver(sandbox, ADA, 'policy/saveProject', { projectKey: 'SHOP', policy: null, baseVersion: base.version - 1 }, SETTINGS);
    const removed = dataOf(await invokeResolver(sandbox, SAM, 'policy/saveProject', { projectKey: 'SHOP', policy: null, baseVersion: base.version }, SETTINGS));

    expectRefusal(stale, 'CONFLICT');
    expect(removed).toMatchObject({ source: 'site', version: base.version + 1 });
    expect(removed.history[0]).toMatchObject({ version: base.version + 1, by: SAM, changes: [expect.stringContaining('site’s policy applies again') as string] });
    expect(removed.history.length).toBe(Math.min(base.history.length + 1, 50));
  });
});
