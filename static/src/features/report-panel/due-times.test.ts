import { describe, expect, it } from 'vitest';

import { describeDueTimes } from './due-times';

const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');
const viewer = { locale: 'en-GB', timeZone: 'UTC' };
const now = new Date('2026-11-30T14:03:00Z');
const due = (overrides: Partial<{ responseDueAt: string; firstResponseAt: string | null; nextUpdateDueAt: string | null }> = {}) => ({
  level: 'critical',
  responseDueAt: '2026-11-30T14:15:00Z',
  firstResponseAt: null,
  nextUpdateDueAt: '2026-11-30T14:45:00Z',
  ...overrides,
});
const lines = (value: ReturnType<typeof due> | null, at = now) => describeDueTimes(value, at, viewer).map((line) => ({ ...line, text: plain(line.text) }));

describe('describeDueTimes', () => {
  it('says when the first response and the next update are due, and how far off', () => {
    expect(lines(due())).toEqual([
      { id: 'response', tone: 'due', text: 'First response due 14:15 (in 12 min)' },
      { id: 'update', tone: 'due', text: 'Next update due 14:45 (in 42 min)' },
    ]);
  });

  it('says how long overdue, in the tone the panel shows in red', () => {
    expect(lines(due(), new Date('2026-11-30T15:05:00Z'))).toEqual([
      { id: 'response', tone: 'overdue', text: 'First response overdue by 50 minutes (due 14:15)' },
      { id: 'update', tone: 'overdue', text: 'Next update overdue by 20 minutes (due 14:45)' },
    ]);
  });

  it.each([
    ['in time', '2026-11-30T14:05:00Z', { tone: 'met', text: 'First response met: given 14:05, due 14:15' }],
    ['late', '2026-11-30T14:40:00Z', { tone: 'late', text: 'First response given 14:40, 25 minutes after it was due (14:15)' }],
  ])('marks a first response given %s', (_case, firstResponseAt, expected) => {
    expect(lines(due({ firstResponseAt }))[0]).toEqual({ id: 'response', ...expected });
  });

  it('shows no next update for a level without a cadence or a resolved issue, and nothing before a decision applies', () => {
    expect(lines(due({ nextUpdateDueAt: null })).map((line) => line.id)).toEqual(['response']);
    expect(lines(null)).toEqual([]);
  });

  it('names the day when the due time is not today on the viewer’s clock', () => {
    expect(lines(due({ responseDueAt: '2026-12-01T09:00:00Z', nextUpdateDueAt: null }))[0]?.text).toBe('First response due Tue 1 Dec, 09:00 (in 19 hr)');
  });
});
