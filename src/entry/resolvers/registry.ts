import type { ResolverKey } from '../../contract/resolvers.contract';
import { getReport, saveReport } from './report.resolvers';
import type { AnyResolverDefinition } from './resolver-definition';

/**
 * Every resolver the app serves. The Forge handler, the sandbox and the authorization-matrix test
 * all read this one list, so a resolver added here is wired and security-tested at once.
 */
export const resolverRegistry: readonly AnyResolverDefinition[] = [getReport, saveReport];

export const findResolver = (key: string): AnyResolverDefinition | undefined =>
  resolverRegistry.find((definition) => definition.key === (key as ResolverKey));
