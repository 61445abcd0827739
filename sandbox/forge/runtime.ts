import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Caller, JiraEmulator, ProductEvent, TransitionCheck } from '../jira';
import type { KvsEmulator } from './kvs';
import type { AppManifest } from './manifest';
import { checkScopes, scopeRefusal } from './scopes';

/** One function invocation as Forge sees it: which module, and whose principal (none for triggers). */
export interface Invocation {
  readonly invocationId: string;
  readonly moduleKey: string;
  readonly accountId: string | undefined;
  readonly startedAt: number;
}

export interface UiInvocation {
  readonly moduleKey: string;
  readonly functionKey: string;
  readonly payload: unknown;
  readonly accountId: string | undefined;
  /** `context.extension` as the host product builds it (issue, project, gadget configuration …). */
  readonly extension: Readonly<Record<string, unknown>>;
}

export interface EventDelivery {
  readonly moduleKey: string;
  readonly eventType: string;
  readonly issueKey: string | undefined;
  readonly outcome: 'ok' | 'error' | 'ignored-self';
  readonly error?: string;
}

type ForgeHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** What a product request answers: Jira's response, or the platform's refusal. */
export interface ProductAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Forge resolvers, triggers and validators get 25 s.
 * @see https://developer.atlassian.com/platform/forge/limits-invocation/
 */
const FUNCTION_TIMEOUT_MS = 25_000;

interface ForgeFetchOptions {
  readonly type: string;
  readonly provider?: string;
  readonly remote?: string;
  readonly accountId?: string;
}

interface ForgeFetchInit {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: unknown;
}

/**
 * The Forge platform as the app's own code meets it. `@forge/api` and `@forge/kvs` reach the platform
 * only through `global.__forge_fetch__` and `global.__forge_runtime__`; this class implements both,
 * so Atlassian's packages run unchanged. It also plays the invoker: it reads manifest.yml, calls the
 * handlers it names with Forge's invocation shapes, delivers product events to `trigger` modules
 * asynchronously, runs scheduled triggers on demand and runs workflow validators on transitions.
 */
export class ForgeRuntimeEmulator {
  private readonly invocations = new AsyncLocalStorage<Invocation>();
  private readonly handlerCache = new Map<string, Promise<ForgeHandler>>();
  private readonly pending = new Set<Promise<void>>();
  /** Wall-clock milliseconds per resolver key, for `npm run bench`. */
  readonly latencies = new Map<string, number[]>();
  readonly deliveries: EventDelivery[] = [];
  readonly logs: string[] = [];
  private readonly withoutAccess: Set<string>;

  constructor(
    private readonly options: {
      readonly appRoot: string;
      readonly manifest: AppManifest;
      readonly jira: JiraEmulator;
      readonly kvs: KvsEmulator;
      readonly cloudId: string;
      readonly siteUrl: string;
      /** Delay before a product event reaches its trigger; Forge delivers asynchronously. */
      readonly eventDelayMs?: number;
      /** Users who have not yet allowed the app to act for them (Forge's user consent). */
      readonly usersWithoutAccess?: readonly string[];
    },
  ) {
    this.withoutAccess = new Set(options.usersWithoutAccess ?? []);
  }

  /** Whether the user has allowed the app to act for them, so `asUser()` requests get a token. */
  hasAllowedAccess(accountId: string): boolean {
    return !this.withoutAccess.has(accountId);
  }

  /** The user's answer to "Allow access" (or an admin revoking it): the control API and the host's prompt call this. */
  setAllowedAccess(accountId: string, allowed: boolean): void {
    if (allowed) this.withoutAccess.delete(accountId);
    else this.withoutAccess.add(accountId);
  }

