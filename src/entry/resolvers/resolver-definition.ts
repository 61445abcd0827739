import type { z } from 'zod';

import type { ResolverResult } from '../../contract/result';
import { resolverContract, type ResolverKey, type ResultOf } from '../../contract/resolvers.contract';
import type { JiraClients } from '../../jira/jira-transport';

export type ParsedPayload<K extends ResolverKey> = z.output<(typeof resolverContract)[K]['payload']>;

/**
 * Who may call a resolver, stated as data so the authorization-matrix test can read it.
 * Every rule is checked as the invoking user (`asUser`) before the handler runs.
 */
export type AccessRule<P> =
  | { readonly kind: 'issue'; readonly permission: 'BROWSE_PROJECTS' | 'EDIT_ISSUES'; readonly issueKey: (payload: P) => string }
  | { readonly kind: 'project'; readonly permission: 'BROWSE_PROJECTS' | 'ADMINISTER_PROJECTS'; readonly projectKey: (payload: P) => string }
  | { readonly kind: 'global'; readonly permission: 'ADMINISTER' }
  /**
   * Any signed-in user, for resolvers that only read through `asUser()`: Jira itself limits the
   * answer to what that user may see (boards, sprints, issues), so there is nothing further to check.
   */
  | { readonly kind: 'authenticated' };

/** What the authorization step learned, so handlers need not ask Jira twice. */
export interface Access {
  readonly accountId: string;
  /** Permissions the user holds on the rule's resource (the required one and its companions). */
  readonly granted: ReadonlySet<string>;
}

export interface HandlerContext {
  readonly access: Access;
  readonly jira: JiraClients;
  readonly now: () => Date;
}

/** Real resources in the scenario the authorization matrix aims its forged calls at. */
export interface ExampleTarget {
  readonly issueKey: string;
  readonly projectKey: string;
  readonly postmortemId: string;
}

export interface ResolverDefinition<K extends ResolverKey> {
  readonly key: K;
  readonly access: AccessRule<ParsedPayload<K>>;
  /**
   * A well-formed payload aimed at the given resource. The authorization matrix uses it to forge
   * calls at issues, projects and postmortems the caller may not touch, so new resolvers are covered
   * for free. The resources are real: `postmortemId` names a postmortem started on `issueKey`.
   */
  readonly examplePayload: (target: ExampleTarget) => z.input<(typeof resolverContract)[K]['payload']>;
  handle(payload: ParsedPayload<K>, context: HandlerContext): Promise<ResolverResult<ResultOf<K>>>;
}

/** Type erasure for the registry: each entry keeps its own key/payload pairing inside. */
export type AnyResolverDefinition = { [K in ResolverKey]: ResolverDefinition<K> }[ResolverKey];

export const defineResolver = <K extends ResolverKey>(definition: ResolverDefinition<K>): ResolverDefinition<K> => definition;

export const payloadSchemaOf = (key: ResolverKey): z.ZodType => resolverContract[key].payload;
