import { asApp, asUser } from '@forge/api';

import { createInFlightGate, withInFlightLimit, type InFlightGate } from './in-flight-limit';
import type { JiraClients, JiraTransport } from './jira-transport';
import { withRateLimitRetry } from './rate-limit-retry';

type RequestJira = ReturnType<typeof asUser>['requestJira'];

const overForge = (requestJira: () => RequestJira, gate: InFlightGate): JiraTransport =>
  withRateLimitRetry(
    withInFlightLimit(
      {
        request: (path, init) =>
          requestJira()(path, {
            ...(init?.method === undefined ? {} : { method: init.method }),
            ...(init?.body === undefined ? {} : { body: init.body }),
            ...(init?.headers === undefined ? {} : { headers: { ...init.headers } }),
          }),
      },
      gate,
    ),
  );

/**
 * Jira as the invoking user and as the app, through Forge's product fetch. `asUser()` with no
 * account id acts for the principal of the current invocation, which Forge takes from the signed
 * request, never from our payload. Both share one in-flight gate: an invocation has at most
 * `MAX_REQUESTS_IN_FLIGHT` Jira requests open, whichever identity makes them. Build the clients
 * once per invocation (handlers do), so the gate counts that invocation's requests.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/product-fetch-api/
 */
export const forgeJiraClients = (): JiraClients => {
  const gate = createInFlightGate();
  return {
    asUser: overForge(() => asUser().requestJira, gate),
    asApp: overForge(() => asApp().requestJira, gate),
  };
};
