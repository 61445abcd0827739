import Resolver from '@forge/resolver';

import { forgeJiraClients } from '../../jira/forge-transport';
import { resolverRegistry } from './registry';
import { runResolver } from './run-resolver';

const resolver = new Resolver();

for (const definition of resolverRegistry) {
  resolver.define(definition.key, ({ payload, context }) =>
    runResolver(definition, payload, context as { accountId?: string }, {
      // Built per call: Forge reuses warm processes across tenants, so nothing tenant-bound lives at module scope.
      jira: forgeJiraClients(),
      now: () => new Date(),
      log: (message, detail) => {
        console.error(message, detail);
      },
    }),
  );
}

/** The `resolver` function named in manifest.yml. */
export const handler = resolver.getDefinitions();
