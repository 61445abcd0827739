/**
 * The on-call rotation and the capacity gadget's team, as project settings hold them; free of zod so
 * the settings page checks a draft with the very sentences the backend refuses a save with.
 */

/** Who covers for whom, and when: "from … to …, `covering` covers for `coveredFor`". */
export interface OnCallSwap {
  /** Wall-clock start in the rotation's zone, `YYYY-MM-DDTHH:mm`. */
  readonly from: string;
  /** Wall-clock end (exclusive) in the rotation's zone. */
  readonly to: string;
  /** Account id of the person on call instead. */
  readonly covering: string;
  /** Account id of the person whose shift it would have been. */
  readonly coveredFor: string;
}

export type OnCallShift = { readonly length: 'week' } | { readonly length: 'sprint'; readonly boardId: number };

/**
 * People on call in turn, one shift each: a week from `startsAt` (handing over at the same wall-clock
 * time, so a DST change moves no handover), or a sprint of one board (the first sprint that starts
 * at or after `startsAt` is the first person's). Times are wall-clock in `timeZone`, the team's zone,
 * because "Monday 09:00" is what a team agrees on.
 */
export interface OnCallRotation {
  /** Account ids in order; a person may appear more than once, never twice in a row. Empty: no rotation. */
  readonly people: readonly string[];
  readonly shift: OnCallShift;
  /** Wall-clock start of the first shift, `YYYY-MM-DDTHH:mm`. */
  readonly startsAt: string;
  /** IANA zone the wall-clock times are read in. */
  readonly timeZone: string;
  readonly swaps: readonly OnCallSwap[];
}

/** Who the capacity gadget counts as the team. */
export type CapacityTeam = { readonly source: 'worklog-authors' } | { readonly source: 'group'; readonly groupName: string };

export const DEFAULT_CAPACITY_TEAM: CapacityTeam = { source: 'worklog-authors' };

export const ON_CALL_LIMITS = { people: 20, swaps: 50, swapDays: 92 } as const;

/** A wall-clock time as `datetime-local` inputs give it. */
export const LOCAL_DATE_TIME = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d)$/;

export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** One thing to fix, at a path under `onCall` (`people.2`, `swaps.0.to`). */
export interface OnCallProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const wallMs = (local: string): number => {
  const match = LOCAL_DATE_TIME.exec(local);
  if (match === null) return Number.NaN;
  const [, y, mo, d, h, mi] = match.map(Number);
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // 30 February rolls over to March in Date.UTC: a day the month does not have is no date.
  return new Date(ms).getUTCDate() === d ? ms : Number.NaN;
};

const DAY_MS = 86_400_000;

/**
 * What is wrong with a rotation, in sentences that say what to fix. `nameOf` turns an account id into
 * the name a person reads (the settings page knows names; the backend falls back to positions).
 */
export function onCallProblems(rotation: OnCallRotation, nameOf: (accountId: string) => string = () => 'The same person'): OnCallProblem[] {
  const problems: OnCallProblem[] = [];
  const { people, swaps } = rotation;
  if (people.length > ON_CALL_LIMITS.people) problems.push({ path: ['people'], message: `A rotation holds at most ${String(ON_CALL_LIMITS.people)} people; remove ${String(people.length - ON_CALL_LIMITS.people)}.` });
  // A person may take several turns, but never two in a row: that is one long shift, most likely a slip.
  if (people.length > 1) {
    people.forEach((accountId, index) => {
      const next = (index + 1) % people.length;
      if (people[next] === accountId && next !== index)
        problems.push({
          path: ['people', next],
          message:
            next === 0
              ? `${nameOf(accountId)} is last and first in the order, so on call twice in a row: move one of their turns.`
              : `${nameOf(accountId)} is on call twice in a row (turns ${String(index + 1)} and ${String(next + 1)}): put someone between them or remove one.`,
        });
    });
  }
  if (Number.isNaN(wallMs(rotation.startsAt))) problems.push({ path: ['startsAt'], message: 'Enter when the first shift starts, as a date and time.' });
  if (!isKnownTimeZone(rotation.timeZone)) problems.push({ path: ['timeZone'], message: `“${rotation.timeZone}” is not a time zone Firebreak knows; choose one from the list.` });
  if (swaps.length > ON_CALL_LIMITS.swaps) problems.push({ path: ['swaps'], message: `At most ${String(ON_CALL_LIMITS.swaps)} swaps fit; remove the ones that are over.` });
  swaps.forEach((swap, index) => {
    const at = (field: string) => ['swaps', index, field];
    const which = `Swap ${String(index + 1)}`;
    const from = wallMs(swap.from);
    const to = wallMs(swap.to);
    if (Number.isNaN(from)) problems.push({ path: at('from'), message: `${which}: enter when it starts, as a date and time.` });
    if (Number.isNaN(to)) problems.push({ path: at('to'), message: `${which}: enter when it ends, as a date and time.` });
    if (!Number.isNaN(from) && !Number.isNaN(to)) {
      if (to <= from) problems.push({ path: at('to'), message: `${which}: it must end after it starts.` });
      else if (to - from > ON_CALL_LIMITS.swapDays * DAY_MS) problems.push({ path: at('to'), message: `${which}: a swap lasts at most ${String(ON_CALL_LIMITS.swapDays)} days; change the order instead for longer.` });
      const start = wallMs(rotation.startsAt);
      if (!Number.isNaN(start) && to <= start) problems.push({ path: at('to'), message: `${which}: it ends before the rotation starts, so it would change nothing.` });
    }
    if (swap.covering === '') problems.push({ path: at('covering'), message: `${which}: choose who covers.` });
    if (swap.coveredFor === '') problems.push({ path: at('coveredFor'), message: `${which}: choose whose shift is covered.` });
    else if (!people.includes(swap.coveredFor)) problems.push({ path: at('coveredFor'), message: `${which}: the person covered for is not in the rotation; choose someone who is.` });
    if (swap.covering !== '' && swap.covering === swap.coveredFor) problems.push({ path: at('covering'), message: `${which}: someone cannot cover for themselves; choose another person.` });
  });
  return problems;
}

/** An Atlassian account id as Jira gives them ("5b10ac8d82e05b22cc7d4ef5", "557058:f58131cb-…"): nothing that could be a path or a clause. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9:_-]{1,128}$/;

/** The capacity team's group name rules, shared by the page and the contract. */
export const GROUP_NAME_MAX = 255;
