import { workflowRules } from '@forge/jira-bridge';

/** What the rule editor hands Jira when the admin saves: the configuration string, or `undefined` to keep the dialog open. */
export type ConfigureRule = () => string | undefined;

/**
 * Registers the function Jira calls when the admin saves the workflow rule (create or edit). Jira
 * stores the string it returns as the rule's configuration; returning `undefined` blocks the save,
 * which is how the editor keeps an invalid rule from being stored.
 * Resolves `false` when the host refused the callback (no workflow editor around this iframe).
 * @see https://developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/workflowRules/
 */
export async function onConfigureRule(configure: ConfigureRule): Promise<boolean> {
  try {
    // The bridge types the callback as returning a string; `undefined` is the documented way to
    // refuse the save.
    await workflowRules.onConfigure(configure as () => string);
    return true;
  } catch {
    return false;
  }
}
