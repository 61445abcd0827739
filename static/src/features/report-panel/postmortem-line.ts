/** The report panel's "Postmortem" line: what it says and offers for the issue. Pure. */
import type { PostmortemStatus } from '@contract/postmortem.contract';

import { postmortemLocation, postmortemPageUrl, projectKeyOf, statusLabel } from '../../shared/postmortem-links';

export interface PostmortemForIssue {
  readonly postmortem: { readonly id: string; readonly title: string; readonly status: PostmortemStatus; readonly revisionOfPublished?: boolean | undefined } | null;
  readonly canStart: boolean;
  /** guards (issue 15): the earlier postmortem this incident recurs (same product or customer). */
  readonly recurrenceOf?: { readonly id: string; readonly title: string; readonly matchedOn: 'product' | 'customer'; readonly value: string } | null | undefined;
}

/** "Same product as an earlier incident (Checkout): its postmortem is “…”." */
export const recurrenceSentence = (recurrence: NonNullable<PostmortemForIssue['recurrenceOf']>): string =>
  `Recurrence: same ${recurrence.matchedOn === 'product' ? 'product/module' : 'customer'} (${recurrence.value}) as an earlier incident, whose postmortem is “${recurrence.title}”.`;

export type PostmortemLine =
  | { readonly kind: 'none' }
  | { readonly kind: 'open'; readonly text: string; readonly postmortemId: string }
  | { readonly kind: 'start' };

export function postmortemLineOf(found: PostmortemForIssue): PostmortemLine {
  if (found.postmortem !== null) {
    const { id, title } = found.postmortem;
    // Titles usually start with "Postmortem:" already (that is how a started one is named).
    const named = /^postmortem\b/i.test(title) ? title : `Postmortem: ${title}`;
    return { kind: 'open', postmortemId: id, text: `${named} (${statusLabel(found.postmortem).toLowerCase()})` };
  }
  return found.canStart ? { kind: 'start' } : { kind: 'none' };
}

/** The postmortem on the Postmortems page of the incident's project, for `router.navigate`. */
export const postmortemLocationFor = (issueKey: string, postmortemId: string) => postmortemLocation(projectKeyOf(issueKey), postmortemId);

/** The same postmortem as a URL on the site, for when the router refuses the module location. */
export const postmortemUrlFor = (issueKey: string, postmortemId: string, page: { appId: string; environmentId: string }, projectType: string | undefined): string =>
  postmortemPageUrl({ projectType, projectKey: projectKeyOf(issueKey), ...page }, postmortemId);
