import { REPORT_FIELD_LABELS, ENTITY_PROPERTY_MAX_CHARS } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import {
  COPY,
  STEPS_LABEL,
  STEPS_MAX_CHARS,
  describeCharacterCount,
  describeSaveFailure,
  describeUpdater,
  formatRelative,
  isRetryable,
  overLimitMessage,
} from './report-copy';

describe('contract copies', () => {
  it('uses the contract limit and label (copied to keep zod out of the UI bundle)', () => {
    expect(STEPS_MAX_CHARS).toBe(ENTITY_PROPERTY_MAX_CHARS);
    expect(STEPS_LABEL).toBe(REPORT_FIELD_LABELS.stepsToReproduce);
  });
});

describe('describeCharacterCount', () => {
  it('stays hidden well below the limit', () => {
    expect(describeCharacterCount(120).visible).toBe(false);
  });

  it('appears near the limit with thousands separators', () => {
    expect(describeCharacterCount(30_000)).toEqual({ visible: true, over: false, text: '30,000 of 32,768 characters' });
  });

  it('says by how much the text is over the limit', () => {
    expect(describeCharacterCount(32_800)).toEqual({
      visible: true,
      over: true,
      text: '32,800 of 32,768 characters: 32 over the limit',
    });
  });

  it('counts exactly the limit as within it', () => {
    expect(describeCharacterCount(STEPS_MAX_CHARS).over).toBe(false);
    expect(overLimitMessage(STEPS_MAX_CHARS)).toBeNull();
  });

  it('explains what to do when the text is too long', () => {
    expect(overLimitMessage(STEPS_MAX_CHARS + 1)).toMatch(/^This text is 1 character longer .*Shorten it/);
  });
});

describe('describeSaveFailure', () => {
  it('.ui: marks the field on TOO_LARGE and INVALID_INPUT and keeps the backend sentence', () => {
    expect(describeSaveFailure({ code: 'TOO_LARGE', message: 'Too long for Jira.' })).toEqual({ kind: 'field', message: 'Too long for Jira.' });
    expect(describeSaveFailure({ code: 'INVALID_INPUT', message: 'Bad text.', field: 'fields.stepsToReproduce' })).toEqual({
      kind: 'field',
      message: 'Bad text.',
    });
  });

  it('shows a banner for invalid input in a field the person cannot edit', () => {
    expect(describeSaveFailure({ code: 'INVALID_INPUT', message: 'Bad key.', field: 'issueKey' })).toEqual({ kind: 'banner', message: 'Bad key.' });
  });

  it('explains a CONFLICT in its own words', () => {
    expect(describeSaveFailure({ code: 'CONFLICT', message: 'revision mismatch' })).toEqual({ kind: 'conflict', message: COPY.conflict });
  });

  it('stops editing on FORBIDDEN with the backend sentence', () => {
    expect(describeSaveFailure({ code: 'FORBIDDEN', message: 'You need Edit issues.' })).toEqual({ kind: 'forbidden', message: 'You need Edit issues.' });
  });

  it.each(['RATE_LIMITED', 'JIRA_UNAVAILABLE', 'INTERNAL', 'NOT_FOUND'] as const)('shows %s as a banner', (code) => {
    expect(describeSaveFailure({ code, message: 'Sentence.' })).toEqual({ kind: 'banner', message: 'Sentence.' });
  });
});

describe('isRetryable', () => {
  it('offers a retry only for failures that can pass on their own', () => {
    expect(isRetryable({ code: 'JIRA_UNAVAILABLE', message: 'x' })).toBe(true);
    expect(isRetryable({ code: 'FORBIDDEN', message: 'x' })).toBe(false);
    expect(isRetryable({ code: 'NOT_FOUND', message: 'x' })).toBe(false);
  });
});

describe('formatRelative', () => {
  const now = new Date('2025-11-25T12:00:00Z');
  it.each([
    ['2025-11-25T11:59:40Z', 'just now'],
    ['2025-11-25T11:55:00Z', '5 minutes ago'],
    ['2025-11-25T09:00:00Z', '3 hours ago'],
    ['2025-11-24T12:00:00Z', 'yesterday'],
    ['2025-11-11T12:00:00Z', '2 weeks ago'],
  ])('%s → %s', (then, expected) => {
    expect(formatRelative(then, now, 'en-US')).toBe(expected);
  });

  it('returns nothing for an unreadable date instead of "NaN"', () => {
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('describeUpdater', () => {
  it('says "you" for the viewer and never shows a raw account ID', () => {
    expect(describeUpdater('acc-1', 'acc-1')).toBe('you');
    expect(describeUpdater('acc-2', 'acc-1')).toBe('another user');
    expect(describeUpdater('acc-2', undefined)).toBe('another user');
  });
});
