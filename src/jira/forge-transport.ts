import { asApp, asUser } from '@forge/api';

import type { JiraClients, JiraTransport } from './jira-transport';
import { withRateLimitRetry } from './rate-limit-retry';

type RequestJira = ReturnType<typeof asUser>['requestJira'];

const overForge = (requestJira: () => RequestJira): JiraTransport =>
  withRateLimitRetry({
    request: (path, init) =>
      requestJira()(path, {
        ...(init?.method === undefined ? {} : { method: init.method }),
        ...(init?.body === undefined ? {} : { body: init.body }),
        ...(init?.headers === undefined ? {} : { headers: { ...init.headers } }),
      }),
  });

/**
 * Jira as the invoking user and as the app, through Forge's product fetch. `asUser()` with no
 * account id acts for the principal of the current invocation, which Forge takes from the signed
 * request, never from our payload.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/product-fetch-api/
 */
export const forgeJiraClients = (): JiraClients => ({
  asUser: overForge(() => asUser().requestJira),
  asApp: overForge(() => asApp().requestJira),
});
