import { describe, expect, it } from 'vitest';

import type { AppliedPolicyState, LevelMove, SeverityPolicy } from '../../contract/policy.contract';
import type { SeverityEvent } from '../../contract/report.contract';
import { generateStoredReport } from '../report/testing/report.factory';
import { DEFAULT_POLICY, POLICY_PRESETS } from './presets';
import { checkMoves, countLevelUsage, decidedToTopAt, defaultMoves, moveAppliedState, moveReport, movesFitScale, removedLevels, utcWeekStart } from './scale-change';

const preset = (id: string): SeverityPolicy => {
  const found = POLICY_PRESETS.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(id);
  return found.policy;
};
const SEV = preset('sev1-sev3');
const P = preset('p0-p3');
const renamed: SeverityPolicy = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 1 ? { ...level, name: 'Serious' } : level)) };
const withoutMedium: SeverityPolicy = { levels: DEFAULT_POLICY.levels.filter((level) => level.id !== 'medium') };

const event = (kind: SeverityEvent['kind'], level: string, at = '2026-11-20T10:00:00.000Z'): SeverityEvent => ({ kind, level, by: 'acc-devon-oncall', at });
const meta = { accountId: 'acc-ada-admin', now: '2026-11-30T09:00:00.000Z' };

describe('removedLevels and defaultMoves', () => {
  it.each([
    ['a preset switch to fewer levels moves each by rank, the extra ones to the last', DEFAULT_POLICY, SEV, [['critical', 'sev1'], ['major', 'sev2'], ['medium', 'sev3'], ['minor', 'sev3']]],
    ['a preset switch to as many levels moves each to its own rank', DEFAULT_POLICY, P, [['critical', 'p0'], ['major', 'p1'], ['medium', 'p2'], ['minor', 'p3']]],
    ['a switch to more levels leaves the new last level unused', SEV, P, [['sev1', 'p0'], ['sev2', 'p1'], ['sev3', 'p2']]],
    ['a removed middle level moves to the level now at its position', DEFAULT_POLICY, withoutMedium, [['medium', 'minor']]],
    ['a rename keeps the id: nothing moves', DEFAULT_POLICY, renamed, []],
  ] as const)('%s', (_case, before, after, expected) => {
    expect(defaultMoves(before, after).map((move) => [move.from, move.to])).toEqual(expected);
    expect(removedLevels(before, after).map((level) => level.id)).toEqual(expected.map(([from]) => from));
  });
});

