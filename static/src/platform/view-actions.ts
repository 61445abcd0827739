import { view } from '@forge/bridge';

/**
 * A dashboard gadget's edit view hands its configuration to Jira with `view.submit`; Jira stores it
 * (`context.extension.gadgetConfiguration` from then on) and shows the gadget's view again.
 * Resolves `false` when the host refused it (this iframe is not a submittable view).
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#submit
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-dashboard-gadget/
 */
export async function submitView(payload: Readonly<Record<string, unknown>>): Promise<boolean> {
  try {
    await view.submit(payload);
    return true;
  } catch {
    return false;
  }
}

/**
 * Leaves an edit view without saving. A host that cannot close it leaves the form open, which is
 * harmless: nothing was stored.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#close
 */
export async function closeView(): Promise<void> {
  try {
    await view.close();
  } catch {
    // Nothing to undo.
  }
}
