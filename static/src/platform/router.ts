import { router } from '@forge/bridge';

/** A place in Jira for `router.navigate` (the bridge does not export the type by name). */
export type NavigationLocation = Exclude<Parameters<typeof router.navigate>[0], string>;

/**
 * Opens a Jira page (`/browse/SHOP-1`) in a new tab. A link inside the iframe would load Jira inside
 * the gadget, so links to Jira go through the host's router instead.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/#open
 */
export function openJiraPage(path: string): void {
  try {
    router.open(path).catch(() => undefined);
  } catch {
    // The person can still copy the issue key from the list.
  }
}

/** The Jira path of an issue, for `openJiraPage` and for the link's own `href`. */
export const issuePath = (issueKey: string): string => `/browse/${encodeURIComponent(issueKey)}`;

/**
 * Moves the host page to another Jira page in the same tab: a URL, or a NavigationLocation such as
 * `{ target: 'module', moduleKey, projectKey, path }`, which Jira turns into the page's URL (app and
 * environment ids included) so the app need not know them. Navigating to a module is a Preview
 * feature: when Jira refuses it, `fallbackUrl` (the same page as a URL) is where the person goes.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/#navigate
 */
export function navigateJira(location: string | NavigationLocation, fallbackUrl?: () => Promise<string | undefined>): void {
  const go = async (): Promise<void> => {
    try {
      await router.navigate(location);
    } catch {
      const url = await fallbackUrl?.();
      if (url !== undefined) await router.navigate(url);
    }
  };
  go().catch(() => {
    // The person can still open the project's apps from Jira's sidebar.
  });
}
