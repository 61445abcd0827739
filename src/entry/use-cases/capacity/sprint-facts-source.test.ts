import { describe, expect, it } from 'vitest';

import type { SprintWindow } from '../../../domain/capacity/capacity';
import type { FactIssue } from '../../../domain/capacity/sprint-facts';
import { changesFacts } from '../../triggers/on-facts-event.handler';
import { isSettled, isStale, teamSettingOf } from './sprint-facts-source';

const window: SprintWindow = { id: 1, name: 'Sprint 1', start: '2026-11-02T09:00:00.000Z', end: '2026-11-13T09:00:00.000Z', state: 'closed' };
const issue = (id: string): FactIssue => ({
  id, key: `SHOP-${id}`, projectKey: 'SHOP', summary: '', issueType: 'Story', isSubtask: false, parentKey: null, labels: [], storyPoints: null, resolvedAt: null,
  severity: null, kind: null, classOfService: null, worklogs: [], worklogsOutside: 0,
});
const entry = (readAt: string) => ({
  facts: { sprint: window, planned: [issue('1')], unplanned: [issue('2')], team: { source: 'worklog-authors' as const, groupName: null, members: [] }, matchedByJql: [], readAt },
  securedIssueIds: [],
});
const READ_AT = '2026-11-20T10:00:00.000Z';

describe('isStale', () => {
  it.each([
    ['nothing changed', {}, {}, false],
    ['a planned issue changed after the read', { '1': '2026-11-20T10:05:00.000Z' }, {}, true],
    ['an unplanned issue changed after the read', { '2': '2026-11-20T10:05:00.000Z' }, {}, true],
    ['a planned issue changed half a minute before the read (search may not show it yet)', { '1': '2026-11-20T09:59:30.000Z' }, {}, true],
    ['a planned issue changed an hour before the read', { '1': '2026-11-20T09:00:00.000Z' }, {}, false],
    ['another issue changed', { '99': '2026-11-20T10:05:00.000Z' }, {}, false],
    ['a worklog on a day inside the window', {}, { '2026-11-05': '2026-11-20T10:05:00.000Z' }, true],
    ['a worklog on the first day (window starts at 09:00)', {}, { '2026-11-02': '2026-11-20T10:05:00.000Z' }, true],
    ['a worklog on the last day (window ends at 09:00)', {}, { '2026-11-13': '2026-11-20T10:05:00.000Z' }, true],
    ['a worklog the day after the window', {}, { '2026-11-14': '2026-11-20T10:05:00.000Z' }, false],
    ['a worklog the day before the window', {}, { '2026-11-01': '2026-11-20T10:05:00.000Z' }, false],
  ])('%s → %s', (_, issueIds: Record<string, string>, days: Record<string, string>, stale) => {
    expect(isStale(entry(READ_AT), { issueIds: new Map(Object.entries(issueIds)), days: new Map(Object.entries(days)) })).toBe(stale);
  });
});

describe('isSettled', () => {
  it.each([
    ['closed 16 minutes ago', 'closed', '2026-11-20T09:44:00.000Z', true],
    ['closed 14 minutes ago', 'closed', '2026-11-20T09:46:00.000Z', false],
    ['active, past its planned end', 'active', '2026-11-01T00:00:00.000Z', false],
  ] as const)('%s', (_, state, end, settled) => {
    expect(isSettled({ ...window, state, end }, new Date('2026-11-20T10:00:00.000Z'))).toBe(settled);
  });
});

describe('teamSettingOf (read defensively: the setting may be missing or malformed)', () => {
  it.each([
    [undefined, { source: 'worklog-authors' }],
    [null, { source: 'worklog-authors' }],
    [{}, { source: 'worklog-authors' }],
    [{ capacityTeam: { source: 'worklog-authors' } }, { source: 'worklog-authors' }],
    [{ capacityTeam: { source: 'group', groupName: ' shop-developers ' } }, { source: 'group', groupName: 'shop-developers' }],
    [{ capacityTeam: { source: 'group', groupName: '' } }, { source: 'worklog-authors' }],
    [{ capacityTeam: { source: 'group', groupName: 42 } }, { source: 'worklog-authors' }],
    [{ capacityTeam: 'everyone' }, { source: 'worklog-authors' }],
  ])('%j', (config, team) => {
    expect(teamSettingOf(config)).toEqual(team);
  });
});

describe('changesFacts: which issue changes can move a figure', () => {
  it.each([
    [[{ field: 'Sprint', fieldId: 'customfield_10020' }], true],
    [[{ field: 'resolution', fieldId: 'resolution' }], true],
    [[{ field: 'Story Points', fieldId: 'customfield_10042' }], true],
    [[{ field: 'labels', fieldId: 'labels' }], true],
    [[{ field: 'IssueParentAssociation' }], true],
    [[{ field: 'status', fieldId: 'status' }], false],
    [[{ field: 'description', fieldId: 'description' }, { field: 'assignee', fieldId: 'assignee' }], false],
    [[], false],
  ])('%j → %s', (items, changes) => {
    expect(changesFacts(items)).toBe(changes);
  });
});
