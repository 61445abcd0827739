/** disputes (issue 16 part 4): the pure rules of a dispute and a ruling. */
import { describe, expect, it } from 'vitest';

import type { SeverityEvent, StoredReport } from '../../contract/report.contract';
import { DEFAULT_SEVERITY_SCALE } from '../../contract/severity.contract';
import { DEFAULT_FIELD_RULES } from '../config/project-config';
import { applyDispute, applyRuling, decidedSeverityOf, lastRulingOf, openDisputeOf } from './report';
import { generateStoredReport } from './testing/report.factory';

const context = { rules: DEFAULT_FIELD_RULES, manualItems: [], scale: DEFAULT_SEVERITY_SCALE };
const REASON = 'Only one payment provider fails for now.';
const at = (minute: number) => `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`;
const event = (kind: SeverityEvent['kind'], level: string, by: string, minute: number, extra: Partial<SeverityEvent> = {}): SeverityEvent => ({ kind, level, by, at: at(minute), ...extra });
const reportWith = (...history: SeverityEvent[]): StoredReport => generateStoredReport({ revision: history.length, severityHistory: history });

const decided = reportWith(event('reporter-pick', 'critical', 'acc-rita', 1), event('decision', 'critical', 'acc-devon', 2));
const disputed = reportWith(...decided.severityHistory, event('dispute', 'major', 'acc-rita', 3, { reason: REASON }));

describe('applyDispute', () => {
  it('records the dispute as the last history entry and marks the search copy open', () => {
    const outcome = applyDispute(decided, { level: 'major', reason: `  ${REASON} ` }, { accountId: 'acc-rita', now: at(3) }, context);
    expect(outcome.ok && outcome.report.severityHistory.at(-1)).toEqual({ kind: 'dispute', level: 'major', levelName: 'Major', by: 'acc-rita', at: at(3), reason: REASON });
    expect(outcome.ok && outcome.report.search.disputed).toBe('open');
    // A dispute is no decision: the decided level stays.
    expect(outcome.ok && decidedSeverityOf(outcome.report)?.level).toBe('critical');
  });

  it.each([
    ['no report at all', null, 'major', REASON, 'no-decision'],
    ['a pick but no decision', reportWith(event('reporter-pick', 'critical', 'acc-rita', 1)), 'major', REASON, 'no-decision'],
    ['one already open', disputed, 'medium', REASON, 'already-open'],
    ['the decided level itself', decided, 'critical', REASON, 'same-level'],
    ['a level not on the scale', decided, 'sev-x', REASON, 'invalid'],
    ['a reason too short', decided, 'major', ' short ', 'invalid'],
    ['a reason too long', decided, 'major', 'x'.repeat(1_001), 'invalid'],
  ])('refuses %s', (_case, report, level, reason, kind) => {
    const outcome = applyDispute(report, { level, reason }, { accountId: 'acc-mia', now: at(5) }, context);
    expect(outcome.ok ? 'stored' : outcome.rejection.kind).toBe(kind);
  });

  it('allows a new dispute once the last one was ruled', () => {
    const ruled = reportWith(...disputed.severityHistory, event('ruling', 'critical', 'acc-sam', 4, { reason: REASON, ruling: 'kept' }));
    expect(openDisputeOf(ruled)).toBeUndefined();
    expect(ruled.severityHistory.length).toBe(4);
    expect(applyDispute(ruled, { level: 'medium', reason: REASON }, { accountId: 'acc-mia', now: at(6) }, context).ok).toBe(true);
  });
});

describe('applyRuling', () => {
  const sam = { accountId: 'acc-sam', now: at(10) };

  it('keeps the decided level with a ruling entry that is no decision', () => {
    const outcome = applyRuling(disputed, { disputeAt: at(3), level: 'critical', reason: REASON }, sam, context);
    if (!outcome.ok) throw new Error('kept');
    expect(outcome.report.severityHistory.at(-1)).toMatchObject({ kind: 'ruling', ruling: 'kept', level: 'critical', by: 'acc-sam' });
    expect(decidedSeverityOf(outcome.report)?.at).toBe(at(2));
    expect(outcome.report.search.disputed).toBe('ruled');
    expect(lastRulingOf(outcome.report)?.by).toBe('acc-sam');
  });

  it('changes the level with a decision entry marked as the ruling', () => {
    const outcome = applyRuling(disputed, { disputeAt: at(3), level: 'major', reason: REASON }, sam, context);
    if (!outcome.ok) throw new Error('changed');
    expect(decidedSeverityOf(outcome.report)).toMatchObject({ kind: 'decision', ruling: 'changed', level: 'major', at: at(10) });
    expect(outcome.report.search.decidedSeverity).toBe('major');
  });

  it.each([
    ['no dispute at all', decided, at(3), 'critical', REASON, 'no-open-dispute'],
    ['a dispute already ruled', reportWith(...disputed.severityHistory, event('ruling', 'critical', 'acc-ada', 4, { reason: REASON, ruling: 'kept' })), at(3), 'major', REASON, 'no-open-dispute'],
    ['another dispute than the one seen', disputed, at(9), 'critical', REASON, 'other-dispute'],
    ['a forged level', disputed, at(3), '../../etc', REASON, 'invalid'],
    ['no reason', disputed, at(3), 'critical', '', 'invalid'],
  ])('refuses %s', (_case, report, disputeAt, level, reason, kind) => {
    const outcome = applyRuling(report, { disputeAt, level, reason }, sam, context);
    expect(outcome.ok ? 'stored' : outcome.rejection.kind).toBe(kind);
  });
});

describe('a full severity history', () => {
  it('takes no more disputes, leaving room for the ruling of an open one', () => {
    const picks = Array.from({ length: 47 }, (_unused, index) => event('reporter-pick', 'critical', 'acc-rita', 0, { at: `2026-11-19T10:${String(index).padStart(2, '0')}:00.000Z` }));
    const nearlyFull = reportWith(...picks, event('decision', 'critical', 'acc-devon', 2));
    expect(applyDispute(nearlyFull, { level: 'major', reason: REASON }, { accountId: 'acc-rita', now: at(3) }, context).ok).toBe(true);
    const full = reportWith(...nearlyFull.severityHistory, event('decision', 'critical', 'acc-devon', 4));
    const refused = applyDispute(full, { level: 'major', reason: REASON }, { accountId: 'acc-rita', now: at(5) }, context);
    expect(refused.ok ? 'stored' : refused.rejection.kind).toBe('invalid');
  });
});
