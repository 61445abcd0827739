/**
 * Who is on call, from a project's rotation: at one moment (the report panel's "On call now"), and as
 * shares of a window (the capacity gadget's planning treats the on-call person as away for their
 * share of the sprint). Pure: the moment, the window and the board's sprints come in as arguments.
 *
 * A rotation's times are wall-clock in its own zone ("Monday 09:00 in Berlin"), so a weekly handover
 * stays at 09:00 across a DST change: that week is 167 or 169 hours long, as the team lives it.
 */
import { LOCAL_DATE_TIME, type OnCallRotation } from '../../contract/on-call.values';

export type { OnCallRotation, OnCallSwap } from '../../contract/on-call.values';

export interface SprintWindow {
  readonly start: string;
  readonly end: string;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const known = formatters.get(timeZone);
  if (known !== undefined) return known;
  let made: Intl.DateTimeFormat;
  try {
    made = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    // The contract refuses unknown zones on save; one stored before a runtime dropped it reads as UTC.
    made = formatterFor('UTC');
  }
  formatters.set(timeZone, made);
  return made;
}

/** The zone's offset from UTC at an instant (Berlin in summer: +2 h), from `Intl`'s own tables. */
function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(whole))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, (parts['hour'] ?? 0) % 24, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall - whole;
}

/** Wall-clock fields (as a UTC timestamp) → the instant in `timeZone`. A time a DST jump skips resolves to the later offset. */
function wallToInstant(wall: number, timeZone: string): number {
  const first = offsetMs(wall, timeZone);
  const instant = wall - first;
  const second = offsetMs(instant, timeZone);
  return second === first ? instant : wall - second;
}

