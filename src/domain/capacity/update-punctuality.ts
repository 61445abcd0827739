/**
 * On-time stakeholder updates (issue 16, part: updates) for the capacity gadget's health view: of
 * the updates an incident owed its stakeholders, how many went out by the time they were due. Pure:
 * the caller brings the decision, the level's cadence, the updates Jira sent and when counting ends.
 *
 * The due times are the app's own chain, the one its reminders follow: the first a cadence after the
 * decision, each later one the time the previous update promised ("Next update by 14:30"). Each sent
 * update answers the due time in force when it went out, on time if sent at or before it. A due time
 * still in force when the incident was resolved (or now, while it is open) and already past was
 * missed: it counts as due, not on time. A due time the reminders have not reached is not counted, so
 * an incident open for a week is not charged a missed update for every cadence step since: the app
 * reminds once per due time, and stakeholders were promised one update at a time.
 */

/** A stakeholder update Jira sent (written or "Nothing new"; the closing update answers no due time). */
export interface SentUpdate {
  readonly at: string;
  /** The next update time this one promised; null when it promised none. */
  readonly nextDueAt: string | null;
}

export interface PunctualityInput {
  /** When the severity in force was decided (the applied policy in app storage). */
  readonly decisionAt: string;
  readonly cadenceMinutes: number;
  readonly updates: readonly SentUpdate[];
  /** When counting stops: the incident's resolution, or now while it is open. */
  readonly endAt: string;
}

export interface Punctuality {
  /** Due times that came: each one an update answered, and the last one if it passed unanswered. */
  readonly due: number;
  /** Updates sent at or before the due time they answered. */
  readonly onTime: number;
  /** Updates sent after the due time they answered. */
  readonly late: number;
  /** 1 when the last due time passed with no update before the end; else 0. */
  readonly missed: number;
}

const addMinutes = (iso: string, minutes: number): number => Date.parse(iso) + minutes * 60_000;

export const updatePunctuality = (input: PunctualityInput): Punctuality => {
  let due = addMinutes(input.decisionAt, input.cadenceMinutes);
  let onTime = 0;
  let late = 0;
  const sent = [...input.updates].filter((update) => !Number.isNaN(Date.parse(update.at))).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const update of sent) {
    const at = Date.parse(update.at);
    if (at <= due) onTime += 1;
    else late += 1;
    const promised = update.nextDueAt === null ? Number.NaN : Date.parse(update.nextDueAt);
    // The chain only moves forward: an update never makes the next one due sooner than the one it answered.
    due = Math.max(Number.isNaN(promised) ? addMinutes(update.at, input.cadenceMinutes) : promised, due);
  }
  const missed = Date.parse(input.endAt) > due ? 1 : 0;
  return { due: onTime + late + missed, onTime, late, missed };
};

/** onTime / due; null when nothing was due (never "0 %" for nothing). */
export const punctualityShare = ({ due, onTime }: Pick<Punctuality, 'due' | 'onTime'>): number | null => (due === 0 ? null : onTime / due);
