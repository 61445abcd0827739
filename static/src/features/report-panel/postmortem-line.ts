/** The report panel's "Postmortem" line: what it says and offers for the issue. Pure. */
import type { PostmortemStatus } from '@contract/postmortem.contract';

import { STATUS_LABELS, projectAppsPath, projectKeyOf } from '../postmortems/postmortem-list';

export interface PostmortemForIssue {
  readonly postmortem: { readonly id: string; readonly title: string; readonly status: PostmortemStatus } | null;
  readonly canStart: boolean;
}

export type PostmortemLine =
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly text: string }
  | { readonly kind: 'start' };

export function postmortemLineOf(found: PostmortemForIssue): PostmortemLine {
  if (found.postmortem !== null) return { kind: 'open', text: `Postmortem: ${found.postmortem.title} (${STATUS_LABELS[found.postmortem.status].toLowerCase()})` };
  return found.canStart ? { kind: 'start' } : { kind: 'none' };
}

/** The project's apps page, where the Postmortems page lives. */
export const postmortemsPathFor = (issueKey: string): string => projectAppsPath(projectKeyOf(issueKey));
