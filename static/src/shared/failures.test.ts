import { describe, expect, it } from 'vitest';

import { describeChangeFailure, isRetryable } from './failures';

const onlyReason = (path: string | undefined) => (path === 'reason' ? 'reason' : undefined);

describe('describeChangeFailure', () => {
  it('.ui: marks a field the screen shows on TOO_LARGE and INVALID_INPUT, keeping the backend sentence', () => {
    expect(describeChangeFailure({ code: 'INVALID_INPUT', message: 'Say why.', field: 'reason' }, onlyReason, 'c')).toEqual({
      kind: 'field',
      field: 'reason',
      message: 'Say why.',
    });
    expect(describeChangeFailure({ code: 'TOO_LARGE', message: 'Too long.', field: 'reason' }, onlyReason, 'c').kind).toBe('field');
  });

  it('shows a banner for a field the screen does not show', () => {
    expect(describeChangeFailure({ code: 'INVALID_INPUT', message: 'Bad key.', field: 'issueKey' }, onlyReason, 'c')).toEqual({ kind: 'banner', message: 'Bad key.' });
  });

  it('uses the screen’s own words for a conflict, and the backend sentence for FORBIDDEN', () => {
    expect(describeChangeFailure({ code: 'CONFLICT', message: 'revision mismatch' }, onlyReason, 'Reloaded.')).toEqual({ kind: 'conflict', message: 'Reloaded.' });
    expect(describeChangeFailure({ code: 'FORBIDDEN', message: 'No.' }, onlyReason, 'c')).toEqual({ kind: 'forbidden', message: 'No.' });
  });

  it.each(['RATE_LIMITED', 'JIRA_UNAVAILABLE', 'INTERNAL', 'NOT_FOUND'] as const)('shows %s as a banner', (code) => {
    expect(describeChangeFailure({ code, message: 'Sentence.' }, onlyReason, 'c')).toEqual({ kind: 'banner', message: 'Sentence.' });
  });
});

describe('isRetryable', () => {
  it('offers a retry only for failures that can pass on their own', () => {
    expect(isRetryable({ code: 'JIRA_UNAVAILABLE', message: 'x' })).toBe(true);
    expect(isRetryable({ code: 'FORBIDDEN', message: 'x' })).toBe(false);
    expect(isRetryable({ code: 'NOT_FOUND', message: 'x' })).toBe(false);
  });
});
