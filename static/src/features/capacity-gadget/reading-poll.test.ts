import type { CapacityView } from '@contract/capacity.contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { generateCapacityView } from '../../shared/testing/capacity-view.factory';
import { type GadgetAction, type GadgetState, initialGadgetState, reduceGadget } from './capacity-gadget.state';
import { POLL_FIRST_MS, POLL_MAX_MS, type Reading, ReadingPoller, pollDelay, readingFailedTitle, readingLabel, readingValueText } from './reading-poll';

const running = (done: number, total = 7, extra: Partial<Reading> = {}): Reading => ({ status: 'running', done, total, failed: 0, reason: null, issues: 35_000, startedAt: '2026-11-20T10:00:00.000Z', ...extra });

/** A poller whose asks (those in flight, in `asks`) the test answers by hand, as the gadget's state would after each compute. */
const harness = () => {
  const asks: Array<() => void> = [];
  let hidden = false;
  const poller = new ReadingPoller({
    ask: () => new Promise<void>((resolve) => asks.push(resolve)),
    isHidden: () => hidden,
  });
  /** Answers the oldest ask with `reading` (the state shows it, then the poller hears of it). */
  const answer = async (reading: Reading | null): Promise<void> => {
    asks.shift()?.();
    await Promise.resolve();
    poller.track(reading);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { poller, asks, answer, hide: (value: boolean) => (hidden = value) };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollDelay', () => {
  it.each([
    [0, POLL_FIRST_MS],
    [1, 7_500],
    [2, 11_250],
    [4, 25_313],
    [5, POLL_MAX_MS],
    [50, POLL_MAX_MS],
    [-3, POLL_FIRST_MS],
  ])('after %i answers without progress waits %i ms', (stalled, delay) => {
    expect(pollDelay(stalled)).toBe(delay);
  });
});

