import { describe, expect, it } from 'vitest';

import { buildTimeline, mergeTimeline, type IncidentHistory } from './timeline';

const history: IncidentHistory = {
  issueKey: 'SHOP-155',
  created: '2026-11-20T14:12:00.000Z',
  reporter: 'acc-rita',
  changes: [
    { id: '900', at: '2026-11-20T14:20:00.000Z', author: 'acc-devon', items: [{ field: 'status', from: 'New', to: 'In Progress' }, { field: 'assignee', from: null, to: 'Devon Park' }] },
    { id: '901', at: '2026-11-20T14:25:00.000Z', author: 'acc-devon', items: [{ field: 'labels', from: '', to: 'severity-critical' }, { field: 'summary', from: 'a', to: 'b' }] },
    { id: '902', at: '2026-11-20T15:30:00.000Z', author: 'acc-devon', items: [{ field: 'Link', from: null, to: 'This issue is caused by SHOP-120' }] },
  ],
  comments: [{ id: 'c1', at: '2026-11-20T14:30:00.000Z', author: 'acc-devon', text: 'Switched to the fallback provider.\nMore detail.' }],
  worklogs: [{ id: 'w1', at: '2026-11-20T15:00:00.000Z', author: 'acc-devon', seconds: 5400 }],
  links: [{ id: 'l1', at: '2026-11-20T16:00:00.000Z', description: 'is caused by SHOP-120' }],
};

describe('buildTimeline', () => {
  it('matches the incident’s history: who did what and when, oldest first, ignoring unrelated field edits', () => {
    expect(buildTimeline([history]).map((entry) => [entry.at.slice(11, 16), entry.who, entry.kind, entry.text])).toEqual([
      ['14:12', 'acc-rita', 'created', 'SHOP-155 created'],
      ['14:20', 'acc-devon', 'status', 'Status: New → In Progress'],
      ['14:20', 'acc-devon', 'assignee', 'Assignee: none → Devon Park'],
      ['14:25', 'acc-devon', 'severity', 'Labels:  → severity-critical'],
      ['14:30', 'acc-devon', 'comment', 'Comment: Switched to the fallback provider.'],
      ['15:00', 'acc-devon', 'worklog', 'Logged 1.5 h'],
      ['15:30', 'acc-devon', 'link', 'This issue is caused by SHOP-120'],
      ['16:00', 'unknown', 'link', 'is caused by SHOP-120'],
    ]);
  });
});

describe('mergeTimeline', () => {
  it('keeps notes, hidden marks and manual entries when the timeline is rebuilt', () => {
    const first = buildTimeline([history]);
    const annotated = first.map((entry) => (entry.kind === 'comment' ? { ...entry, note: 'Mitigation started here' } : entry.kind === 'worklog' ? { ...entry, hidden: true } : entry));
    const manual = { id: 'manual-1', at: '2026-11-20T14:05:00.000Z', who: 'Monitoring', kind: 'manual' as const, issueKey: null, text: 'Error rate rose', hidden: false, note: '' };

    const merged = mergeTimeline([...annotated, manual], buildTimeline([history]));

    expect(merged[0]).toEqual(manual);
    expect(merged.find((entry) => entry.kind === 'comment')?.note).toBe('Mitigation started here');
    expect(merged.find((entry) => entry.kind === 'worklog')?.hidden).toBe(true);
    expect(merged).toHaveLength(first.length + 1);
  });
});
