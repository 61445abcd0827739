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
