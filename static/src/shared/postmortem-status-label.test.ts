import { describe, expect, it } from 'vitest';

import { postmortemLineOf } from '../features/report-panel/postmortem-line';
import { filterPostmortems, NO_FILTERS, type PostmortemRow } from '../features/postmortems/postmortem-list';
import { statusLabel } from './postmortem-links';

/** fixes part (issue 15): a revision open on a published postmortem says so wherever its status shows. */
describe('statusLabel', () => {
  it.each([
    ['draft', false, 'Draft'],
    ['in-review', false, 'In review'],
    ['published', false, 'Published'],
    ['draft', true, 'Published · revision in draft'],
    ['in-review', true, 'Published · revision in review'],
    ['published', true, 'Published'],
  ] as const)('%s, revision of a published one: %s → %s', (status, revisionOfPublished, label) => {
    expect(statusLabel({ status, revisionOfPublished })).toBe(label);
  });

  it('reads an older answer without the flag as before', () => {
    expect(statusLabel({ status: 'draft' })).toBe('Draft');
  });
});

describe('the incident panel’s pointer', () => {
  it('says a published version exists while a revision is in draft', () => {
    const line = postmortemLineOf({ postmortem: { id: 'pm-1', title: 'Postmortem: SHOP-1', status: 'draft', revisionOfPublished: true }, canStart: true });
    expect(line).toEqual({ kind: 'open', postmortemId: 'pm-1', text: 'Postmortem: SHOP-1 (published · revision in draft)' });
  });
});

describe('the list’s Published filter', () => {
  const row = (id: string, status: PostmortemRow['status'], revisionOfPublished: boolean): PostmortemRow => ({
    id, title: id, status, severity: null, severityName: null, incidents: [], owner: 'acc-1', ownerName: 'Devon', createdAt: '', updatedAt: '', publishedAt: null, overdueActions: 0, revisionOfPublished,
  });

  it('keeps a published postmortem whose revision is in draft', () => {
    const rows = [row('plain-draft', 'draft', false), row('revised', 'draft', true), row('published', 'published', false)];
    expect(filterPostmortems(rows, { ...NO_FILTERS, status: 'published' }).map((r) => r.id)).toEqual(['revised', 'published']);
    expect(filterPostmortems(rows, { ...NO_FILTERS, status: 'draft' }).map((r) => r.id)).toEqual(['plain-draft', 'revised']);
  });
});
