/** The drill-down list: which issues come first, and how a kind id is named. Pure. */
import type { DrillDownView } from '@contract/capacity.contract';

import { TRIAGE_LABELS } from '@contract/report.values';

export type DrillDownIssue = DrillDownView['issues'][number];

/** "SHOP-9" before "SHOP-10": keys compared by project, then by number. */
const compareKeys = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

/** Support work first, then the biggest values, then by key, so the list reads the same each time. */
export function sortDrillDown(issues: readonly DrillDownIssue[]): DrillDownIssue[] {
  return [...issues].sort((a, b) => Number(b.support) - Number(a.support) || b.value - a.value || compareKeys(a.key, b.key));
}

/**
 * Names a kind id as the breakdown chart does: by the name the view gave it, then by the report's
 * label, then by the id itself. `null` (not classified yet) becomes "Not classified". Severities come
 * named from the backend (`severityName`), under the policy in force.
 */
export function nameOf(id: string | null, named: ReadonlyArray<{ readonly id: string; readonly name: string }>): string {
  if (id === null) return 'Not classified';
  const fromView = named.find((entry) => entry.id === id)?.name;
  if (fromView !== undefined) return fromView;
  return Object.hasOwn(TRIAGE_LABELS.kind, id) ? TRIAGE_LABELS.kind[id as keyof typeof TRIAGE_LABELS.kind] : id;
}
