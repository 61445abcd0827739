/**
 * The report panel's "On call now" line, as words: who, until when (in the viewer's locale and
 * zone), and what the assign offer says. Pure: "now" and the viewer's clock come in as arguments.
 */
import type { AssignOnCallResult, OnCallView } from '@contract/on-call.contract';

import { type ViewerClock, formatWhen } from '../../shared/time';

export type OnCallLine =
  | { readonly kind: 'none' }
  | { readonly kind: 'nobody'; readonly text: string }
  | { readonly kind: 'on-call'; readonly text: string; readonly offer: string | null; readonly accountId: string };

export function onCallLineOf(view: OnCallView, now: Date, viewer: ViewerClock): OnCallLine {
  if (!view.hasRotation) return { kind: 'none' };
  if (view.onCall === null) return { kind: 'nobody', text: view.nobodyReason ?? 'Nobody is on call right now.' };
  const { displayName, until, accountId } = view.onCall;
  const when = until === null ? '' : formatWhen(until, now, viewer);
  const text = `On call now: ${displayName}${when === '' ? '' : `, until ${when}`}`;
  const offer = view.canAssign && view.assignee?.accountId !== accountId ? `Assign to ${displayName}` : null;
  return { kind: 'on-call', text, offer, accountId };
}

/** What the panel says after assigning: the flag's title. */
export const assignedSentence = (result: AssignOnCallResult): string => {
  const name = result.onCall?.displayName ?? result.assignee?.displayName ?? 'the on-call person';
  return result.outcome === 'assigned' ? `${result.issueKey} is assigned to ${name}` : `${result.issueKey} was already assigned to ${name}; nothing changed`;
};
