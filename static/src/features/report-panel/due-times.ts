import { wordElapsedSeconds } from '@contract/duration-words';
import type { ReportView } from '@contract/report.contract';

import { type ViewerClock, formatWhen, formatWhenFromNow } from '../../shared/time';

/** One due time as the panel shows it; `overdue` is shown in red, `met` with a tick, `late` as met after its time. */
export interface DueLine {
  readonly id: 'response' | 'update';
  readonly tone: 'due' | 'overdue' | 'met' | 'late';
  readonly text: string;
}

const secondsBetween = (fromIso: string, to: Date): number => (to.getTime() - Date.parse(fromIso)) / 1000;

/**
 * The first-response and next-update due times of the applied policy, worded for the viewer:
 * "First response due 14:15 (in 12 min)", "Next update overdue by 20 minutes (due 14:45)", "First
 * response given 14:05, in time". Pure: `now` and the viewer's clock come in.
 */
export function describeDueTimes(due: ReportView['dueTimes'], now: Date, viewer: ViewerClock): readonly DueLine[] {
  if (due === null) return [];
  const lines: DueLine[] = [responseLine(due, now, viewer)];
  if (due.nextUpdateDueAt !== null) lines.push(updateLine(due.nextUpdateDueAt, now, viewer));
  return lines;
}

function responseLine(due: NonNullable<ReportView['dueTimes']>, now: Date, viewer: ViewerClock): DueLine {
  const dueAt = formatWhen(due.responseDueAt, now, viewer);
  if (due.firstResponseAt !== null) {
    const late = secondsBetween(due.responseDueAt, new Date(due.firstResponseAt));
    const given = formatWhen(due.firstResponseAt, now, viewer);
    return late > 0
      ? { id: 'response', tone: 'late', text: `First response given ${given}, ${wordElapsedSeconds(late)} after it was due (${dueAt})` }
      : { id: 'response', tone: 'met', text: `First response met: given ${given}, due ${dueAt}` };
  }
  const overdue = secondsBetween(due.responseDueAt, now);
  return overdue > 0
    ? { id: 'response', tone: 'overdue', text: `First response overdue by ${wordElapsedSeconds(overdue)} (due ${dueAt})` }
    : { id: 'response', tone: 'due', text: `First response due ${formatWhenFromNow(due.responseDueAt, now, viewer)}` };
}

function updateLine(nextUpdateDueAt: string, now: Date, viewer: ViewerClock): DueLine {
  const overdue = secondsBetween(nextUpdateDueAt, now);
  return overdue > 0
    ? { id: 'update', tone: 'overdue', text: `Next update overdue by ${wordElapsedSeconds(overdue)} (due ${formatWhen(nextUpdateDueAt, now, viewer)})` }
    : { id: 'update', tone: 'due', text: `Next update due ${formatWhenFromNow(nextUpdateDueAt, now, viewer)}` };
}
