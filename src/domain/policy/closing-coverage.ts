/**
 * Which other transitions of a workflow reach the same kind of status as this one without the
 * "published postmortem" rule: the gap an incident slipped through (Reopen → Won't do → Closed) when
 * the rule sat on one transition only. Pure: the workflow comes in as Jira described it.
 */

/** Jira's status categories, as its workflows API names them. */
export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface WorkflowStatus {
  readonly reference: string;
  readonly name: string;
  readonly category: StatusCategory | null;
}

export interface WorkflowTransition {
  readonly id: string;
  readonly name: string;
  /** Status references it starts from; empty for a global transition (from any status). */
  readonly from: readonly string[];
  readonly to: string;
  /** Whether one of its validators is Firebreak's rule with "a published postmortem" ticked. */
  readonly requiresPostmortem: boolean;
}

export interface WorkflowShape {
  readonly name: string;
  readonly statuses: readonly WorkflowStatus[];
  readonly transitions: readonly WorkflowTransition[];
}

export interface UncoveredTransition {
  readonly id: string;
  /** "Won't do: New, Accepted or Waiting for reporter → Closed". */
  readonly label: string;
}

export type ClosingCoverage =
  | { readonly kind: 'unknown-transition' }
  | {
      readonly kind: 'listed';
      /** The category of this transition's target ("Done"), as people read it. */
      readonly categoryName: string;
      readonly uncovered: readonly UncoveredTransition[];
    };

export const CATEGORY_NAMES: Readonly<Record<StatusCategory, string>> = { TODO: 'To Do', IN_PROGRESS: 'In Progress', DONE: 'Done' };

const orList = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`);

/** "Won't do: New or Accepted → Closed"; a global transition starts from "Any status". */
export const transitionLabel = (workflow: WorkflowShape, transition: WorkflowTransition): string => {
  const name = (reference: string): string => workflow.statuses.find((status) => status.reference === reference)?.name ?? 'an unnamed status';
  const from = transition.from.length === 0 ? 'Any status' : orList(transition.from.map(name));
  return `${transition.name}: ${from} → ${name(transition.to)}`;
};

/**
 * The transitions other than `transitionId` whose target status is in the same category as its
 * target (Done, usually), and that do not carry the rule. A transition that loops into a status of
 * that category from one already in it is listed too: Jira lets it set a resolution all the same.
 */
export function uncoveredClosingTransitions(workflow: WorkflowShape, transitionId: string): ClosingCoverage {
  const categoryOf = (reference: string): StatusCategory | null => workflow.statuses.find((status) => status.reference === reference)?.category ?? null;
  const current = workflow.transitions.find((transition) => transition.id === transitionId);
  if (current === undefined) return { kind: 'unknown-transition' };
  const category = categoryOf(current.to);
  if (category === null) return { kind: 'unknown-transition' };
  const uncovered = workflow.transitions
    .filter((transition) => transition.id !== transitionId && !transition.requiresPostmortem && categoryOf(transition.to) === category)
    .map((transition) => ({ id: transition.id, label: transitionLabel(workflow, transition) }));
  return { kind: 'listed', categoryName: CATEGORY_NAMES[category], uncovered };
}
