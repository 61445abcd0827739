import {
  FIVE_QUESTIONS as CONTRACT_QUESTIONS,
  POSTMORTEM_STATUSES as CONTRACT_STATUSES,
  actionItemSchema,
  createActionIssuePayloadSchema,
  postmortemSchema,
  remediationItemSchema,
} from '@contract/postmortem.contract';
import { describe, expect, it } from 'vitest';

import { FIVE_QUESTIONS, ITEM_ID_PATTERN, POSTMORTEM_LIMITS, POSTMORTEM_STATUSES, REMEDIATION_PRIORITIES } from './postmortem';

describe('copies of the postmortem contract (kept to keep zod out of the UI bundle)', () => {
  it('match the statuses and the five questions, in order', () => {
    expect(POSTMORTEM_STATUSES).toEqual(CONTRACT_STATUSES);
    expect(FIVE_QUESTIONS).toEqual(CONTRACT_QUESTIONS);
  });

  it('match the remediation priorities', () => {
    expect(REMEDIATION_PRIORITIES).toEqual(remediationItemSchema.shape.priority.options);
  });

  it('match the limits the editor checks', () => {
    const ok = (length: number) => postmortemSchema.shape.title.safeParse('x'.repeat(length)).success;
    expect(ok(POSTMORTEM_LIMITS.title)).toBe(true);
    expect(ok(POSTMORTEM_LIMITS.title + 1)).toBe(false);
    expect(postmortemSchema.shape.summary.safeParse('x'.repeat(POSTMORTEM_LIMITS.longText + 1)).success).toBe(false);
    expect(postmortemSchema.shape.artifacts.safeParse(Array.from({ length: POSTMORTEM_LIMITS.artifacts + 1 }, () => ({ label: 'a', url: 'https://x.test' }))).success).toBe(false);
    const users = postmortemSchema.shape.impact.shape.usersAffected;
    expect(users.safeParse(POSTMORTEM_LIMITS.usersAffected).success).toBe(true);
    expect(users.safeParse(POSTMORTEM_LIMITS.usersAffected + 1).success).toBe(false);
  });

  it('makes action ids the createActionIssue payload accepts', () => {
    for (const id of ['a-mbx1', 'r-1-2', 'x'.repeat(40)]) {
      expect(ITEM_ID_PATTERN.test(id)).toBe(createActionIssuePayloadSchema.shape.actionId.safeParse(id).success);
    }
    expect(ITEM_ID_PATTERN.test('A_1')).toBe(false);
    expect(actionItemSchema.shape.id.safeParse('a-mbx1').success).toBe(true);
  });
});