describe('checkMoves', () => {
  it('names both levels of every move', () => {
    const checked = checkMoves(DEFAULT_POLICY, SEV, undefined);
    expect(checked).toMatchObject({ ok: true, moves: [{ fromName: 'Critical', toName: 'Sev1' }, { fromName: 'Major', toName: 'Sev2' }, { fromName: 'Medium', toName: 'Sev3' }, { fromName: 'Minor', toName: 'Sev3' }] });
  });

  it('takes the admin’s choice over the default', () => {
    const moves: LevelMove[] = [
      { from: 'critical', to: 'sev1' },
      { from: 'major', to: 'sev1' },
      { from: 'medium', to: 'sev2' },
      { from: 'minor', to: 'sev3' },
    ];
    expect(checkMoves(DEFAULT_POLICY, SEV, moves)).toMatchObject({ ok: true, moves: moves.map((move) => expect.objectContaining(move) as unknown) });
  });

  it.each<[string, SeverityPolicy, readonly LevelMove[], RegExp, string]>([
    ['every removed level must move', SEV, [{ from: 'critical', to: 'sev1' }], /Choose the level Major’s issues move to/, 'mapping'],
    ['a level that stays keeps its issues', withoutMedium, [{ from: 'medium', to: 'minor' }, { from: 'critical', to: 'minor' }], /Critical stays on the scale/, 'mapping.1'],
    ['only to a level of the new scale', withoutMedium, [{ from: 'medium', to: 'medium' }], /can only move to a level of the new scale/, 'mapping.0'],
    ['not to a level nobody has', SEV, [{ from: 'critical', to: 'sev9' }], /“sev9” is not one/, 'mapping.0'],
    ['not from a level the scale in force lacks', withoutMedium, [{ from: 'medium', to: 'minor' }, { from: 'blocker', to: 'minor' }], /“blocker” is not a level of the scale in force/, 'mapping.1'],
    ['one place per level', withoutMedium, [{ from: 'medium', to: 'minor' }, { from: 'medium', to: 'major' }], /two places/, 'mapping.1'],
    ['no prototype tricks', withoutMedium, [{ from: 'medium', to: 'minor' }, { from: '__proto__', to: 'minor' }], /not a level of the scale in force/, 'mapping.1'],
  ])('refuses: %s', (_case, after, moves, message, field) => {
    const checked = checkMoves(DEFAULT_POLICY, after, moves);
    expect(checked).toMatchObject({ ok: false, field });
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('needs nothing when only names changed', () => {
    expect(checkMoves(DEFAULT_POLICY, renamed, [])).toEqual({ ok: true, moves: [] });
  });
});

describe('moveReport', () => {
  const checked = checkMoves(DEFAULT_POLICY, SEV, undefined);
  const moves = checked.ok ? checked.moves : [];
  const report = generateStoredReport({
    revision: 4,
    severityHistory: [event('reporter-pick', 'critical'), event('decision', 'major', '2026-11-21T10:00:00.000Z')],
    search: { ready: 'yes', waitingForReporter: 'no', reporterSeverity: 'critical', decidedSeverity: 'major' },
  });

  it('moves every pick and decision, keeps who and when, says so once, and updates the JQL copy', () => {
    const moved = moveReport(report, moves, meta);
    expect(moved?.severityHistory).toEqual([
      event('reporter-pick', 'sev1'),
      event('decision', 'sev2', '2026-11-21T10:00:00.000Z'),
      { kind: 'scale-change', level: 'sev2', by: 'acc-ada-admin', at: meta.now, reason: 'Severity scale changed: Major → Sev2' },
    ]);
    expect(moved?.search).toMatchObject({ reporterSeverity: 'sev1', decidedSeverity: 'sev2', ready: 'yes' });
    expect(moved).toMatchObject({ revision: 5, updatedBy: 'acc-ada-admin', fields: report.fields });
  });

  it('changes nothing the second time (a retry)', () => {
    const moved = moveReport(report, moves, meta);
    expect(moved).not.toBeNull();
    if (moved !== null) expect(moveReport(moved, moves, meta)).toBeNull();
  });

  it('leaves a report on kept levels alone', () => {
    expect(moveReport(generateStoredReport({ severityHistory: [event('reporter-pick', 'critical')] }), [{ from: 'medium', to: 'minor', fromName: 'Medium', toName: 'Minor' }], meta)).toBeNull();
  });

  it('keeps a full history as it is, without a new entry', () => {
    const full = generateStoredReport({ severityHistory: Array.from({ length: 50 }, () => event('decision', 'major')) });
    const moved = moveReport(full, moves, meta);
    expect(moved?.severityHistory).toHaveLength(50);
    expect(moved?.severityHistory.every((entry) => entry.level === 'sev2')).toBe(true);
  });
});

describe('moveAppliedState and movesFitScale', () => {
  const state: AppliedPolicyState = { schemaVersion: 1, decisionAt: '2026-11-21T10:00:00.000Z', level: 'major', responseDueAt: '2026-11-21T11:00:00.000Z', nextUpdateDueAt: null, commented: true, remindedFor: [] };

  it('keeps the decision, its due times and its comment under the new level', () => {
    expect(moveAppliedState(state, [{ from: 'major', to: 'sev2' }])).toEqual({ ...state, level: 'sev2' });
    expect(moveAppliedState(state, [{ from: 'minor', to: 'sev3' }])).toBeNull();
  });

  it('moves only where the project now uses the new scale', () => {
    const moves = [{ from: 'major', to: 'sev2' }];
    expect(movesFitScale(moves, SEV)).toEqual(moves);
    expect(movesFitScale(moves, DEFAULT_POLICY)).toEqual([]);
    expect(movesFitScale(moves, P)).toEqual([]);
  });
});

describe('usage and the weekly budget', () => {
  it('counts issues, current picks and current decisions per level', () => {
    const reports = [
      { severityHistory: [event('reporter-pick', 'major'), event('decision', 'critical')] },
      { severityHistory: [event('reporter-pick', 'major'), event('reporter-pick', 'minor')] },
      { severityHistory: [] },
    ];
    expect(countLevelUsage(reports)).toEqual({ major: { issues: 2, picked: 1, decided: 0 }, critical: { issues: 1, picked: 0, decided: 1 }, minor: { issues: 1, picked: 1, decided: 0 } });
  });

  it.each([
    ['decided once', [event('decision', 'critical', '2026-11-30T08:00:00.000Z')], '2026-11-30T08:00:00.000Z'],
    ['decided again to the same level: the first decision counts', [event('decision', 'critical', '2026-11-20T08:00:00.000Z'), event('decision', 'critical', '2026-11-30T08:00:00.000Z')], '2026-11-20T08:00:00.000Z'],
    ['back up after a downgrade', [event('decision', 'critical', '2026-11-20T08:00:00.000Z'), event('decision', 'major'), event('decision', 'critical', '2026-11-30T08:00:00.000Z')], '2026-11-30T08:00:00.000Z'],
    ['downgraded since', [event('decision', 'critical'), event('decision', 'major')], undefined],
    ['only picked', [event('reporter-pick', 'critical')], undefined],
  ] as const)('decidedToTopAt: %s', (_case, history, expected) => {
    expect(decidedToTopAt({ severityHistory: [...history] }, 'critical')).toBe(expected);
  });

  it('starts the UTC week on Monday', () => {
    expect(utcWeekStart(new Date('2026-11-30T09:00:00.000Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(utcWeekStart(new Date('2026-12-06T23:59:00.000Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
