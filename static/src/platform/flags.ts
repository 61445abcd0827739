import { showFlag } from '@forge/bridge';

let flagSequence = 0;

/**
 * Shows a success flag in the host's flag group (bottom left of Jira), which outlives the panel's
 * own re-renders. A host that cannot show flags must not break a save that already succeeded.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/showFlag/
 */
export function flagSuccess(title: string, description?: string): void {
  flagSequence += 1;
  try {
    showFlag({
      id: `firebreak-${Date.now()}-${flagSequence}`,
      title,
      ...(description === undefined ? {} : { description }),
      type: 'success',
      appearance: 'success',
      isAutoDismiss: true,
    });
  } catch {
    // The panel already shows the saved report; the flag is a courtesy.
  }
}

/**
 * A warning that stays until the person closes it: what an action left unfinished, said where it
 * outlives the panel (Jira renders the issue view's frames again when it refreshes).
 */
export function flagWarning(title: string, description: string): void {
  flagSequence += 1;
  try {
    showFlag({ id: `firebreak-${Date.now()}-${flagSequence}`, title, description, type: 'warning', appearance: 'warning', isAutoDismiss: false });
  } catch {
    // The panel shows the same warning inline until it is rendered again.
  }
}