/** `YYYY-MM-DDTHH:mm` as wall-clock fields in a UTC timestamp; NaN when malformed. */
function wallOf(local: string): number {
  const match = LOCAL_DATE_TIME.exec(local);
  if (match === null) return Number.NaN;
  const [, y, mo, d, h, mi] = match.map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

/** A wall-clock time in the rotation's zone as an instant (ms); NaN when malformed. */
const instantOf = (local: string, timeZone: string): number => {
  const wall = wallOf(local);
  return Number.isNaN(wall) ? Number.NaN : wallToInstant(wall, timeZone);
};

/** One stretch of time with one person on call (`null`: nobody, before the rotation starts). */
interface Segment {
  readonly from: number;
  readonly to: number;
  readonly accountId: string | null;
}

/** The rotation's own shifts (swaps not applied) overlapping [from, to), clipped to it. */
function baseShifts(rotation: OnCallRotation, from: number, to: number, sprints: readonly SprintWindow[]): Segment[] {
  const { people, timeZone } = rotation;
  const start = instantOf(rotation.startsAt, timeZone);
  if (people.length === 0 || Number.isNaN(start)) return [{ from, to, accountId: null }];
  const personAt = (turn: number): string => people[turn % people.length] ?? '';
  const segments: Segment[] = [];
  const push = (segmentFrom: number, segmentTo: number, accountId: string | null) => {
    const clippedFrom = Math.max(segmentFrom, from);
    const clippedTo = Math.min(segmentTo, to);
    if (clippedFrom < clippedTo) segments.push({ from: clippedFrom, to: clippedTo, accountId });
  };

  if (rotation.shift.length === 'week') {
    const startWall = wallOf(rotation.startsAt);
    const shiftStart = (turn: number) => wallToInstant(startWall + turn * WEEK_MS, timeZone);
    push(from, start, null);
    // Estimated from elapsed time, then corrected by at most a step either way (a DST hour).
    let turn = Math.max(0, Math.floor((Math.max(from, start) - start) / WEEK_MS));
    while (turn > 0 && shiftStart(turn) > from) turn -= 1;
    while (shiftStart(turn + 1) <= from) turn += 1;
    for (; shiftStart(turn) < to; turn += 1) push(shiftStart(turn), shiftStart(turn + 1), personAt(turn));
    return segments;
  }

  // A sprint shift runs from its sprint's start until the next sprint's start: between sprints the
  // last person stays on call, since nobody hands over until the next sprint begins.
  const starts = [...new Set(sprints.map((sprint) => Date.parse(sprint.start)).filter((ms) => !Number.isNaN(ms) && ms >= start))].sort((a, b) => a - b);
  push(from, starts[0] ?? Number.POSITIVE_INFINITY, null);
  starts.forEach((sprintStart, turn) => push(sprintStart, starts[turn + 1] ?? Number.POSITIVE_INFINITY, personAt(turn)));
  return segments;
}

/**
 * Who is on call through [from, to): the shifts, split wherever a swap starts or ends, each swap
 * applied in the order the settings list them (so "B covers for A", then "C covers for B" chains).
 * Neighbouring stretches with the same person are joined.
 */
function onCallSegments(rotation: OnCallRotation, from: number, to: number, sprints: readonly SprintWindow[]): Segment[] {
  const swaps = rotation.swaps
    .map((swap) => ({ ...swap, fromMs: instantOf(swap.from, rotation.timeZone), toMs: instantOf(swap.to, rotation.timeZone) }))
    .filter((swap) => swap.fromMs < swap.toMs);
  const edges = swaps.flatMap((swap) => [swap.fromMs, swap.toMs]).filter((edge) => edge > from && edge < to);
  const joined: Segment[] = [];
  for (const shift of baseShifts(rotation, from, to, sprints)) {
    const cuts = [shift.from, ...edges.filter((edge) => edge > shift.from && edge < shift.to).sort((a, b) => a - b), shift.to];
    for (let index = 0; index + 1 < cuts.length; index += 1) {
      const pieceFrom = cuts[index] ?? shift.from;
      const pieceTo = cuts[index + 1] ?? shift.to;
      if (pieceFrom >= pieceTo) continue;
      let accountId = shift.accountId;
      for (const swap of swaps) if (accountId === swap.coveredFor && swap.fromMs <= pieceFrom && pieceFrom < swap.toMs) accountId = swap.covering;
      const last = joined.at(-1);
      if (last !== undefined && last.accountId === accountId && last.to === pieceFrom) joined[joined.length - 1] = { ...last, to: pieceTo };
      else joined.push({ from: pieceFrom, to: pieceTo, accountId });
    }
  }
  return joined;
}

/** Who is on call at `at` (ISO), swaps applied; `null` with no rotation, before it starts, or (sprint shifts) before its first sprint. */
export function onCallAt(rotation: OnCallRotation, at: string, sprints: readonly SprintWindow[] = []): { accountId: string } | null {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return null;
  const accountId = onCallSegments(rotation, ms, ms + 1, sprints)[0]?.accountId ?? null;
  return accountId === null ? null : { accountId };
}

/** How far ahead "until" is looked for: past it, a stretch reads as open-ended (a one-person rotation). */
const UNTIL_HORIZON_MS = 400 * DAY_MS;

/**
 * Who is on call at `at` and until when they hand over (swaps applied; ISO, `null` when no handover
 * is in sight: a one-person rotation, or the last known sprint of a sprint rotation).
 */
export function onCallStretchAt(rotation: OnCallRotation, at: string, sprints: readonly SprintWindow[] = []): { accountId: string; until: string | null } | null {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return null;
  const [current] = onCallSegments(rotation, ms, ms + UNTIL_HORIZON_MS, sprints);
  if (current?.accountId === null || current === undefined) return null;
  return { accountId: current.accountId, until: current.to >= ms + UNTIL_HORIZON_MS || !Number.isFinite(current.to) ? null : new Date(current.to).toISOString() };
}

/**
 * The share of `window` (0..1) each person is on call, swaps applied, largest first (ties by who
 * came on first). Time before the rotation starts belongs to nobody, so shares may sum to less than 1.
 */
export function onCallShares(rotation: OnCallRotation, window: { start: string; end: string }, sprints: readonly SprintWindow[] = []): Array<{ accountId: string; share: number }> {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return [];
  const held = new Map<string, number>();
  for (const segment of onCallSegments(rotation, start, end, sprints)) {
    if (segment.accountId !== null) held.set(segment.accountId, (held.get(segment.accountId) ?? 0) + (segment.to - segment.from));
  }
  return [...held.entries()].map(([accountId, ms]) => ({ accountId, share: ms / (end - start) })).sort((a, b) => b.share - a.share);
}
