/** updates part (issue 16): kept stakeholder updates on the postmortem timeline. */
import { describe, expect, it } from 'vitest';

import { timelineEntrySchema } from '../../contract/postmortem.contract';
import { APP_AUTHOR, buildTimeline, mergeTimeline, type IncidentHistory, type TimelineRecords, type UpdateRecord } from './timeline';

const history: IncidentHistory = { issueKey: 'SHOP-155', created: '2026-11-20T14:00:00.000Z', reporter: 'acc-rita', changes: [], comments: [], worklogs: [], links: [] };
const AUDIENCE = 'group ops-leads; the reporter, assignee and watchers';
const first: UpdateRecord = { actionId: 'act-0000first', kind: 'update', by: 'acc-devon', at: '2026-11-20T14:25:00.000Z', text: 'Card payments fail; rolling back build 412.', audience: AUDIENCE };
const quiet: UpdateRecord = { actionId: 'act-000quiet1', kind: 'nothing-new', by: 'acc-mia', at: '2026-11-20T14:55:00.000Z', text: 'Nothing to update. Still investigating.', audience: AUDIENCE };
const closing: UpdateRecord = { actionId: 'closing-update', kind: 'closing', by: APP_AUTHOR, at: '2026-11-20T16:00:00.000Z', text: 'Resolved: Checkout is down. This was the last update on this incident.', audience: AUDIENCE };
const records = (updates: readonly UpdateRecord[], key = 'SHOP-155'): TimelineRecords => ({ severityHistory: {}, scale: [], builtAt: '2026-11-20T17:00:00.000Z', stakeholderUpdates: { [key]: updates } });

describe('stakeholder updates on the timeline', () => {
  it('appear when they were sent, by sender, saying to whom and what, "Nothing new" and the closing update in their own words', () => {
    const timeline = buildTimeline([history], records([closing, quiet, first]));
    expect(timeline.map((entry) => [entry.at.slice(11, 16), entry.who, entry.kind, entry.text])).toEqual([
      ['14:00', 'acc-rita', 'created', 'SHOP-155 created'],
      ['14:25', 'acc-devon', 'update', `Update sent to ${AUDIENCE}: Card payments fail; rolling back build 412.`],
      ['14:55', 'acc-mia', 'update', `“Nothing new” sent to ${AUDIENCE}: Nothing to update. Still investigating.`],
      ['16:00', APP_AUTHOR, 'update', `Closing update sent to ${AUDIENCE}: Resolved: Checkout is down. This was the last update on this incident.`],
    ]);
    for (const entry of timeline) expect(timelineEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('keep their ids, notes and hidden marks across rebuilds, and add no duplicates', () => {
    const built = buildTimeline([history], records([first]));
    const noted = built.map((entry) => (entry.kind === 'update' ? { ...entry, note: 'Sent 5 minutes before it was due', hidden: true } : entry));
    const rebuilt = mergeTimeline(noted, buildTimeline([history], records([first, quiet])));
    expect(rebuilt.filter((entry) => entry.kind === 'update').map((entry) => [entry.id, entry.note, entry.hidden])).toEqual([
      ['SHOP-155:update:act-0000first', 'Sent 5 minutes before it was due', true],
      ['SHOP-155:update:act-000quiet1', '', false],
    ]);
    expect(mergeTimeline(rebuilt, buildTimeline([history], records([first, quiet])))).toHaveLength(3);
  });

  it('an update gone from the record leaves, unless people wrote a note on it', () => {
    const built = buildTimeline([history], records([first, quiet]));
    const noted = built.map((entry) => (entry.id.endsWith('act-0000first') ? { ...entry, note: 'Stakeholders asked for more detail' } : entry));
    expect(mergeTimeline(noted, buildTimeline([history], records([]))).map((entry) => [entry.kind, entry.note])).toEqual([
      ['created', ''],
      ['update', 'Stakeholders asked for more detail'],
    ]);
  });

  it('a long key and action id still make a valid, stable, distinct id', () => {
    const key = `LONGPROJECTKEY${'X'.repeat(30)}-123456`;
    const longHistory = { ...history, issueKey: key };
    const one = { ...first, actionId: `a${'b'.repeat(62)}1` };
    const two = { ...first, actionId: `a${'b'.repeat(62)}2`, at: '2026-11-20T14:26:00.000Z' };
    const [a, b] = buildTimeline([longHistory], records([one, two], key)).filter((entry) => entry.kind === 'update');
    expect(a?.id.length).toBeLessThanOrEqual(80);
    expect(a?.id).not.toBe(b?.id);
    expect(buildTimeline([longHistory], records([one], key)).find((entry) => entry.kind === 'update')?.id).toBe(a?.id);
    expect(timelineEntrySchema.safeParse(a).success).toBe(true);
  });

  it('a very long update is cut to what an entry holds', () => {
    const [, long] = buildTimeline([history], records([{ ...first, text: 'x'.repeat(1_900), audience: 'g'.repeat(500) }]));
    expect(timelineEntrySchema.safeParse(long).success).toBe(true);
  });
});