  /** Puts this runtime behind the globals Atlassian's packages call. One runtime per process at a time. */
  install(): void {
    const { invocations, options } = this;
    const globals = globalThis as Record<string, unknown>;
    globals['__forge_fetch__'] = (fetchOptions: ForgeFetchOptions, path: string, init?: ForgeFetchInit) => this.forgeFetch(fetchOptions, path, init);
    globals['__forge_runtime__'] = {
      get appContext() {
        const invocation = invocations.getStore();
        return {
          // The bare id: getAppContext() builds the ARI from it (node_modules/@forge/api/out/api/ari.js).
          appId: options.manifest.raw.app.id.replace(/^ari:cloud:ecosystem::app\//, ''),
          appVersion: '1.0.0',
          environmentId: 'sandbox-environment',
          environmentType: 'DEVELOPMENT',
          invocationId: invocation?.invocationId ?? 'outside-invocation',
          installationId: `sandbox-installation-${options.cloudId}`,
          moduleKey: invocation?.moduleKey ?? '',
          license: { isActive: true },
          permissions: { scopes: options.manifest.scopes, external: {} },
        };
      },
      get lambdaContext() {
        const invocation = invocations.getStore();
        return {
          getRemainingTimeInMillis: () => FUNCTION_TIMEOUT_MS - (invocation === undefined ? 0 : Date.now() - invocation.startedAt),
        };
      },
      metrics: {
        counter: () => ({ incr: () => undefined, decr: () => undefined }),
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
        gauge: () => ({ set: () => undefined }),
      },
      tracing: { traceId: 'sandbox-trace', spanId: 'sandbox-span' },
      proxy: { token: 'sandbox-token', url: 'http://sandbox.invalid' },
    };
  }

  /** Invokes the resolver behind a UI module, as the signed-in user, like a Custom UI `invoke` does. */
  async invokeUi(call: UiInvocation): Promise<unknown> {
    const module = this.options.manifest.module(call.moduleKey);
    if (module === undefined) throw new Error(`manifest.yml has no module "${call.moduleKey}".`);
    const functionKey = this.options.manifest.resolverFunctionOf(call.moduleKey);
    if (functionKey === undefined) throw new Error(`Module "${call.moduleKey}" has no resolver function.`);
    const handler = await this.loadFunction(functionKey);
    const started = performance.now();
    try {
      return await this.run(call.moduleKey, call.accountId, () =>
        handler(
          {
            call: { functionKey: call.functionKey, payload: call.payload },
            context: {
              localId: `${call.moduleKey}-local`,
              cloudId: this.options.cloudId,
              siteUrl: this.options.siteUrl,
              moduleKey: call.moduleKey,
              environmentType: 'DEVELOPMENT',
              extension: { type: module.type, ...call.extension },
            },
          },
          this.backendPayload(call.accountId),
        ),
      );
    } finally {
      const samples = this.latencies.get(call.functionKey) ?? [];
      samples.push(performance.now() - started);
      this.latencies.set(call.functionKey, samples);
    }
  }

  /**
   * Hands a product event to every `trigger` module subscribed to it, asynchronously (Forge delivers
   * events seconds to minutes later, never inside the request that caused them). `ignoreSelf`
   * drops events the app caused.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/
   */
  deliverEvent(event: ProductEvent): void {
    for (const module of this.options.manifest.modulesOfType('trigger')) {
      const events = Array.isArray(module['events']) ? (module['events'] as unknown[]) : [];
      if (!events.includes(event.eventType)) continue;
      const filter = (module['filter'] ?? {}) as { ignoreSelf?: boolean };
      const functionKey = module['function'];
      if (typeof functionKey !== 'string') continue;
      if (filter.ignoreSelf === true && event.actor.kind === 'app') {
        this.deliveries.push({ moduleKey: module.key, eventType: event.eventType, issueKey: event.issue.key, outcome: 'ignored-self' });
        continue;
      }
      this.track(this.deliverLater(module.key, functionKey, event));
    }
  }

  /** Runs a `scheduledTrigger` now (Forge would on its interval). No user principal, like Forge. */
  async runScheduledTrigger(moduleKey: string): Promise<unknown> {
    const module = this.options.manifest.modulesOfType('scheduledTrigger').find((candidate) => candidate.key === moduleKey);
    const functionKey = module?.['function'];
    if (typeof functionKey !== 'string') throw new Error(`manifest.yml has no scheduledTrigger "${moduleKey}".`);
    const handler = await this.loadFunction(functionKey);
    return this.run(moduleKey, undefined, () => handler({ context: { cloudId: this.options.cloudId, moduleKey } }, this.backendPayload(undefined)));
  }

  /**
   * Runs the function-based validators configured on a transition. A validator that throws or times
   * out blocks the transition, the conservative reading of Forge's undocumented behaviour.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
   */
  async runValidators(check: TransitionCheck): Promise<string[]> {
    const messages: string[] = [];
    for (const rule of check.rules) {
      const module = this.options.manifest.modulesOfType('jira:workflowValidator').find((candidate) => candidate.key === rule.key);
      const functionKey = module?.['function'];
      if (module === undefined || typeof functionKey !== 'string') continue;
      const handler = await this.loadFunction(functionKey);
      try {
        const result = (await this.run(module.key, undefined, () =>
          handler(
            {
              issue: { key: check.issueKey },
              configuration: parseConfiguration(rule.configuration),
              transition: { from: { id: check.fromStatusId }, to: { id: check.toStatusId } },
            },
            { ...this.backendPayload(undefined), moduleKey: module.key },
          ),
        )) as { result?: unknown; errorMessage?: unknown } | undefined;
        if (result?.result !== true) {
          messages.push(typeof result?.errorMessage === 'string' ? result.errorMessage : `The ${this.options.manifest.titleOf(module)} rule blocked this transition.`);
        }
      } catch (error) {
        messages.push(`The ${this.options.manifest.titleOf(module)} rule failed to run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return messages;
  }

  /** Resolves once every event delivered so far (and those they caused) has been handled. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async deliverLater(moduleKey: string, functionKey: string, event: ProductEvent): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.options.eventDelayMs ?? 0));
    const { actor, ...payload } = event;
    try {
      const handler = await this.loadFunction(functionKey);
      await this.run(moduleKey, undefined, () =>
        handler(
          { ...payload, selfGenerated: actor.kind === 'app', context: { cloudId: this.options.cloudId, moduleKey } },
          { ...this.backendPayload(undefined), moduleKey },
        ),
      );
      this.deliveries.push({ moduleKey, eventType: event.eventType, issueKey: event.issue.key, outcome: 'ok' });
    } catch (error) {
      this.deliveries.push({
        moduleKey,
        eventType: event.eventType,
        issueKey: event.issue.key,
        outcome: 'error',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private backendPayload(accountId: string | undefined): Record<string, unknown> {
    return {
      ...(accountId === undefined ? {} : { principal: { accountId } }),
      installContext: `ari:cloud:jira::site/${this.options.cloudId}`,
      license: { isActive: true },
    };
  }

  private async run<T>(moduleKey: string, accountId: string | undefined, work: () => Promise<T>): Promise<T> {
    const invocation: Invocation = { invocationId: randomUUID(), moduleKey, accountId, startedAt: Date.now() };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`Forge function in ${moduleKey} timed out after ${FUNCTION_TIMEOUT_MS / 1000} s.`));
      }, FUNCTION_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([this.invocations.run(invocation, work), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private loadFunction(functionKey: string): Promise<ForgeHandler> {
    const cached = this.handlerCache.get(functionKey);
    if (cached !== undefined) return cached;
    const { file, exportName } = this.options.manifest.functionHandler(functionKey);
    const loading = import(pathToFileURL(join(this.options.appRoot, 'src', `${file}.ts`)).href).then((module: Record<string, unknown>) => {
      const handler = module[exportName];
      if (typeof handler !== 'function') throw new Error(`src/${file}.ts does not export a function "${exportName}" (function "${functionKey}").`);
      return handler as ForgeHandler;
    });
    this.handlerCache.set(functionKey, loading);
    return loading;
  }

  private async forgeFetch(options: ForgeFetchOptions, path: string, init: ForgeFetchInit | undefined): Promise<Response> {
    if (options.type === 'kvs') {
      return this.options.kvs.handle(path, { method: init?.method ?? 'POST', body: bodyText(init?.body) ?? null, headers: init?.headers });
    }
    if (options.type !== 'fpp' || options.remote !== 'jira') {
      return new Response('', { status: 501, headers: { 'forge-proxy-error': 'UNSUPPORTED_IN_SANDBOX' } });
    }
    const caller = this.callerFor(options);
    if (caller === undefined) {
      // No user behind this invocation (a trigger or scheduled job calling asUser()).
      return new Response('', { status: NEEDS_CONSENT.status, headers: NEEDS_CONSENT.headers });
    }
    const answer = await this.requestProduct(caller, (init?.method ?? 'GET').toUpperCase(), path, bodyText(init?.body));
    return new Response(answer.status === 204 || answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
  }

  /**
   * A product request as Forge's proxy handles it, from a function (`requestJira`) or from a Custom UI
   * frame (`@forge/bridge` `requestJira`, which the host relays): the app's manifest scopes are
   * checked for the operation first, then Jira answers as the caller.
   */
  async requestProduct(caller: Caller, method: string, path: string, body: string | undefined): Promise<ProductAnswer> {
    if (caller.kind === 'user' && !this.hasAllowedAccess(caller.accountId)) return NEEDS_CONSENT;
    const verdict = await checkScopes(method, path, this.options.manifest.scopes);
    if (verdict.kind !== 'granted') {
      const refusal = scopeRefusal(verdict);
      this.logs.push(refusal.explanation);
      console.warn(`[sandbox] Forge refused ${method} ${path}: ${refusal.explanation}`);
      return refusal;
    }
    return this.options.jira.handle(caller, { method, path, ...(body === undefined ? {} : { body }) });
  }

  private callerFor(options: ForgeFetchOptions): Caller | undefined {
    if (options.provider === 'app') return { kind: 'app' };
    const accountId = options.accountId ?? this.invocations.getStore()?.accountId;
    return accountId === undefined ? undefined : { kind: 'user', accountId };
  }
}

/**
 * How Forge's proxy refuses an `asUser()` request it holds no user token for: the user has not
 * allowed the app to act for them (or there is no user at all). The `forge-proxy-error` header is
 * what `@forge/api` reads: it throws `NeedsAuthenticationError` (`NEEDS_AUTHENTICATION_ERR`,
 * "Authentication Required") instead of returning a response (`handleProxyResponseErrors` in
 * node_modules/@forge/api/out/api/fetch.js, errors.js). Forge then asks the user to allow access.
 * @see https://developer.atlassian.com/platform/forge/add-scopes-to-call-an-atlassian-rest-api/
 */
export const NEEDS_CONSENT: ProductAnswer = { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' }, body: '' };

/** Whether an error is `@forge/api`'s NeedsAuthenticationError (by name: packages may be duplicated). */
export const isConsentRequired = (error: unknown): boolean => error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR';

const bodyText = (body: unknown): string | undefined => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return JSON.stringify(body);
};

const parseConfiguration = (configuration: string | undefined): unknown => {
  if (configuration === undefined) return undefined;
  try {
    return JSON.parse(configuration) as unknown;
  } catch {
    return configuration;
  }
};
