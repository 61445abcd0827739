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

describe('buildTimeline with the app’s records (record part)', () => {
  const scale = [
    { id: 'critical', name: 'Sev 1' },
    { id: 'major', name: 'Sev 2' },
  ];
  const records = {
    builtAt: '2026-11-22T09:00:00.000Z',
    scale,
    severityHistory: {
      'SHOP-155': [
        { kind: 'reporter-pick' as const, level: 'major', by: 'acc-rita', at: '2026-11-20T14:13:00.000Z' },
        { kind: 'decision' as const, level: 'critical', by: 'acc-devon', at: '2026-11-20T14:40:00.000Z', reason: 'Every card payment fails' },
        { kind: 'decision' as const, level: 'gone', levelName: 'Blocker', by: 'acc-devon', at: '2026-11-20T14:50:00.000Z' },
        { kind: 'scale-change' as const, level: 'critical', by: 'acc-admin', at: '2026-11-21T10:00:00.000Z' },
      ],
    },
  };
  const withLinks: IncidentHistory = {
    ...history,
    links: [
      { id: '70', at: null, otherKey: 'SHOP-120', description: 'This issue is caused by SHOP-120' },
      { id: '71', at: null, otherKey: 'SHOP-130', description: 'This issue is caused by SHOP-130' },
    ],
  };

  it('adds picks and decisions by the level’s name with the reason, and the links no changelog entry dates, marked undated', () => {
    const built = buildTimeline([withLinks], records);
    expect(built.filter((entry) => entry.id.includes(':decision:') || entry.id.includes(':pick:')).map((entry) => [entry.who, entry.text])).toEqual([
      ['acc-rita', 'Reporter picked severity Sev 2'],
      ['acc-devon', 'Severity decided: Sev 1, because: Every card payment fails'],
      ['acc-devon', 'Severity decided: Blocker (no longer in the scale) (no reason given)'],
    ]);
    // SHOP-120's link is dated by the changelog already; SHOP-130's has no entry there.
    expect(built.filter((entry) => entry.id.includes(':undated-link:')).map((entry) => [entry.at, entry.text])).toEqual([
      ['2026-11-22T09:00:00.000Z', 'This issue is caused by SHOP-130 (no date in Jira: shown when the timeline first found it)'],
    ]);
    expect(built.filter((entry) => entry.id.includes(':decision:')).map((entry) => entry.text).join(' ')).not.toMatch(/critical|major/);
  });

  it('keeps ids stable across rebuilds: no duplicates, notes stay, an undated link keeps the time it was first found at', () => {
    const first = buildTimeline([withLinks], records).map((entry) => (entry.id.includes(':undated-link:') || entry.id.includes(':decision:') ? { ...entry, note: 'kept' } : entry));
    const again = mergeTimeline(first, buildTimeline([withLinks], { ...records, builtAt: '2026-11-25T09:00:00.000Z' }));
    expect(again.map((entry) => entry.id)).toEqual(first.map((entry) => entry.id));
    expect(again.find((entry) => entry.id.includes(':undated-link:'))).toMatchObject({ at: '2026-11-22T09:00:00.000Z', note: 'kept' });
    expect(again.filter((entry) => entry.note === 'kept')).toHaveLength(3);
  });

  it('reads hostile reasons as text, cut to the entry limit', () => {
    const long = buildTimeline([history], { ...records, severityHistory: { 'SHOP-155': [{ kind: 'decision', level: 'major', by: 'acc-devon', at: '2026-11-20T14:40:00.000Z', reason: `<img src=x> ${'x'.repeat(3_000)}` }] } });
    const decision = long.find((entry) => entry.id.includes(':decision:'));
    expect(decision?.text.startsWith('Severity decided: Sev 2, because: <img src=x>')).toBe(true);
    expect(decision?.text.length).toBe(2_000);
  });
});
