/**
 * The sentences the capacity view adds about one sprint when it has nothing to measure, worded for
 * the sprint's state: an active sprint may still get work ("yet"), a closed one never will, and a
 * planned (future) one has not started. Pure.
 */
import type { CapacityMeasure, SprintWindow } from './capacity';

const EMPTY: Readonly<Record<SprintWindow['state'], Readonly<Record<CapacityMeasure, string>>>> = {
  active: {
    time: 'No time logged in this sprint yet, so there is no share to show.',
    points: 'No estimated issues in this sprint yet, so there is no share to show.',
    count: 'No issues in this sprint yet, so there is no share to show.',
  },
  closed: {
    time: 'No time was logged in this sprint, so it has no share.',
    points: 'No issue in this sprint had story points, so it has no share.',
    count: 'This sprint ended with no issues in it, so it has no share.',
  },
  future: {
    time: 'This sprint has not started, so no time is logged in it yet.',
    points: 'No estimated issues are planned in this sprint yet.',
    count: 'No issues are planned in this sprint yet.',
  },
};

/** Why a sprint with a total of zero in the measure has no share, as its state makes true. */
export const emptyNote = (measure: CapacityMeasure, state: SprintWindow['state']): string => EMPTY[state][measure];
