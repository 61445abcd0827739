/** log part (issue 16): the incident log's entries on the postmortem timeline. */
import { describe, expect, it } from 'vitest';

import { timelineEntrySchema } from '../../contract/postmortem.contract';
import { buildTimeline, mergeTimeline, type IncidentHistory, type LogRecord, type TimelineRecords } from './timeline';

const history: IncidentHistory = { issueKey: 'SHOP-155', created: '2026-11-20T14:00:00.000Z', reporter: 'acc-rita', changes: [], comments: [], worklogs: [], links: [] };
const rollback: LogRecord = { id: 'a'.repeat(32), author: 'acc-devon', happenedAt: '2026-11-20T14:20:00.000Z', text: 'Rolled back build 412 on web-3', link: 'https://ci.example.com/builds/412' };
const firstError: LogRecord = { id: 'b'.repeat(32), author: 'acc-mia', happenedAt: '2026-11-20T13:58:00.000Z', text: 'First 500 on checkout', link: null };
const records = (log: readonly LogRecord[]): TimelineRecords => ({ severityHistory: {}, scale: [], builtAt: '2026-11-20T15:00:00.000Z', incidentLog: { 'SHOP-155': log } });

describe('incident log entries on the timeline', () => {
  it('appear where they happened, marked as log entries, by author, with their link', () => {
    const timeline = buildTimeline([history], records([rollback, firstError]));
    expect(timeline.map((entry) => [entry.at.slice(11, 16), entry.who, entry.kind, entry.text])).toEqual([
      ['13:58', 'acc-mia', 'log', 'Log: First 500 on checkout'],
      ['14:00', 'acc-rita', 'created', 'SHOP-155 created'],
      ['14:20', 'acc-devon', 'log', 'Log: Rolled back build 412 on web-3 (https://ci.example.com/builds/412)'],
    ]);
    for (const entry of timeline) expect(timelineEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('leave a link out rather than cut it when it does not fit beside the text', () => {
    const [, long] = buildTimeline([history], records([{ ...rollback, text: 'x'.repeat(1_000), link: `https://example.com/${'q'.repeat(1_500)}` }]));
    expect(long?.text).toBe(`Log: ${'x'.repeat(1_000)}`);
    expect(timelineEntrySchema.safeParse(long).success).toBe(true);
  });

  it('keep their ids and notes across rebuilds, show a correction, and add no duplicates', () => {
    const first = buildTimeline([history], records([rollback]));
    const noted = first.map((entry) => (entry.kind === 'log' ? { ...entry, note: 'This fixed it', hidden: false } : entry));
    const rebuilt = mergeTimeline(noted, buildTimeline([history], records([{ ...rollback, text: 'Rolled back build 412 on web-3 and web-4' }, firstError])));
    expect(rebuilt.filter((entry) => entry.kind === 'log').map((entry) => [entry.text, entry.note])).toEqual([
      ['Log: First 500 on checkout', ''],
      ['Log: Rolled back build 412 on web-3 and web-4 (https://ci.example.com/builds/412)', 'This fixed it'],
    ]);
    expect(mergeTimeline(rebuilt, buildTimeline([history], records([rollback, firstError])))).toHaveLength(3);
  });

  it('leave on rebuild when deleted from the log, unless people wrote a note on them', () => {
    const first = buildTimeline([history], records([rollback, firstError]));
    const noted = first.map((entry) => (entry.text.includes('First 500') ? { ...entry, note: 'Alert fired 20 minutes later' } : entry));
    const rebuilt = mergeTimeline(noted, buildTimeline([history], records([])));
    expect(rebuilt.map((entry) => [entry.kind, entry.note])).toEqual([
      ['log', 'Alert fired 20 minutes later'],
      ['created', ''],
    ]);
  });

  it('old timelines and callers without a log build as before', () => {
    expect(buildTimeline([history], { severityHistory: {}, scale: [], builtAt: '2026-11-20T15:00:00.000Z' }).map((entry) => entry.kind)).toEqual(['created']);
  });
});
