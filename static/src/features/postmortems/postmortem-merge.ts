/**
 * After a save conflict: the person's unsaved changes put back on top of the version someone else
 * saved, so nobody's work is lost. A three-way merge over the draft: `base` is what the person
 * started from, `mine` their draft, `theirs` the newer saved version.
 *
 * - A field only I changed takes my value; a field only they changed keeps theirs.
 * - A field we both changed differently keeps theirs, and my text comes back as a conflict to copy
 *   from (never silently dropped, never silently overwriting theirs).
 * - Items with ids (actions, remediation, timeline entries) merge one by one: my new items are
 *   added, my removals removed, my edits applied unless they edited the same item too.
 * - Artifacts and incidents merge as sets: my additions added, my removals removed.
 * Pure.
 */
import type { TimelineEntry } from '@contract/postmortem.contract';

import { FIVE_QUESTIONS } from '../../shared/postmortem';
import { type ActionDraft, type ArtifactDraft, type PostmortemDraft, type RemediationDraft, IMPACT_TIMES, sortTimeline } from './postmortem-draft';

export interface MergeConflict {
  /** What it is, as the editor labels it: "Summary", "Detect", "Action “Alert on error rate”". */
  readonly label: string;
  /** My version, as text the person can copy back. */
  readonly mine: string;
}

