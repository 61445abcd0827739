import { describe, expect, it } from 'vitest';

import { type PostmortemRow, NO_FILTERS, countSentence, filterPostmortems, isStatusFilter, sortPostmortems } from './postmortem-list';

const row = (overrides: Partial<PostmortemRow>): PostmortemRow => ({
  id: 'pm-0001',
  title: 'Payments outage',
  status: 'draft',
  severity: 'critical',
  severityName: 'Critical',
  incidents: ['SHOP-155'],
  owner: 'acc-1',
  ownerName: 'Devon',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-02T00:00:00Z',
  publishedAt: null,
  overdueActions: 0,
  ...overrides,
});

const rows = [
  row({ id: 'pm-a', title: 'Payments outage', status: 'published', updatedAt: '2026-11-10T00:00:00Z' }),
  row({ id: 'pm-b', title: 'Search slow', status: 'in-review', incidents: ['SHOP-9', 'SHOP-200'], updatedAt: '2026-11-03T00:00:00Z' }),
  row({ id: 'pm-c', title: 'Login loop', status: 'draft', incidents: ['SHOP-12'], updatedAt: '2026-11-05T00:00:00Z' }),
];

describe('filterPostmortems', () => {
  it('keeps everything without filters', () => {
    expect(filterPostmortems(rows, NO_FILTERS)).toHaveLength(3);
  });

  it('filters by status', () => {
    expect(filterPostmortems(rows, { status: 'in-review', search: '' }).map(({ id }) => id)).toEqual(['pm-b']);
  });

  it('searches titles and incident keys, in any case', () => {
    expect(filterPostmortems(rows, { status: 'all', search: '  LOGIN ' }).map(({ id }) => id)).toEqual(['pm-c']);
    expect(filterPostmortems(rows, { status: 'all', search: 'shop-20' }).map(({ id }) => id)).toEqual(['pm-b']);
    expect(filterPostmortems(rows, { status: 'published', search: 'search' })).toEqual([]);
  });
});

describe('sortPostmortems', () => {
  it('puts open postmortems first, newest update first', () => {
    expect(sortPostmortems(rows).map(({ id }) => id)).toEqual(['pm-c', 'pm-b', 'pm-a']);
  });
});

describe('words and paths', () => {
  it('counts', () => {
    expect(countSentence(3, 3)).toBe('3 postmortems');
    expect(countSentence(1, 3)).toBe('1 of 3 postmortems');
    expect(countSentence(1, 1)).toBe('1 postmortem');
  });

  it('knows the status filters', () => {
    expect(isStatusFilter('in-review')).toBe(true);
    expect(isStatusFilter('closed')).toBe(false);
  });
});
