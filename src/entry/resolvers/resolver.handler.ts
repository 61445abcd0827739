import { makeResolver, type ResolverFunction } from '@forge/resolver';

import { forgeJiraClients } from '../../jira/forge-transport';
import { resolverRegistry } from './registry';
import { runResolver } from './run-resolver';

/**
 * One Forge resolver function for every key in the registry. `makeResolver` (a named export) rather
 * than `new Resolver()` (a default export): Node's ESM loader, which the sandbox runs under, hands a
 * CommonJS default export over as the whole module object, while named exports resolve the same in
 * Node and in Forge's bundler.
 */
const handlers: Record<string, ResolverFunction> = Object.fromEntries(
  resolverRegistry.map((definition) => [
    definition.key,
    ({ payload, context }) =>
      runResolver(definition, payload, context, {
        // Built per call: Forge reuses warm processes across tenants, so nothing tenant-bound lives at module scope.
        jira: forgeJiraClients(),
        now: () => new Date(),
        log: (message, detail) => {
          console.error(message, detail);
        },
      }),
  ]),
);

/** The `resolver` function named in manifest.yml. */
export const handler = makeResolver(handlers as never);
