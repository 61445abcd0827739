/**
 * After a save conflict, a form puts the person's unsaved changes back on top of the version
 * someone else saved: a three-way merge of `base` (what the person started from), `mine` (their
 * draft) and `theirs` (the newer saved version). The rules the postmortem editor follows, for any
 * form:
 * - a value only I changed takes mine; a value only they changed keeps theirs;
 * - a value we both changed differently keeps theirs, and mine comes back as a conflict the person
 *   can read (never silently dropped, never silently overwriting theirs);
 * - sets take their additions and removals and mine; items with ids merge one by one.
 * Pure.
 */

export interface MergeConflict {
  /** What it is, as the form labels it ("Critical: name", "Send-back status"). */
  readonly label: string;
  /** My version, as text the person can copy back. */
  readonly mine: string;
}

/** What a merge collected: my changes put back on top of theirs, and the ones that clashed. */
export interface MergeNotes {
  readonly kept: string[];
  readonly conflicts: MergeConflict[];
}

export const newMergeNotes = (): MergeNotes => ({ kept: [], conflicts: [] });

const lowerFirst = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One value: mine if only I changed it, theirs otherwise; a conflict when both changed it differently. */
export function mergeValue<T>(notes: MergeNotes, label: string, base: T, mine: T, theirs: T, describe: (value: T) => string): T {
  if (sameValue(mine, base) || sameValue(mine, theirs)) return theirs;
  if (sameValue(theirs, base)) {
    notes.kept.push(label);
    return mine;
  }
  notes.conflicts.push({ label, mine: describe(mine) });
  return theirs;
}

/** A set of plain values: theirs, plus what I added, minus what I removed. */
export function mergeSet<T>(notes: MergeNotes, label: string, base: readonly T[], mine: readonly T[], theirs: readonly T[]): T[] {
  const has = (list: readonly T[], value: T) => list.some((item) => sameValue(item, value));
  const added = mine.filter((value) => !has(base, value));
  const removed = base.filter((value) => !has(mine, value));
  if (added.length === 0 && removed.length === 0) return [...theirs];
  notes.kept.push(label);
  return [...theirs.filter((value) => !has(removed, value)), ...added.filter((value) => !has(theirs, value))];
}

/**
 * Items with ids: theirs in their order, my edits applied item by item (`mergeItem`), my new items
 * added at the end, my removals removed unless they changed that item meanwhile. An item they
 * removed that I changed comes back as a conflict.
 */
export function mergeById<T>(
  notes: MergeNotes,
  idOf: (item: T) => string,
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  labelOf: (item: T) => string,
  describe: (item: T) => string,
  mergeItem: (original: T, my: T, their: T) => T = (original, my, their) => mergeValue(notes, labelOf(my), original, my, their, describe),
): T[] {
  const baseById = new Map(base.map((item) => [idOf(item), item]));
  const mineById = new Map(mine.map((item) => [idOf(item), item]));
  const theirIds = new Set(theirs.map(idOf));
  const merged: T[] = [];
  for (const their of theirs) {
    const original = baseById.get(idOf(their));
    const my = mineById.get(idOf(their));
    if (original === undefined) {
      // They added it; if I added one with the same id too, mine comes back as a conflict.
      if (my !== undefined && !sameValue(my, their)) notes.conflicts.push({ label: labelOf(my), mine: describe(my) });
      merged.push(their);
    } else if (my === undefined) {
      if (sameValue(their, original)) notes.kept.push(`Removed ${lowerFirst(labelOf(original))}`);
      else merged.push(their);
    } else {
      merged.push(mergeItem(original, my, their));
    }
  }
  for (const my of mine) {
    if (theirIds.has(idOf(my))) continue;
    const original = baseById.get(idOf(my));
    if (original === undefined) {
      notes.kept.push(`Added ${lowerFirst(labelOf(my))}`);
      merged.push(my);
    } else if (!sameValue(my, original)) {
      notes.conflicts.push({ label: labelOf(my), mine: describe(my) });
    }
  }
  return merged;
}

/**
 * The sentence above a form after a conflict: whose version is shown, which of my changes were put
 * back on top, and what we both changed (mine quoted, to copy from).
 */
export function conflictSentence(whatWasSaved: string, notes: MergeNotes): string {
  const start = `Someone else saved ${whatWasSaved} while you were editing. Their version is shown`;
  if (notes.kept.length === 0 && notes.conflicts.length === 0) return `${start}; you had no unsaved changes.`;
  const kept = notes.kept.length === 0 ? '' : ` with your changes on top (${notes.kept.join('; ')})`;
  const clashes = notes.conflicts.map((conflict) => `${conflict.label}: yours was “${conflict.mine}”`).join('; ');
  const both = notes.conflicts.length === 0 ? '' : `. You both changed some things, and theirs is kept there (${clashes})`;
  return `${start}${kept}${both}. Check it, then save again.`;
}
