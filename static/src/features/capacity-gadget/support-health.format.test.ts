import { describe, expect, it } from 'vitest';

import {
  formatCompliance,
  formatDaysOverdue,
  formatDueDate,
  formatDueDateEnds,
  formatDuration,
  formatFixedCell,
  formatFixedInTime,
  formatJiraDueDate,
  formatMetCell,
  formatPercent,
  formatPeriodDates,
  formatUpdatesRow,
  formatUpdatesTotal,
} from './support-health.format';

describe('formatDuration', () => {
  it.each([
    [0, 'under 1 min'],
    [59, 'under 1 min'],
    [Number.NaN, 'under 1 min'],
    [45 * 60, '45 min'],
    [37.5 * 60, '38 min'],
    [60 * 60, '1 h'],
    [2 * 3600 + 10 * 60, '2 h 10 min'],
    [23 * 3600 + 59 * 60 + 50, '24 h'],
    [28.5 * 3600, '1 d 5 h'],
    [21 * 24 * 3600, '21 d'],
  ])('%s seconds read "%s"', (seconds, words) => {
    expect(formatDuration(seconds)).toBe(words);
  });
});

describe('formatPercent', () => {
  it('rounds down, so a share just under the aim never reads as the aim', () => {
    expect(formatPercent(0.9499, 'en-GB')).toBe('94.9%');
    expect(formatPercent(2 / 3, 'en-GB')).toBe('66.6%');
    expect(formatPercent(1, 'en-GB')).toBe('100%');
  });
});

describe('formatCompliance', () => {
  it.each([
    [{ met: 19, breached: 1, pending: 0, share: 0.95 }, { value: '95%', detail: '19 of 20 guideline dates met', tone: 'good' }],
    [{ met: 3, breached: 1, pending: 2, share: 0.75 }, { value: '75%', detail: '3 of 4 guideline dates met, 2 pending', tone: 'bad' }],
    [{ met: 1, breached: 0, pending: 0, share: 1 }, { value: '100%', detail: '1 of 1 guideline date met', tone: 'good' }],
    [{ met: 0, breached: 0, pending: 0, share: null }, { value: '–', detail: 'No guideline dates yet', tone: 'none' }],
    [{ met: 0, breached: 0, pending: 1, share: null }, { value: '–', detail: 'No guideline date has come yet, 1 pending', tone: 'none' }],
  ])('%j', (compliance, words) => {
    expect(formatCompliance(compliance, 0.95, 'en-GB')).toEqual(words);
  });

  it('words a severity cell', () => {
    expect(formatMetCell({ met: 2, breached: 1, pending: 0, share: 2 / 3 })).toBe('2 of 3');
    expect(formatMetCell({ met: 0, breached: 0, pending: 1, share: null })).toBe('pending');
    expect(formatMetCell({ met: 0, breached: 0, pending: 0, share: null })).toBe('–');
  });
});

describe('formatPeriodDates', () => {
  it('ends a week on its Sunday, and dates a sprint in the viewer’s zone', () => {
    expect(formatPeriodDates({ start: '2026-11-16T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z', state: 'week' }, 'en-GB', 'Pacific/Auckland')).toMatch(/^16\s*–\s*22\sNov$/);
    expect(formatPeriodDates({ start: '2026-11-02T09:00:00.000Z', end: '2026-11-13T09:00:00.000Z', state: 'closed' }, 'en-GB', 'UTC')).toMatch(/^2\s*–\s*13\sNov$/);
    expect(formatPeriodDates({ start: 'nonsense', end: '2026-11-13T09:00:00.000Z', state: 'closed' }, 'en-GB', 'UTC')).toBe('');
  });
});

describe('on-time stakeholder updates in words (issue 16)', () => {
  it('says how many of the due updates went out on time, late or not at all', () => {
    expect(formatUpdatesRow({ due: 3, onTime: 1, late: 1, missed: 1, share: 1 / 3 }, 'en-GB')).toBe('1 of 3 on time (33.3%) · 1 late · 1 missed');
    expect(formatUpdatesRow({ due: 2, onTime: 2, late: 0, missed: 0, share: 1 }, 'en-GB')).toBe('2 of 2 on time (100%)');
    expect(formatUpdatesRow({ due: 0, onTime: 0, late: 0, missed: 0, share: null }, 'en-GB')).toBe('No update was due');
  });

  it('totals over the incidents, never "0 %" for nothing', () => {
    expect(formatUpdatesTotal({ incidents: 6, due: 10, onTime: 4, share: 0.4 }, 'en-GB')).toBe('4 of 10 on time (40%) over 6 incidents');
    expect(formatUpdatesTotal({ incidents: 1, due: 0, onTime: 0, share: null }, 'en-GB')).toBe('No stakeholder update was due yet on 1 incident.');
  });
});

describe('vulnerabilities fixed within their window in words (issue 17)', () => {
  const figures = { due: 4, onTime: 1, late: 1, openPastDue: 2, withoutWindow: 0, share: 0.25 };

  it('says the share, then what was late, still open past due, and waits for a window', () => {
    expect(formatFixedInTime(figures, 'en-GB')).toBe('1 of 4 fixed within their window (25%) · 1 late · 2 open past due');
    expect(formatFixedInTime({ ...figures, withoutWindow: 1 }, 'en-GB')).toBe('1 of 4 fixed within their window (25%) · 1 late · 2 open past due · 1 without a window yet');
    expect(formatFixedInTime({ due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 2, share: null }, 'en-GB')).toBe('None came due yet · 2 without a window yet');
    expect(formatFixedCell(figures)).toBe('1 of 4');
    expect(formatFixedCell({ ...figures, due: 0, onTime: 0 })).toBe('–');
  });

  it('dates a due day in the viewer’s locale, the same day in every zone, and says when it ends in theirs', () => {
    expect(formatDueDate('2026-11-10', 'en-GB')).toBe('10 Nov 2026');
    expect(formatDueDate('2026-11-10', 'en-US')).toBe('Nov 10, 2026');
    expect(formatDueDate('not a date', 'en-GB')).toBe('not a date');
    // The day ends at midnight UTC: 13:00 the next day in Auckland (NZDT), 16:00 the day itself in Los Angeles.
    expect(formatDueDateEnds('2026-11-10', 'en-GB', 'Pacific/Auckland')).toBe('Ends 11 Nov 2026, 13:00 your time');
    expect(formatDueDateEnds('2026-11-10', 'en-GB', 'America/Los_Angeles')).toBe('Ends 10 Nov 2026, 16:00 your time');
  });

  it('counts days overdue and says what Jira’s own Due date says', () => {
    expect(formatDaysOverdue(1)).toBe('1 day overdue');
    expect(formatDaysOverdue(6)).toBe('6 days overdue');
    expect(formatJiraDueDate('2026-12-30', 'en-GB')).toBe('Jira’s Due date says 30 Dec 2026; judged by the window');
    expect(formatJiraDueDate('', 'en-GB')).toBe('Jira’s Due date was cleared; judged by the window');
  });
});
