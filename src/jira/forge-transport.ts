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

/**
 * Whether `@forge/api` refused an `asUser()` request because the user has not yet allowed the app
 * to act for them (`NeedsAuthenticationError`, name `NEEDS_AUTHENTICATION_ERR`; see
 * node_modules/@forge/api/out/api/fetch.js `handleProxyResponseErrors`). This error is meant for the
 * platform: a resolver that lets it escape makes Forge show the user "Allow access", so it must
 * never be turned into a result. Checked by name, as `@forge/api` itself does (`isHostedCodeError`),
 * because a bundle may hold more than one copy of the package.
 * @see https://developer.atlassian.com/platform/forge/add-scopes-to-call-an-atlassian-rest-api/
 */
export const needsUserConsent = (error: unknown): boolean => error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR';