export interface MergeOutcome {
  readonly draft: PostmortemDraft;
  /** Labels of my changes that were put back on top of their version. */
  readonly kept: readonly string[];
  readonly conflicts: readonly MergeConflict[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const lowerFirst = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

interface Collector {
  readonly kept: string[];
  readonly conflicts: MergeConflict[];
}

/** One value: mine if only I changed it, theirs otherwise; a conflict when both changed it differently. */
function mergeValue<T>(label: string, base: T, mine: T, theirs: T, out: Collector, describe: (value: T) => string): T {
  if (same(mine, base) || same(mine, theirs)) return theirs;
  if (same(theirs, base)) {
    out.kept.push(label);
    return mine;
  }
  out.conflicts.push({ label, mine: describe(mine) });
  return theirs;
}

/** Lists of items with an `id`: theirs in their order, then my new items in mine. */
function mergeById<T extends { readonly id: string }>(base: readonly T[], mine: readonly T[], theirs: readonly T[], out: Collector, labelOf: (item: T) => string, describe: (item: T) => string): T[] {
  const baseById = new Map(base.map((item) => [item.id, item]));
  const mineById = new Map(mine.map((item) => [item.id, item]));
  const theirIds = new Set(theirs.map((item) => item.id));
  const merged: T[] = [];

  for (const their of theirs) {
    const original = baseById.get(their.id);
    const my = mineById.get(their.id);
    if (original === undefined) {
      // They added it (or we both added the same id, which fresh ids make unlikely): keep theirs.
      merged.push(their);
    } else if (my === undefined) {
      // I removed it: gone, unless they changed it meanwhile.
      if (same(their, original)) out.kept.push(`Removed ${lowerFirst(labelOf(original))}`);
      else merged.push(their);
    } else {
      merged.push(mergeValue(labelOf(my), original, my, their, out, describe));
    }
  }
  for (const my of mine) {
    if (theirIds.has(my.id)) continue;
    const original = baseById.get(my.id);
    if (original === undefined) {
      out.kept.push(`Added ${lowerFirst(labelOf(my))}`);
      merged.push(my);
    } else if (!same(my, original)) {
      // They removed an item I changed: my change comes back rather than being lost.
      out.conflicts.push({ label: labelOf(my), mine: describe(my) });
    }
  }
  return merged;
}

/** Sets of plain values: theirs, plus what I added, minus what I removed. */
function mergeSet<T>(label: string, base: readonly T[], mine: readonly T[], theirs: readonly T[], out: Collector): T[] {
  const has = (list: readonly T[], value: T) => list.some((item) => same(item, value));
  const added = mine.filter((value) => !has(base, value));
  const removed = base.filter((value) => !has(mine, value));
  if (added.length === 0 && removed.length === 0) return [...theirs];
  out.kept.push(label);
  return [...theirs.filter((value) => !has(removed, value)), ...added.filter((value) => !has(theirs, value))];
}

const quoted = (text: string, fallback: string) => (text.trim() === '' ? fallback : `“${text.trim()}”`);
const describeAction = (action: ActionDraft) => [action.title, action.owner === '' ? 'no owner' : `owner ${action.owner}`, action.dueDate === '' ? 'no due date' : `due ${action.dueDate}`].join(' · ');
const describeRemediation = (item: RemediationDraft) => [item.title, item.owner === '' ? 'no owner' : `owner ${item.owner}`, `${item.priority} priority`, item.done ? 'done' : 'open'].join(' · ');
const describeEntry = (entry: TimelineEntry) => [entry.text, entry.note === '' ? '' : `note: ${entry.note}`, entry.hidden ? 'hidden' : ''].filter((part) => part !== '').join(' · ');
const text = (value: string) => value;

export function mergeDrafts(base: PostmortemDraft, mine: PostmortemDraft, theirs: PostmortemDraft): MergeOutcome {
  const out: Collector = { kept: [], conflicts: [] };
  const field = <K extends 'title' | 'owner' | 'summary' | 'customerImpact' | 'timeZone' | 'usersAffected'>(key: K, label: string) =>
    mergeValue(label, base[key], mine[key], theirs[key], out, text);

  const draft: PostmortemDraft = {
    title: field('title', 'Title'),
    severity: mergeValue('Severity', base.severity, mine.severity, theirs.severity, out, (value) => value ?? 'none'),
    owner: field('owner', 'Owner'),
    incidents: mergeSet('Linked incidents', base.incidents, mine.incidents, theirs.incidents, out),
    artifacts: mergeSet<Omit<ArtifactDraft, 'key'>>(
      'Artifacts',
      base.artifacts.map(({ label, url }) => ({ label, url })),
      mine.artifacts.map(({ label, url }) => ({ label, url })),
      theirs.artifacts.map(({ label, url }) => ({ label, url })),
      out,
    ).map((artifact, index) => ({ key: `merged-${String(index)}`, ...artifact })),
    summary: field('summary', 'Summary'),
    customerImpact: field('customerImpact', 'Customer impact'),
    timeZone: field('timeZone', 'Time zone'),
    times: Object.fromEntries(IMPACT_TIMES.map(({ id, label }) => [id, mergeValue(label, base.times[id], mine.times[id], theirs.times[id], out, text)])) as PostmortemDraft['times'],
    usersAffected: field('usersAffected', 'Users affected'),
    timeline: sortTimeline(mergeById(base.timeline, mine.timeline, theirs.timeline, out, (entry) => `Timeline entry ${quoted(entry.text, entry.at)}`, describeEntry)),
    answers: Object.fromEntries(FIVE_QUESTIONS.map(({ id, label }) => [id, mergeValue(label, base.answers[id], mine.answers[id], theirs.answers[id], out, text)])) as PostmortemDraft['answers'],
    actions: mergeById(base.actions, mine.actions, theirs.actions, out, (action) => `Action ${quoted(action.title, 'without a title')}`, describeAction),
    remediation: mergeById(base.remediation, mine.remediation, theirs.remediation, out, (item) => `Remediation ${quoted(item.title, 'without a title')}`, describeRemediation),
  };
  return { draft, kept: out.kept, conflicts: out.conflicts };
}

/** The sentence above the editor after a conflict: what came back, and where to look. */
export function mergeSentence(outcome: MergeOutcome): string {
  const start = 'Someone else saved this postmortem while you were editing. Their version is shown';
  if (outcome.kept.length === 0 && outcome.conflicts.length === 0) return `${start}; you had no unsaved changes.`;
  const kept = outcome.kept.length === 0 ? '' : ` with your changes on top (${outcome.kept.join(', ')})`;
  const conflicts = outcome.conflicts.length === 0 ? '' : `. You both changed ${outcome.conflicts.map((conflict) => conflict.label).join(', ')}: theirs is shown, yours is below to copy from`;
  return `${start}${kept}${conflicts}. Check it, then save again.`;
}
