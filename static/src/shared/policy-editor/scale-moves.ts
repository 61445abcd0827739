/**
 * A scale change as the policy editor shows it before saving: which levels of the scale in force
 * the draft takes away (a level is its id: a rename moves nothing), how many issues carry each, and
 * where their issues go. The admin chooses per removed level; until they do, each goes to the new
 * level at its own position (the backend's default too). Pure.
 */
import type { LevelMove, LevelUsage, PolicyView } from '@contract/policy.contract';

import type { PolicyDraft } from './policy-form';

export interface RemovedLevel {
  readonly id: string;
  readonly name: string;
  /** Null when the page could not count the issues just now. */
  readonly usage: LevelUsage | null;
  /** The id of the draft level its issues move to. */
  readonly to: string;
}

const NO_USE: LevelUsage = { issues: 0, picked: 0, decided: 0 };

/** The levels the draft removes, most severe first, each with its count and where it moves. */
export function removedLevels(view: Pick<PolicyView, 'policy' | 'usage'>, draft: Pick<PolicyDraft, 'levels' | 'moves'>): RemovedLevel[] {
  const kept = new Set(draft.levels.map((level) => level.id));
  const last = draft.levels.length - 1;
  return view.policy.levels.flatMap((level, index) => {
    if (kept.has(level.id) || last < 0) return [];
    const chosen = draft.moves?.[level.id];
    const to = chosen !== undefined && kept.has(chosen) ? chosen : (draft.levels[Math.min(index, last)]?.id ?? '');
    return [{ id: level.id, name: level.name, usage: view.usage === null ? null : (view.usage[level.id] ?? NO_USE), to }];
  });
}

/** What the save sends: one move per removed level. */
export const movesOf = (removed: readonly RemovedLevel[]): LevelMove[] => removed.map(({ id, to }) => ({ from: id, to }));

/** The draft with one removed level's destination chosen. */
export const chooseMove = (draft: PolicyDraft, from: string, to: string): PolicyDraft => ({ ...draft, moves: { ...draft.moves, [from]: to } });

/** "3 issues: 2 reporter picks, 1 decided" — what a removed level still carries. */
export function usageSentence(usage: LevelUsage | null): string {
  if (usage === null) return 'Firebreak could not count its issues just now; they move all the same.';
  if (usage.issues === 0) return 'No issue carries it.';
  const issues = usage.issues === 1 ? '1 issue carries it' : `${String(usage.issues)} issues carry it`;
  const parts = [usage.picked === 1 ? '1 as the reporter’s pick' : `${String(usage.picked)} as the reporter’s pick`, usage.decided === 1 ? '1 as the decided severity' : `${String(usage.decided)} as the decided severity`];
  return `${issues} (${parts.join(', ')}).`;
}
