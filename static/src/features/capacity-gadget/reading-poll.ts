import type { CapacityView } from '@contract/capacity.contract';

/**
 * Part "progress" (issue 14): while the background job reads a board's large sprints, the gadget
 * asks `capacity/compute` again on its own until the figures come, so nobody has to press Refresh.
 * The job start behind `capacity/compute` is idempotent (a running job's id comes back and nothing
 * new starts), so asking again only reads how far the job got.
 *
 * The rules, kept out of React so they can be tested with fake timers:
 * - one request in flight at a time; the next is armed only when its answer has been seen;
 * - 5 s between asks while the job moves, half as long again each time it did not, up to 30 s
 *   (a job waiting out a Jira rate limit should not be asked every 5 s for minutes);
 * - nothing while the page is hidden, one ask as soon as it shows again;
 * - it stops when the answer carries figures, a failed run or an error (`track(null)`), and for
 *   good when the gadget goes away (`stop`).
 */
export type Reading = NonNullable<CapacityView['reading']>;

export const POLL_FIRST_MS = 5_000;
export const POLL_MAX_MS = 30_000;

/** The wait before the next ask, after `stalled` answers in a row in which the job did not move. */
export const pollDelay = (stalled: number): number => Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** Math.max(0, stalled)));

export interface ReadingPollerOptions {
  /** Asks `capacity/compute` again; settles once its answer has been handed to the gadget's state. */
  readonly ask: () => Promise<unknown>;
  /** Whether the page is hidden now (`document.visibilityState`). */
  readonly isHidden: () => boolean;
}

export class ReadingPoller {
  private reading: Reading | null = null;
  private stalled = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private stopped = false;

  constructor(private readonly options: ReadingPollerOptions) {}

  /**
   * What the gadget shows now: the view's `reading`, or `null` when there is nothing to wait for
   * (figures, a failure, or the person's own request in flight). The same object twice is one answer.
   */
  track(reading: Reading | null | undefined): void {
    const next = reading?.status === 'running' ? reading : null;
    if (next !== null && next === this.reading) return;
    const previous = this.reading;
    this.reading = next;
    if (next === null) {
      this.stalled = 0;
      this.clear();
      return;
    }
    const moved = previous === null || previous.startedAt !== next.startedAt || previous.done !== next.done;
    this.stalled = moved ? 0 : this.stalled + 1;
    this.arm(pollDelay(this.stalled));
  }

  /** The page was hidden or shown again (`visibilitychange`). */
  visibilityChanged(): void {
    if (this.options.isHidden()) this.clear();
    else if (this.timer === null) this.arm(0);
  }

  /** The gadget went away: nothing is asked any more. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** Whether an ask is waiting for its time (for tests). */
  get armed(): boolean {
    return this.timer !== null;
  }

  private arm(delayMs: number): void {
    this.clear();
    if (this.stopped || this.inFlight || this.reading === null || this.options.isHidden()) return;
    this.timer = setTimeout(() => void this.fire(), delayMs);
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async fire(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.inFlight || this.options.isHidden()) return;
    this.inFlight = true;
    try {
      await this.options.ask();
    } catch {
      // Nothing reached the gadget's state to say so: stop rather than ask on blindly.
      this.reading = null;
    } finally {
      this.inFlight = false;
    }
    // The answer's `track` re-arms when it came while this ask was in flight (or was overtaken by
    // the person's own request, whose answer will): arm from what is known, unless it did already.
    if (!this.armed) this.arm(pollDelay(this.stalled));
  }
}

/** "Reading sprint 3 of 7 from Jira…": the sprint being read, counting from 1. */
export const readingLabel = (reading: Reading, locale?: string): string => {
  const number = new Intl.NumberFormat(locale);
  const current = Math.min(reading.done + 1, reading.total);
  const failed = reading.failed === 0 ? '' : ` (${number.format(reading.failed)} could not be read)`;
  return `Reading sprint ${number.format(current)} of ${number.format(reading.total)} from Jira…${failed}`;
};

/** The progress bar's spoken value: "2 of 7 sprints read". */
export const readingValueText = (reading: Reading, locale?: string): string => {
  const number = new Intl.NumberFormat(locale);
  return `${number.format(reading.done)} of ${number.format(reading.total)} sprint${reading.total === 1 ? '' : 's'} read`;
};

/** The failed run's title: "Firebreak could not read 2 of 7 sprints from Jira." */
export const readingFailedTitle = (reading: Reading, locale?: string): string => {
  const number = new Intl.NumberFormat(locale);
  return `Firebreak could not read ${number.format(reading.failed)} of ${number.format(reading.total)} sprint${reading.total === 1 ? '' : 's'} from Jira.`;
};
