/**
 * A typed fake of `callResolver` for the UI's unit tests: one registry of handlers keyed by resolver
 * key, each typed by `resolverContract` (the payload it receives, the result it must answer), in the
 * spirit of grafana synthetic-monitoring-app's handler registry (`src/test/handlers/`) but without
 * MSW: screens take `callResolver` as a dependency, so the fake is handed in instead of the bridge.
 * It records every call, so a test can assert what reached the backend.
 */
import type { PayloadOf, ResolverKey, ResultOf } from '@contract/resolvers.contract';
import type { ErrorCode, ResolverResult } from '@contract/result';

import type { CallResolver } from '../resolver-client';

export type ResolverHandler<K extends ResolverKey> = (payload: PayloadOf<K>) => ResolverResult<ResultOf<K>> | Promise<ResolverResult<ResultOf<K>>>;

/** At most one handler per resolver key; a key without one answers `otherwise` (see below). */
export type ResolverHandlers = { readonly [K in ResolverKey]?: ResolverHandler<K> };

export interface ResolverCall<K extends ResolverKey = ResolverKey> {
  readonly key: K;
  readonly payload: PayloadOf<K>;
}

export interface FakeResolvers {
  /** Hand this to a route or screen where the real one would go. Never rejects, like the real client. */
  readonly callResolver: CallResolver;
  /** Every call, in order, including those no handler answered. */
  readonly calls: readonly ResolverCall[];
  /** The payloads sent to one key, in order, typed by the contract. */
  payloadsOf<K extends ResolverKey>(key: K): Array<PayloadOf<K>>;
  /** Adds or replaces handlers, for a test whose backend changes its answer half-way. */
  use(handlers: ResolverHandlers): void;
}

/** A successful answer, typed by the key it answers. */
export const answer = <T>(data: T): ResolverResult<T> => ({ ok: true, data });

/** A refusal, as the backend words one. */
export const refusal = (code: ErrorCode, message = `Refused: ${code}.`): ResolverResult<never> => ({ ok: false, error: { code, message } });

export interface FakeOptions {
  /**
   * What a key without a handler answers. A failure rather than a thrown error, so a screen under test
   * behaves as it would against a backend that refused, and the test still sees the call in `calls`.
   * By default an INTERNAL failure that names the key.
   */
  readonly otherwise?: ResolverResult<never>;
}

export function createFakeResolvers(initial: ResolverHandlers = {}, options: FakeOptions = {}): FakeResolvers {
  let handlers: ResolverHandlers = { ...initial };
  const calls: ResolverCall[] = [];

  const callResolver: CallResolver = async <K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResolverResult<ResultOf<K>>> => {
    calls.push({ key, payload });
    const handler = handlers[key];
    return handler === undefined ? (options.otherwise ?? refusal('INTERNAL', `The fake backend has no handler for ${key}.`)) : handler(payload);
  };

  return {
    callResolver,
    calls,
    payloadsOf: <K extends ResolverKey>(key: K) => calls.filter((call): call is ResolverCall<K> => call.key === key).map((call) => call.payload),
    use: (more) => {
      handlers = { ...handlers, ...more };
    },
  };
}
