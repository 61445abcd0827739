import { invoke } from '@forge/bridge';

import { createResolverClient } from './resolver-client';

export type { CallResolver } from './resolver-client';

/**
 * The only place in the UI that calls `invoke`. Features import `callResolver`; tests use
 * `createResolverClient` with a plain function.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/invoke/
 */
export const callResolver = createResolverClient((functionKey, payload) => invoke(functionKey, payload));
