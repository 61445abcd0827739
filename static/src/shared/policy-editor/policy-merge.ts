/**
 * The severity policy editor after a save conflict: the admin's unsaved edits put back on top of the
 * version someone else saved (three-way, `shared/three-way-merge.ts`). Levels are matched by id;
 * each of a level's fields is one value (a duration with its unit, the examples as one text). A
 * level I added comes at the bottom; a new order of levels is mine only if they kept the old one.
 * Pure.
 */
import { RELEASE_VEHICLE_LABELS } from '@contract/policy.values';
import { type MergeNotes, mergeById, mergeValue, newMergeNotes, sameValue } from '../three-way-merge';
import type { DurationDraft } from './duration';
import type { LevelDraft, PolicyDraft } from './policy-form';

type LevelValueField = Exclude<keyof LevelDraft, 'key' | 'idFixed' | 'id'>;

const duration = (value: DurationDraft | null): string => (value === null ? 'none' : `${value.amount} ${value.unit}`);
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** Each field of a level, as the editor labels it, and how to quote my value back. */
const LEVEL_FIELDS: ReadonlyArray<{ readonly field: LevelValueField; readonly label: string; readonly describe: (level: LevelDraft) => string }> = [
  { field: 'name', label: 'name', describe: (level) => level.name },
  { field: 'definition', label: 'definition', describe: (level) => level.definition },
  { field: 'examples', label: 'examples', describe: (level) => level.examples.split('\n').join(' / ') },
  { field: 'response', label: 'response asked for', describe: (level) => level.response },
  { field: 'responseTarget', label: 'response target', describe: (level) => duration(level.responseTarget) },
  { field: 'updateCadence', label: 'update cadence', describe: (level) => duration(level.updateCadence) },
  { field: 'confirmWithin', label: 'time to confirm the reporter’s pick', describe: (level) => duration(level.confirmWithin) },
  { field: 'releaseVehicle', label: 'release vehicle', describe: (level) => RELEASE_VEHICLE_LABELS[level.releaseVehicle] },
  { field: 'allHands', label: 'all hands', describe: (level) => yesNo(level.allHands) },
  { field: 'postmortemRequired', label: 'postmortem required', describe: (level) => yesNo(level.postmortemRequired) },
  { field: 'jiraPriority', label: 'Jira priority', describe: (level) => level.jiraPriority ?? 'none' },
  { field: 'weeklyBudget', label: 'weekly budget', describe: (level) => (level.weeklyBudget === '' ? 'none' : level.weeklyBudget) },
  // playbook part (issue 16)
  { field: 'playbook', label: 'playbook', describe: (level) => level.playbook.split('\n').join(' / ') || 'none' },
  // part: updates (issue 16)
  {
    field: 'communication',
    label: 'stakeholder updates',
    describe: ({ communication: c }) => (c.direct ? `sent to ${[c.groups, c.roles].filter((names) => names.trim() !== '').join(', ') || 'reporter, assignee and watchers'}, subject “${c.subjectTemplate}”` : 'not sent directly'),
  },
  // disputes (issue 16 part 4)
  { field: 'disputeTimeBox', label: 'time to rule on a severity dispute', describe: (level) => duration(level.disputeTimeBox) },
];

const describeLevel = (level: LevelDraft): string => LEVEL_FIELDS.map(({ label, describe }) => `${label}: ${describe(level)}`).join(' · ');

/** Field by field: each one mine if only I changed it, theirs otherwise (a conflict when we both did). */
function mergeLevel(notes: MergeNotes, original: LevelDraft, mine: LevelDraft, theirs: LevelDraft): LevelDraft {
  const fields = Object.fromEntries(
    LEVEL_FIELDS.map(({ field, label, describe }) => [field, mergeValue<unknown>(notes, `${original.name}: ${label}`, original[field], mine[field], theirs[field], () => describe(mine))]),
  );
  // Each field took one of the three drafts' values for that same field, so the types hold.
  return { ...theirs, ...fields };
}

export interface PolicyMergeOutcome {
  readonly draft: PolicyDraft;
  readonly notes: MergeNotes;
}

/** `base`: the saved version the admin started from; `mine`: their draft; `theirs`: the newer saved version. */
export function mergePolicyDrafts(base: PolicyDraft, mine: PolicyDraft, theirs: PolicyDraft): PolicyMergeOutcome {
  const notes = newMergeNotes();
  let levels = mergeById(
    notes,
    (level) => level.id,
    base.levels,
    mine.levels,
    theirs.levels,
    (level) => `level “${level.name}”`,
    describeLevel,
    (original, my, their) => mergeLevel(notes, original, my, their),
  );
  // My new order of the levels we all have, if they kept the old one.
  const order = (draft: PolicyDraft) => draft.levels.map((level) => level.id).filter((id) => base.levels.some((level) => level.id === id) && theirs.levels.some((level) => level.id === id) && mine.levels.some((level) => level.id === id));
  if (!sameValue(order(mine), order(base)) && sameValue(order(theirs), order(base))) {
    const mineOrder = order(mine);
    const shared = levels.filter((level) => mineOrder.includes(level.id)).sort((a, b) => mineOrder.indexOf(a.id) - mineOrder.indexOf(b.id));
    let next = 0;
    levels = levels.map((level) => (mineOrder.includes(level.id) ? (shared[next++] ?? level) : level));
    notes.kept.push('Order of the levels');
  }
  // Fresh React keys past both drafts' keys, so no two rows share one.
  const first = Math.max(mine.nextKey, theirs.nextKey);
  return { draft: { levels: levels.map((level, index) => ({ ...level, key: `level-${String(first + index)}` })), nextKey: first + levels.length }, notes };
}
