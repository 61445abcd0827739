import { describe, expect, it } from 'vitest';

import { describeFiledActionIssue, type FiledActionIssue } from './action-issue';

const filed = (overrides: Partial<FiledActionIssue> = {}): FiledActionIssue => ({
  issueKey: 'OPS-12',
  projectKey: 'OPS',
  issueType: 'Task',
  refused: [],
  asked: { label: 'postmortem-action', dueDate: '2026-12-04', owner: 'Devon Park' },
  linkFailure: null,
  ...overrides,
});

const offScreen = (field: FiledActionIssue['refused'][number]['field']) => ({ field, notOnScreen: true, message: `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.` });

describe('describeFiledActionIssue', () => {
  it('says nothing when Jira took every field and the link holds', () => {
    expect(describeFiledActionIssue(filed())).toBeNull();
  });

  it('names each field the create screen lacks and what was therefore not set', () => {
    expect(describeFiledActionIssue(filed({ refused: [offScreen('labels'), offScreen('duedate')] }))).toBe(
      'Filed OPS-12. Jira’s create screen for Task in OPS has no Labels field, so the label “postmortem-action” was not set. It has no Due date field either, so the due date 2026-12-04 was not set.',
    );
  });

  it('quotes Jira when it refused a value rather than the field', () => {
    expect(describeFiledActionIssue(filed({ refused: [{ field: 'assignee', notOnScreen: false, message: "User 'acc-x' cannot be assigned issues." }] }))).toBe(
      'Filed OPS-12. Jira did not accept the owner Devon Park (“User \'acc-x\' cannot be assigned issues.”), so it was not set.',
    );
  });

  it('says the issue exists and the link does not, and what to do', () => {
    expect(describeFiledActionIssue(filed({ linkFailure: { incident: 'SHOP-121', reason: 'HTTP 403: You do not have the permission to link issues.' } }))).toBe(
      'Filed OPS-12, but Jira did not link it to SHOP-121 (HTTP 403: You do not have the permission to link issues). The issue exists and this action points to it; open OPS-12 in Jira and link it to SHOP-121 (“relates to”).',
    );
  });
});
