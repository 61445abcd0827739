/** The postmortem list's filters, order and words. Pure. */
import type { PostmortemList, PostmortemStatus } from '@contract/postmortem.contract';

import { listLevelNames } from '@contract/severity-names';
import { STATUS_LABELS } from '../../shared/postmortem-links';
import type { LozengeTone } from '../../ui/Lozenge';

export type PostmortemRow = PostmortemList['postmortems'][number];
export type StatusFilter = 'all' | PostmortemStatus;

export interface ListFilters {
  readonly status: StatusFilter;
  readonly search: string;
}

export const NO_FILTERS: ListFilters = { status: 'all', search: '' };

export const STATUS_TONES: Readonly<Record<PostmortemStatus, LozengeTone>> = { draft: 'default', 'in-review': 'inprogress', published: 'success' };

export const STATUS_FILTER_OPTIONS: ReadonlyArray<{ readonly value: StatusFilter; readonly label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'draft', label: STATUS_LABELS.draft },
  { value: 'in-review', label: STATUS_LABELS['in-review'] },
  { value: 'published', label: STATUS_LABELS.published },
];

export const isStatusFilter = (value: string): value is StatusFilter => STATUS_FILTER_OPTIONS.some((option) => option.value === value);

/**
 * Rows of the chosen status whose title or incident keys contain the search text (any case). A
 * published postmortem with a revision open is both: published (readers get that version) and a
 * draft or review (the revision).
 */
export function filterPostmortems(rows: readonly PostmortemRow[], filters: ListFilters): PostmortemRow[] {
  const needle = filters.search.trim().toLocaleLowerCase();
  return rows.filter(
    (row) =>
      (filters.status === 'all' || row.status === filters.status || (filters.status === 'published' && row.revisionOfPublished === true)) &&
      (needle === '' || row.title.toLocaleLowerCase().includes(needle) || row.incidents.some((key) => key.toLocaleLowerCase().includes(needle))),
  );
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

/** Drafts and reviews before published ones, then the most recently updated first. */
export function sortPostmortems(rows: readonly PostmortemRow[]): PostmortemRow[] {
  const rank = (row: PostmortemRow) => (row.status === 'published' ? 1 : 0);
  return [...rows].sort((a, b) => rank(a) - rank(b) || time(b.updatedAt) - time(a.updatedAt) || a.title.localeCompare(b.title));
}

/** "2 of 5 postmortems" when filtered, "5 postmortems" otherwise. */
export function countSentence(shown: number, total: number): string {
  const noun = (n: number) => (n === 1 ? 'postmortem' : 'postmortems');
  return shown === total ? `${String(total)} ${noun(total)}` : `${String(shown)} of ${String(total)} ${noun(total)}`;
}

export interface MissingWords {
  readonly heading: string;
  /** Said when no such incident lacks a postmortem. */
  readonly allCovered: string;
  /** Said under "No postmortems yet". */
  readonly startHint: string;
}

/**
 * The words around incidents that still need a postmortem, naming the levels whose policy requires
 * one ("Critical or Major incidents without a postmortem"), whatever the project's scale calls them.
 */
export function missingWords(levels: readonly string[]): MissingWords {
  if (levels.length === 0) {
    return {
      heading: 'Incidents that need a postmortem',
      allCovered: 'No level of this project’s severity policy requires a postmortem.',
      startHint: 'Start one from an incident’s Production report panel.',
    };
  }
  const names = listLevelNames(levels);
  return {
    heading: `${names} incidents without a postmortem`,
    allCovered: `Every ${names} incident has a postmortem.`,
    startHint: `Start one for an incident listed below, or from an incident’s Production report panel.`,
  };
}