describe('ReadingPoller', () => {
  it('asks 5 s after a running read, and again each time the job moved, until the figures come', async () => {
    const { poller, asks, answer } = harness();
    poller.track(running(0));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS - 1);
    expect(asks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(asks).toHaveLength(1);

    await answer(running(1));
    expect(asks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(asks).toHaveLength(1);

    await answer(null);
    await vi.advanceTimersByTimeAsync(10 * POLL_MAX_MS);
    expect(asks).toHaveLength(0);
    expect(poller.armed).toBe(false);
  });

  it('keeps one request in flight, however long its answer takes', async () => {
    const { poller, asks } = harness();
    poller.track(running(0));
    await vi.advanceTimersByTimeAsync(10 * POLL_MAX_MS);
    expect(asks).toHaveLength(1);
  });

  it('waits longer each time the job did not move, up to 30 s, and 5 s again once it moves', async () => {
    const { poller, asks, answer } = harness();
    poller.track(running(2));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    await answer(running(2));
    await vi.advanceTimersByTimeAsync(7_499);
    expect(asks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(asks).toHaveLength(1);
    for (let stalled = 2; stalled <= 6; stalled += 1) {
      await answer(running(2));
      await vi.advanceTimersByTimeAsync(pollDelay(stalled));
      expect(asks).toHaveLength(1);
    }
    await answer(running(3));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(asks).toHaveLength(1);
  });

  it('treats the same answer seen twice (a re-render) as one', async () => {
    const { poller, asks } = harness();
    const reading = running(0);
    poller.track(reading);
    poller.track(reading);
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(asks).toHaveLength(1);
  });

  it('stops on a failed run: nothing is asked until the person tries again', async () => {
    const { poller, asks } = harness();
    poller.track(running(3));
    poller.track({ ...running(7), status: 'failed', failed: 2, reason: 'Jira answered 503.' });
    await vi.advanceTimersByTimeAsync(10 * POLL_MAX_MS);
    expect(asks).toHaveLength(0);
    poller.track(running(0, 7, { startedAt: '2026-11-20T10:05:00.000Z' }));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(asks).toHaveLength(1);
  });

  it('asks nothing while the page is hidden, and once as soon as it shows again', async () => {
    const { poller, asks, hide } = harness();
    poller.track(running(1));
    hide(true);
    poller.visibilityChanged();
    await vi.advanceTimersByTimeAsync(10 * POLL_MAX_MS);
    expect(asks).toHaveLength(0);
    hide(false);
    poller.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(asks).toHaveLength(1);
    // Shown again while the ask is in flight: still one.
    poller.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(asks).toHaveLength(1);
  });

  it('does not ask once the gadget went away, even with an answer arriving after', async () => {
    const { poller, asks, answer } = harness();
    poller.track(running(0));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    poller.stop();
    await answer(running(1));
    await vi.advanceTimersByTimeAsync(10 * POLL_MAX_MS);
    expect(asks).toHaveLength(0);
  });

  it('stops when an ask fails without an answer', async () => {
    const poller = new ReadingPoller({ ask: vi.fn().mockRejectedValue(new Error('the bridge went away')), isHidden: () => false });
    poller.track(running(0));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(poller.armed).toBe(false);
  });

  it('re-arms from what it knows when the answer was shown before the ask settled', async () => {
    const { poller, asks } = harness();
    poller.track(running(0));
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    poller.track(running(1));
    asks.shift()?.();
    await vi.advanceTimersByTimeAsync(POLL_FIRST_MS);
    expect(asks).toHaveLength(1);
  });
});

describe('the words of the bar', () => {
  it.each([
    [running(0), undefined, 'Reading sprint 1 of 7 from Jira…', '0 of 7 sprints read'],
    [running(2), undefined, 'Reading sprint 3 of 7 from Jira…', '2 of 7 sprints read'],
    [running(7), undefined, 'Reading sprint 7 of 7 from Jira…', '7 of 7 sprints read'],
    [running(0, 1), undefined, 'Reading sprint 1 of 1 from Jira…', '0 of 1 sprint read'],
    [running(4, 7, { failed: 1 }), undefined, 'Reading sprint 5 of 7 from Jira… (1 could not be read)', '4 of 7 sprints read'],
    [running(1_233, 1_500), 'de-DE', 'Reading sprint 1.234 of 1.500 from Jira…', '1.233 of 1.500 sprints read'],
  ])('%o in %s', (reading, locale, label, valueText) => {
    expect(readingLabel(reading, locale)).toBe(label);
    expect(readingValueText(reading, locale)).toBe(valueText);
  });

  it('names what failed', () => {
    expect(readingFailedTitle({ ...running(7), status: 'failed', failed: 2 })).toBe('Firebreak could not read 2 of 7 sprints from Jira.');
  });
});

describe('reduceGadget while the background read runs', () => {
  const reading: CapacityView = generateCapacityView({ sprint: null, trend: [], empty: 'This board’s sprints are large…', reading: running(1) });
  const figures = generateCapacityView();
  const run = (actions: readonly GadgetAction[], from: GadgetState = initialGadgetState('time')): GadgetState => actions.reduce(reduceGadget, from);
  const computed = (seq: number, data: CapacityView): GadgetAction => ({ type: 'computed', seq, result: { ok: true, data } });

  it('keeps the bar on screen while it asks again, then shows the figures', () => {
    const polling = run([computed(0, reading), { type: 'pollStarted', seq: 1 }]);
    expect(polling).toMatchObject({ status: 'ready', seq: 1, refreshing: false, view: reading });
    expect(run([computed(1, figures)], polling)).toMatchObject({ status: 'ready', view: figures });
  });

  it('drops a poll’s answer when the person switched the measure meanwhile', () => {
    const state = run([computed(0, reading), { type: 'pollStarted', seq: 1 }, { type: 'computeStarted', measure: 'points', seq: 2 }, computed(1, figures)]);
    expect(state).toMatchObject({ measure: 'points', refreshing: true, view: reading, seq: 2 });
  });

  it('does not ask over the person’s own request', () => {
    const refreshing = run([computed(0, reading), { type: 'computeStarted', measure: 'time', seq: 1 }]);
    expect(run([{ type: 'pollStarted', seq: 2 }], refreshing)).toBe(refreshing);
  });

  it('says a poll that failed, which stops the polling', () => {
    const failed = run([computed(0, reading), { type: 'pollStarted', seq: 1 }, { type: 'computed', seq: 1, result: { ok: false, error: { code: 'INTERNAL', message: 'Jira did not answer.' } } }]);
    expect(failed).toMatchObject({ status: 'failed' });
  });
});
