/**
 * After a save conflict: the person's unsaved changes put back on top of the version someone else
 * saved, so nobody's work is lost. A three-way merge over the draft: `base` is what the person
 * started from, `mine` their draft, `theirs` the newer saved version.
 *
 * - A field only I changed takes my value; a field only they changed keeps theirs.
 * - A field we both changed differently keeps theirs, and my text comes back as a conflict to copy
 *   from (never silently dropped, never silently overwriting theirs).
 * - Items with ids (actions, remediation, contributing factors, timeline entries) merge one by one: my new items are
 *   added, my removals removed, my edits applied unless they edited the same item too.
 * - Artifacts and incidents merge as sets: my additions added, my removals removed.
 * Pure.
 */
import type { TimelineEntry } from '@contract/postmortem.contract';

import { CONTRIBUTING_FACTOR_LABELS, FIVE_QUESTIONS, LESSONS } from '@contract/postmortem.values';
import { type MergeConflict, mergeById, mergeSet, mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ActionDraft, type ArtifactDraft, type FactorDraft, type PostmortemDraft, type RemediationDraft, IMPACT_TIMES, sortTimeline } from './postmortem-draft';

export type { MergeConflict };

export interface MergeOutcome {
  readonly draft: PostmortemDraft;
  /** Labels of my changes that were put back on top of their version. */
  readonly kept: readonly string[];
  readonly conflicts: readonly MergeConflict[];
}

const byId = (item: { readonly id: string }): string => item.id;

const quoted = (text: string, fallback: string) => (text.trim() === '' ? fallback : `“${text.trim()}”`);
/** People by name in the sentences (actions part, issue 15): an account id is never shown. */
type Names = Readonly<Record<string, string>>;
const ownerName = (names: Names, owner: string) => (owner === '' ? 'no owner' : `owner ${names[owner] ?? 'someone Jira does not name'}`);
const describeAction = (names: Names) => (action: ActionDraft) => [action.title, ownerName(names, action.owner), action.dueDate === '' ? 'no due date' : `due ${action.dueDate}`].join(' · ');
const describeRemediation = (names: Names) => (item: RemediationDraft) => [item.title, ownerName(names, item.owner), `${item.priority} priority`, item.done ? 'done' : 'open'].join(' · ');
const describeFactor = (factor: FactorDraft) => (factor.category === '' ? factor.text : `${CONTRIBUTING_FACTOR_LABELS[factor.category]}: ${factor.text}`);
const describeEntry = (entry: TimelineEntry) => [entry.text, entry.note === '' ? '' : `note: ${entry.note}`, entry.hidden ? 'hidden' : ''].filter((part) => part !== '').join(' · ');
const text = (value: string) => value;

export function mergeDrafts(base: PostmortemDraft, mine: PostmortemDraft, theirs: PostmortemDraft, names: Names = {}): MergeOutcome {
  const out = newMergeNotes();
  const field = <K extends 'title' | 'summary' | 'customerImpact' | 'timeZone' | 'usersAffected'>(key: K, label: string) =>
    mergeValue(out, label, base[key], mine[key], theirs[key], text);

  const draft: PostmortemDraft = {
    title: field('title', 'Title'),
    severity: mergeValue(out, 'Severity', base.severity, mine.severity, theirs.severity, (value) => value ?? 'none'),
    owner: mergeValue(out, 'Owner', base.owner, mine.owner, theirs.owner, (owner) => names[owner] ?? 'someone Jira does not name'),
    incidents: mergeSet(out, 'Linked incidents', base.incidents, mine.incidents, theirs.incidents),
    artifacts: mergeSet<Omit<ArtifactDraft, 'key'>>(
      out,
      'Artifacts',
      base.artifacts.map(({ label, url }) => ({ label, url })),
      mine.artifacts.map(({ label, url }) => ({ label, url })),
      theirs.artifacts.map(({ label, url }) => ({ label, url })),
    ).map((artifact, index) => ({ key: `merged-${String(index)}`, ...artifact })),
    summary: field('summary', 'Summary'),
    customerImpact: field('customerImpact', 'Customer impact'),
    timeZone: field('timeZone', 'Time zone'),
    times: Object.fromEntries(IMPACT_TIMES.map(({ id, label }) => [id, mergeValue(out, label, base.times[id], mine.times[id], theirs.times[id], text)])) as PostmortemDraft['times'],
    usersAffected: field('usersAffected', 'Users affected'),
    timeline: sortTimeline(mergeById(out, byId, base.timeline, mine.timeline, theirs.timeline, (entry) => `Timeline entry ${quoted(entry.text, entry.at)}`, describeEntry)),
    answers: Object.fromEntries(FIVE_QUESTIONS.map(({ id, label }) => [id, mergeValue(out, label, base.answers[id], mine.answers[id], theirs.answers[id], text)])) as PostmortemDraft['answers'],
    actions: mergeById(out, byId, base.actions, mine.actions, theirs.actions, (action) => `Action ${quoted(action.title, 'without a title')}`, describeAction(names)),
    remediation: mergeById(out, byId, base.remediation, mine.remediation, theirs.remediation, (item) => `Remediation ${quoted(item.title, 'without a title')}`, describeRemediation(names)),
    // format part (issue 15): factors one by one, each lesson as its own text.
    contributingFactors: mergeById(out, byId, base.contributingFactors, mine.contributingFactors, theirs.contributingFactors, (factor) => `Contributing factor ${quoted(factor.text, 'without text')}`, describeFactor),
    lessons: Object.fromEntries(LESSONS.map(({ id, label }) => [id, mergeValue(out, label, base.lessons[id], mine.lessons[id], theirs.lessons[id], text)])) as PostmortemDraft['lessons'],
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
