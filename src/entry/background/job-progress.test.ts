import { describe, expect, it } from 'vitest';

import type { BackgroundJob } from '../../storage/background-job.store';
import { isRunning, progressOf, recordQueued, recordSlice, RUN_LIFETIME_MS } from './job-progress';

const NOW = new Date('2026-11-30T10:00:00.000Z');

const job = (overrides: Partial<BackgroundJob> = {}): BackgroundJob => ({
  jobId: 'run-1',
  kind: 'test-kind',
  key: 'board-1',
  total: 3,
  done: [],
  failed: [],
  startedAt: '2026-11-30T09:59:00.000Z',
  finishedAt: null,
  forgeJobIds: [],
  ...overrides,
});

describe('recordSlice', () => {
  it.each([
    ['a slice of another run', job(), 'run-0', 0],
    ['an index past the end', job(), 'run-1', 3],
    ['a negative index', job(), 'run-1', -1],
    ['a fractional index', job(), 'run-1', 0.5],
    ['a slice already done (redelivered)', job({ done: [0] }), 'run-1', 0],
    ['a slice already failed', job({ failed: [{ index: 0, reason: 'gone' }] }), 'run-1', 0],
  ])('changes nothing for %s', (_, stored, jobId, index) => {
    expect(recordSlice(stored, jobId, index, { ok: true }, NOW)).toBeUndefined();
  });

  it('counts a slice once and finishes the job with its last slice, failures included', () => {
    const first = recordSlice(job(), 'run-1', 2, { ok: true }, NOW);
    const second = recordSlice(first ?? job(), 'run-1', 0, { ok: false, reason: 'Jira refused' }, NOW);
    const last = recordSlice(second ?? job(), 'run-1', 1, { ok: true }, NOW);

    expect(progressOf(second ?? job())).toMatchObject({ done: 2, total: 3, failed: 1, finishedAt: null });
    expect(progressOf(last ?? job())).toEqual({
      jobId: 'run-1',
      done: 3,
      total: 3,
      failed: 1,
      failures: [{ index: 0, reason: 'Jira refused' }],
      startedAt: '2026-11-30T09:59:00.000Z',
      finishedAt: NOW.toISOString(),
    });
  });
});

describe('recordQueued', () => {
  it('adds the pushes once and fails the slices that never reached the queue', () => {
    const recorded = recordQueued(job({ forgeJobIds: ['push-1'] }), 'run-1', ['push-1', 'push-2'], [{ index: 2, reason: 'not queued' }], NOW);
    expect(recorded).toMatchObject({ forgeJobIds: ['push-1', 'push-2'], failed: [{ index: 2, reason: 'not queued' }] });
    expect(recordQueued(job(), 'run-0', ['push-1'], [], NOW)).toBeUndefined();
  });
});

describe('isRunning', () => {
  it.each([
    ['an unfinished run', job(), true],
    ['a finished run', job({ finishedAt: NOW.toISOString() }), false],
    ['an unfinished run past the retention window', job({ startedAt: new Date(NOW.getTime() - RUN_LIFETIME_MS).toISOString() }), false],
  ])('%s → %s', (_, stored, expected) => {
    expect(isRunning(stored, NOW)).toBe(expected);
  });
});
