/**
 * "On-call rotation" (`config.onCall`) as pure functions over the card's draft: people in order (with
 * the names the page knows), the shift length, the start in the team's zone, and swaps. The checks
 * are the contract's own (`onCallProblems`), worded with names.
 */
import type { ProjectConfig, ProjectConfigView } from '@contract/project-config.contract';
import { type OnCallRotation, type OnCallSwap, onCallProblems } from '@contract/on-call.values';

export interface OnCallPerson {
  readonly accountId: string;
  readonly displayName: string;
}

export interface OnCallDraft {
  readonly people: readonly OnCallPerson[];
  readonly shift: 'week' | 'sprint';
  /** The board whose sprints are the shifts, as the select holds it; '' = none chosen. */
  readonly boardId: string;
  readonly startsAt: string;
  readonly timeZone: string;
  readonly swaps: readonly OnCallSwap[];
}

export const ON_CALL_COPY = {
  title: 'On-call rotation',
  intro: 'Who is on call, in turn. The report panel shows who is on call now and lets triagers assign a new production issue to them; the capacity gadget counts the on-call person as away for their share of each sprint. A person may take several turns, never two in a row.',
  unsaved: ' No rotation is saved yet.',
  empty: 'Nobody is in the rotation: there is no on-call person.',
  save: 'Save rotation',
  saved: 'On-call rotation saved',
  unknownPerson: 'Someone Jira does not show you',
  board: 'Choose the board whose sprints are the shifts.',
} as const;

const SHORT_NAME_FALLBACK = ON_CALL_COPY.unknownPerson;

/** The viewer's own zone, for a rotation not saved yet. */
export const viewerTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
};

/** Next Monday, 09:00: where a new rotation starts unless the admin says otherwise. */
export const nextMondayMorning = (now: Date): string => {
  const day = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7 || 7));
  return `${day.toISOString().slice(0, 10)}T09:00`;
};

export function onCallDraftOf(view: ProjectConfigView, defaults: { readonly timeZone: string; readonly startsAt: string }): OnCallDraft {
  const onCall = view.config.onCall;
  const names = view.people ?? {};
  if (onCall === undefined) return { people: [], shift: 'week', boardId: '', startsAt: defaults.startsAt, timeZone: defaults.timeZone, swaps: [] };
  return {
    people: onCall.people.map((accountId) => ({ accountId, displayName: names[accountId] ?? SHORT_NAME_FALLBACK })),
    shift: onCall.shift.length,
    boardId: onCall.shift.length === 'sprint' ? String(onCall.shift.boardId) : '',
    startsAt: onCall.startsAt,
    timeZone: onCall.timeZone,
    swaps: onCall.swaps,
  };
}

/** A name for an account id the draft knows (the rotation's people), for sentences. */
export const nameIn = (draft: OnCallDraft) => (accountId: string): string => draft.people.find((person) => person.accountId === accountId)?.displayName ?? SHORT_NAME_FALLBACK;

/** The key a problem marks: the people list, one swap row, or one field. */
export function onCallFieldOf(path: readonly (string | number)[]): string {
  const [first, second] = path;
  if (first === 'swaps' && typeof second === 'number') return `onCall.swaps.${String(second)}`;
  if (first === 'people' || first === 'swaps' || first === 'startsAt' || first === 'timeZone' || first === 'shift') return `onCall.${first}`;
  return 'onCall.people';
}

/** A backend path under `config.onCall` as the key the card marks. */
export const onCallBackendFieldOf = (key: string): string => onCallFieldOf(key.split('.').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part)));

/** The rotation as the contract takes it, or errors keyed as the card marks them. */
export function checkOnCall(draft: OnCallDraft): { readonly ok: true; readonly onCall: OnCallRotation } | { readonly ok: false; readonly errors: Record<string, string> } {
  const boardId = Number(draft.boardId);
  if (draft.shift === 'sprint' && !(Number.isInteger(boardId) && boardId > 0)) return { ok: false, errors: { 'onCall.shift': ON_CALL_COPY.board } };
  const onCall: OnCallRotation = {
    people: draft.people.map((person) => person.accountId),
    shift: draft.shift === 'week' ? { length: 'week' } : { length: 'sprint', boardId },
    startsAt: draft.startsAt,
    timeZone: draft.timeZone,
    swaps: draft.swaps,
  };
  const errors: Record<string, string> = {};
  for (const problem of onCallProblems(onCall, nameIn(draft))) {
    const key = onCallFieldOf(problem.path);
    errors[key] ??= problem.message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, onCall };
}

/** `config` with the rotation as given (none = the key left out). */
export function withOnCall(config: ProjectConfig, onCall: OnCallRotation | undefined): ProjectConfig {
  const { onCall: _previous, ...rest } = config;
  return onCall === undefined ? rest : { ...rest, onCall: { ...onCall, people: [...onCall.people], swaps: [...onCall.swaps] } };
}

/** Moves the person at `index` one place up (-1) or down (+1). */
export function movePerson(draft: OnCallDraft, index: number, by: -1 | 1): OnCallDraft {
  const target = index + by;
  if (target < 0 || target >= draft.people.length) return draft;
  const people = [...draft.people];
  const [moved] = people.splice(index, 1);
  if (moved !== undefined) people.splice(target, 0, moved);
  return { ...draft, people };
}

/** "Devon Park, Mia Chen, Liam Novak; weekly from 2026-12-07T09:00 Europe/Berlin; 1 swap", for the note after a conflict. */
export const describeOnCall = (draft: OnCallDraft): string =>
  draft.people.length === 0
    ? 'no rotation'
    : `${draft.people.map((person) => person.displayName).join(', ')}; ${draft.shift === 'week' ? 'weekly' : 'per sprint'} from ${draft.startsAt} ${draft.timeZone}; ${String(draft.swaps.length)} swap${draft.swaps.length === 1 ? '' : 's'}`;
