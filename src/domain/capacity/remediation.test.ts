import { describe, expect, it } from 'vitest';

import { deadlineOf, fixedInTimeShare, remediation, remediationVerdict, type Finding } from './remediation';

const span = { start: '2026-11-02T09:00:00.000Z', end: '2026-11-30T09:00:00.000Z' };
const now = '2026-11-20T12:00:00.000Z';
let next = 0;
const finding = (overrides: Partial<Finding>): Finding => {
  next += 1;
  return { issueId: String(next), key: `SHOP-${String(next)}`, summary: `Finding ${String(next)}`, level: 'critical', dueDate: '2026-11-10', resolvedAt: null, ...overrides };
};

describe('vulnerabilities fixed within their window', () => {
  it('a due date is a whole calendar day, UTC: resolved any time that day is in time, a minute after midnight is late', () => {
    expect(new Date(deadlineOf('2026-11-10')).toISOString()).toBe('2026-11-11T00:00:00.000Z');
    expect(remediationVerdict(finding({ resolvedAt: '2026-11-10T23:59:00.000Z' }), span, now)).toBe('on-time');
    expect(remediationVerdict(finding({ resolvedAt: '2026-11-11T00:00:00.000Z' }), span, now)).toBe('late');
    expect(Number.isNaN(deadlineOf('10/11/2026'))).toBe(true);
  });

  it('counts a finding resolved in the span, one that came due in it, and one still open past its due date however old', () => {
    // Resolved in the span long before a due date that is still to come: fixed in time.
    expect(remediationVerdict(finding({ dueDate: '2027-01-31', resolvedAt: '2026-11-05T10:00:00.000Z' }), span, now)).toBe('on-time');
    // Came due in the span, resolved after it (a closed span): late.
    expect(remediationVerdict(finding({ dueDate: '2026-11-10', resolvedAt: '2026-12-05T10:00:00.000Z' }), { start: span.start, end: '2026-11-16T09:00:00.000Z' }, '2026-12-10T00:00:00.000Z')).toBe('late');
    // Due before the span started, still open: carried through it, open past due.
    expect(remediationVerdict(finding({ dueDate: '2026-09-01' }), span, now)).toBe('open-past-due');
  });

  it('does not count a finding whose due date has not come and is open, or one settled before the span', () => {
    expect(remediationVerdict(finding({ dueDate: '2026-11-25' }), span, now)).toBeNull();
    expect(remediationVerdict(finding({ dueDate: '2026-10-20', resolvedAt: '2026-10-19T10:00:00.000Z' }), span, now)).toBeNull();
    expect(remediationVerdict(finding({ dueDate: '2026-10-20', resolvedAt: '2026-10-25T10:00:00.000Z' }), span, now)).toBeNull();
  });

  it('never reaches past now: an active sprint’s planned end does not make a future due date count', () => {
    // Due 25 Nov, the sprint ends 30 Nov, now is 20 Nov: not due yet, not counted.
    expect(remediationVerdict(finding({ dueDate: '2026-11-25' }), span, now)).toBeNull();
    expect(remediationVerdict(finding({ dueDate: '2026-11-25' }), span, '2026-11-26T00:00:01.000Z')).toBe('open-past-due');
  });

  it('keeps a finding without a window (no level decided yet) apart: counted while open or resolved in the span, never in the share', () => {
    expect(remediationVerdict(finding({ level: null, dueDate: null }), span, now)).toBe('without-window');
    expect(remediationVerdict(finding({ level: null, dueDate: null, resolvedAt: '2026-11-03T00:00:00.000Z' }), span, now)).toBe('without-window');
    expect(remediationVerdict(finding({ level: null, dueDate: null, resolvedAt: '2026-10-03T00:00:00.000Z' }), span, now)).toBeNull();
  });

  it('adds the figures up per level and in total, and lists the open past due most overdue first', () => {
    const findings = [
      finding({ key: 'SHOP-1', level: 'critical', dueDate: '2026-11-10', resolvedAt: '2026-11-09T10:00:00.000Z' }),
      finding({ key: 'SHOP-2', level: 'critical', dueDate: '2026-11-10', resolvedAt: '2026-11-12T10:00:00.000Z' }),
      finding({ key: 'SHOP-3', level: 'critical', dueDate: '2026-11-17' }),
      finding({ key: 'SHOP-4', level: 'major', dueDate: '2026-11-19' }),
      finding({ key: 'SHOP-5', level: 'major', dueDate: '2026-12-30' }),
      finding({ key: 'SHOP-6', level: null, dueDate: null }),
    ];
    const result = remediation(findings, span, now);
    expect(result.byLevel).toEqual([
      { level: 'critical', due: 3, onTime: 1, late: 1, openPastDue: 1, withoutWindow: 0 },
      { level: 'major', due: 1, onTime: 0, late: 0, openPastDue: 1, withoutWindow: 0 },
      { level: null, due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 1 },
    ]);
    expect(result.total).toEqual({ due: 4, onTime: 1, late: 1, openPastDue: 2, withoutWindow: 1 });
    // 17 Nov ended 18 Nov 00:00; now is 20 Nov 12:00: 2.5 days, so 3 days overdue. 19 Nov: 0.5 days, so 1.
    expect(result.overdue.map((row) => [row.key, row.daysOverdue])).toEqual([
      ['SHOP-3', 3],
      ['SHOP-4', 1],
    ]);
    expect(fixedInTimeShare(result.total)).toBe(0.25);
    expect(fixedInTimeShare({ due: 0, onTime: 0 })).toBeNull();
  });
});
