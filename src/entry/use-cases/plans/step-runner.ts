import { isJiraError } from '../../../jira/jira-error';
import { isPassing, reasonOf } from './plan-steps';

/** What a step answers when another attempt is doing it right now. */
export const PENDING = Symbol('pending');

/**
 * One step of a plan, in words a person reads: `todo` before it ran ("move it to Waiting for
 * reporter"), and what `run` answers once it did something ("moved to Waiting for reporter"), or
 * null when there was nothing to say, or `PENDING`.
 */
export interface PlanStep {
  readonly todo: string;
  readonly run: () => Promise<string | null | typeof PENDING>;
}

export type StepsOutcome =
  | { readonly kind: 'finished'; readonly said: readonly string[] }
  /** A step met a failure that passes with time (429, 5xx), or another attempt is at it: the plan stays running. */
  | { readonly kind: 'unfinished'; readonly said: readonly string[]; readonly notYet: readonly string[]; readonly reason: string }
  /** Jira refused a step for good (403, 400…); the caller undoes the plan. */
  | { readonly kind: 'refused'; readonly said: readonly string[]; readonly refused: string; readonly reason: string };

/**
 * Runs the steps in order, stopping at the first that fails, and says how far it got. Jira
 * failures become the outcome; anything else propagates.
 */
export const runSteps = async (steps: readonly PlanStep[]): Promise<StepsOutcome> => {
  const said: string[] = [];
  for (const [index, step] of steps.entries()) {
    let result: string | null | typeof PENDING;
    try {
      result = await step.run();
    } catch (error) {
      if (isPassing(error)) return { kind: 'unfinished', said, notYet: steps.slice(index).map((remaining) => remaining.todo), reason: reasonOf(error) };
      if (!isJiraError(error)) throw error;
      return { kind: 'refused', said, refused: step.todo, reason: reasonOf(error) };
    }
    if (result === PENDING) return { kind: 'unfinished', said, notYet: steps.slice(index).map((remaining) => remaining.todo), reason: 'another attempt is still at it' };
    if (result !== null) said.push(result);
  }
  return { kind: 'finished', said };
};

/** "a, b and c". */
export const listInWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
