import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Caller, JiraEmulator, ProductEvent, TransitionCheck } from '../jira';
import { AsyncEventsEmulator, type ConsumerOutcome } from './async-events';
import type { KvsEmulator } from './kvs';
import type { AppManifest } from './manifest';
import { checkScopes, scopeRefusal } from './scopes';
import { WEB_TRIGGER_TIMEOUT_MS, WebTriggersEmulator, type WebTriggerOutcome } from './web-triggers';

/** One function invocation as Forge sees it: which module, and whose principal (none for triggers). */
export interface Invocation {
  readonly invocationId: string;
  readonly moduleKey: string;
  readonly accountId: string | undefined;
  readonly startedAt: number;
  /**
   * The invocation a chain of async-event pushes started from: its own id, or for a consumer, the
   * chain of the push that queued its event (Forge's cyclic invocation limit counts per chain).
   */
  readonly chainId: string;
  /** This invocation's time limit: 25 s, or a consumer's own. */
  readonly timeoutMs: number;
  /** Set when the function ran past its time limit: Forge has stopped it, so it reaches nothing any more. */
  stopped: boolean;
}

export interface UiInvocation {
  readonly moduleKey: string;
  readonly functionKey: string;
  readonly payload: unknown;
  readonly accountId: string | undefined;
  /** `context.extension` as the host product builds it (issue, project, gadget configuration …). */
  readonly extension: Readonly<Record<string, unknown>>;
}

/**
 * One attempt at handing a product event to a trigger. `retry-requested`: the function returned an
 * `InvocationError` and Forge will invoke it again; `timed-out`: Forge stopped it at its time limit
 * and retries it on its own; `retries-exhausted`: a retry was due but the event had had all of them;
 * `error`: the function threw, which Forge does not retry.
 */
export interface EventDelivery {
  readonly moduleKey: string;
  readonly eventType: string;
  readonly issueKey: string | undefined;
  readonly outcome: 'ok' | 'error' | 'ignored-self' | 'retry-requested' | 'timed-out' | 'retries-exhausted';
  readonly error?: string;
  /** 0 for the first delivery, then `retryContext.retryCount` of the attempt. */
  readonly retryCount?: number;
  readonly retryAfterSeconds?: number;
  readonly retryReason?: string;
}

/** What a retried delivery carries in `event.retryContext`. */
export interface RetryContext {
  readonly retryCount: number;
  readonly retryReason: string;
  readonly retryData?: unknown;
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

/**
 * Product-event retries: "You can only retry an event for a maximum of four times"; `retryAfter` is in
 * seconds, at most 900 (larger values are lowered to 900); `retryData` must be an object (ECO-734:
 * anything else is not sent on retry) of at most 4 KB. Platform errors (timeouts, out of memory) are
 * retried by Forge itself with `retryReason` FUNCTION_TIME_OUT etc.; the docs give no delay or count
 * for those, so the sandbox waits PLATFORM_RETRY_AFTER_SECONDS and counts them with the app's retries.
 * @see https://developer.atlassian.com/platform/forge/events-reference/product_events/#retry-atlassian-app-events
 */
const MAX_EVENT_RETRIES = 4;
const MAX_RETRY_AFTER_SECONDS = 900;
const MAX_RETRY_DATA_BYTES = 4096;
const PLATFORM_RETRY_AFTER_SECONDS = 60;

/** Forge stopped the function at its time limit. */
export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
}

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
  /**
   * The most Jira requests one invocation of each module had open at once. Forge sets no such limit
   * itself; the app promises at most 8 (src/jira/in-flight-limit.ts), and tests hold it to that.
   */
  readonly peakRequestsInFlight = new Map<string, number>();
  private readonly openRequests = new Map<string, number>();
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
      /** The function time limit; Forge's 25 s unless a test wants a shorter one. */
      readonly functionTimeoutMs?: number;
      /** Multiplies every retry delay (`retryAfter` seconds); tests pass a small factor, counts and shapes stay real. */
      readonly retryDelayScale?: number;
      /**
       * Multiplies the async events' platform durations (delays, retries, backoff, consumer time
       * limits, the 24 h retention and the per-minute window); 1 plays Forge's own schedule.
       */
      readonly asyncTimeScale?: number;
      /** Initial value of `asUserEditsAreSelf`. */
      readonly asUserEditsAreSelf?: boolean;
      /** Users who have not yet allowed the app to act for them (Forge's user consent). */
      readonly usersWithoutAccess?: readonly string[];
      /** Where web trigger URLs point (the sandbox server's origin); see `webTriggerOrigin`. */
      readonly webTriggerOrigin?: string;
      /** The web trigger time limit; Forge's 55 s unless a test wants a shorter one. */
      readonly webTriggerTimeoutMs?: number;
    },
  ) {
    this.asUserEditsAreSelf = options.asUserEditsAreSelf ?? false;
    this.withoutAccess = new Set(options.usersWithoutAccess ?? []);
    this.asyncEvents = new AsyncEventsEmulator(
      options.manifest,
      {
        invokeConsumer: (call) => this.invokeConsumer(call),
        track: (work) => {
          this.track(work);
        },
        log: (line) => {
          this.logs.push(line);
          console.warn(`[sandbox] ${line}`);
        },
      },
      options.asyncTimeScale ?? 1,
    );
    this.webTriggerOrigin = options.webTriggerOrigin ?? options.siteUrl;
    this.webTriggers = new WebTriggersEmulator(options.manifest, {
      invoke: (call) => this.invokeWebTrigger(call),
      origin: () => this.webTriggerOrigin,
      timeoutMs: options.webTriggerTimeoutMs ?? WEB_TRIGGER_TIMEOUT_MS,
      log: (line) => {
        this.logs.push(line);
        console.warn(`[sandbox] ${line}`);
      },
    });
  }

  /** Forge's web triggers: the URLs `webTrigger.getUrl` makes, and the requests sent to them. */
  readonly webTriggers: WebTriggersEmulator;

  /** The origin web trigger URLs are made on: the sandbox server sets it to where it listens. */
  webTriggerOrigin: string;

  /** Forge's async events: the queues `@forge/events` pushes to, and their deliveries to `consumer` modules. */
  readonly asyncEvents: AsyncEventsEmulator;

  /**
   * Whether `ignoreSelf` also drops events caused by the app's `asUser()` requests. Forge documents
   * that it drops the app's own events but not which requests count as the app's, so both readings
   * are played: off (default) only `asApp()` requests count; on, `asUser()` requests made by the app
   * count too.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/
   */
  asUserEditsAreSelf: boolean;

  /** Whether the user has allowed the app to act for them, so `asUser()` requests get a token. */
  hasAllowedAccess(accountId: string): boolean {
    return !this.withoutAccess.has(accountId);
  }

  /** The user's answer to "Allow access" (or an admin revoking it): the control API and the host's prompt call this. */
  setAllowedAccess(accountId: string, allowed: boolean): void {
    if (allowed) this.withoutAccess.delete(accountId);
    else this.withoutAccess.add(accountId);
  }

  private get functionTimeoutMs(): number {
    return this.options.functionTimeoutMs ?? FUNCTION_TIMEOUT_MS;
  }

  /** Puts this runtime behind the globals Atlassian's packages call. One runtime per process at a time. */
  install(): void {
    const { invocations, options } = this;
    const timeoutMs = this.functionTimeoutMs;
    const globals = globalThis as Record<string, unknown>;
    globals['__forge_fetch__'] = (fetchOptions: ForgeFetchOptions, path: string, init?: ForgeFetchInit) =>
      fetchOptions.type === 'fpp' && fetchOptions.remote === 'jira' ? this.countedInFlight(() => this.forgeFetch(fetchOptions, path, init)) : this.forgeFetch(fetchOptions, path, init);
    globals['__forge_runtime__'] = {
      // The installation's context, which `webTrigger.getUrl` sends as `contextId` (node_modules/@forge/api/out/webTrigger.js).
      contextAri: `ari:cloud:jira::site/${options.cloudId}`,
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
          getRemainingTimeInMillis: () => (invocation === undefined ? timeoutMs : invocation.timeoutMs - (Date.now() - invocation.startedAt)),
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
   * drops events the app caused (see `asUserEditsAreSelf`).
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/trigger/
   */
  deliverEvent(event: ProductEvent): void {
    for (const module of this.options.manifest.modulesOfType('trigger')) {
      const events = Array.isArray(module['events']) ? (module['events'] as unknown[]) : [];
      if (!events.includes(event.eventType)) continue;
      const filter = (module['filter'] ?? {}) as { ignoreSelf?: boolean };
      const functionKey = module['function'];
      if (typeof functionKey !== 'string') continue;
      if (filter.ignoreSelf === true && this.causedByApp(event.actor)) {
        this.deliveries.push({ moduleKey: module.key, eventType: event.eventType, issueKey: event.issue.key, outcome: 'ignored-self' });
        continue;
      }
      this.track(this.deliverLater(module.key, functionKey, event, undefined, this.options.eventDelayMs ?? 0));
    }
  }

  private causedByApp(actor: Caller): boolean {
    return actor.kind === 'app' || (this.asUserEditsAreSelf && actor.viaApp === true);
  }

  /**
   * Runs a `scheduledTrigger` now (Forge would on its interval). No user principal, like Forge. The
   * function must answer `{ statusCode }` (204 is success, 5xx an error); anything else Forge records
   * as 424 Failed Dependency, and so does the sandbox, by throwing. (The module page says a returned
   * value is ignored; the function reference asks for the response, so the stricter reading is played.)
   * @see https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/
   */
  async runScheduledTrigger(moduleKey: string): Promise<{ readonly statusCode: number }> {
    const module = this.options.manifest.modulesOfType('scheduledTrigger').find((candidate) => candidate.key === moduleKey);
    const functionKey = module?.['function'];
    if (typeof functionKey !== 'string') throw new Error(`manifest.yml has no scheduledTrigger "${moduleKey}".`);
    const handler = await this.loadFunction(functionKey);
    const response = await this.run(moduleKey, undefined, () => handler({ context: { cloudId: this.options.cloudId, moduleKey }, contextToken: 'sandbox-context-token' }, this.backendPayload(undefined)));
    const statusCode = (response as { statusCode?: unknown } | null | undefined)?.statusCode;
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
      throw new Error(`424 Failed Dependency: scheduled trigger "${moduleKey}" returned ${response === undefined ? 'nothing' : JSON.stringify(response)}, not a response with a statusCode.`);
    }
    return { statusCode };
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

  /**
   * Resolves once every event delivered so far (and those they caused) has been handled. The
   * platform's own timers are unref'd (an event waiting for its time keeps no test process alive),
   * and a pending promise holds nothing either: so while someone waits here, a ref'd timer keeps the
   * process alive, or Node would exit mid-wait when nothing else is (`npm start` plays the demo
   * story, whose alerts go through the async events queue, before its server listens).
   */
  async drain(): Promise<void> {
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * One delivery attempt, and the retries Forge makes after it: when the function RETURNS an
   * `InvocationError` (`@forge/events` builds it as the plain object `{ _retry: true, retryOptions }`),
   * or when Forge stopped it at its time limit. A thrown error is not retried.
   * @see https://developer.atlassian.com/platform/forge/events-reference/product_events/#retry-atlassian-app-events
   */
  private async deliverLater(moduleKey: string, functionKey: string, event: ProductEvent, retryContext: RetryContext | undefined, delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const { actor, ...payload } = event;
    const attempt = { moduleKey, eventType: event.eventType, issueKey: event.issue.key, retryCount: retryContext?.retryCount ?? 0 };
    let retry: { readonly retryAfterSeconds: number; readonly retryReason: string; readonly retryData?: unknown };
    try {
      const handler = await this.loadFunction(functionKey);
      const result = await this.run(moduleKey, undefined, () =>
        handler(
          {
            ...payload,
            selfGenerated: this.causedByApp(actor),
            ...(retryContext === undefined ? {} : { retryContext }),
            context: { cloudId: this.options.cloudId, moduleKey },
          },
          { ...this.backendPayload(undefined), moduleKey },
        ),
      );
      const requested = retryRequestOf(result);
      if (requested === undefined) {
        this.deliveries.push({ ...attempt, outcome: 'ok' });
        return;
      }
      if (typeof requested === 'string') {
        this.deliveries.push({ ...attempt, outcome: 'error', error: requested });
        return;
      }
      retry = requested;
      this.deliveries.push({ ...attempt, outcome: 'retry-requested', retryAfterSeconds: retry.retryAfterSeconds, retryReason: retry.retryReason });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof FunctionTimeoutError)) {
        this.deliveries.push({ ...attempt, outcome: 'error', error: message });
        return;
      }
      retry = { retryAfterSeconds: PLATFORM_RETRY_AFTER_SECONDS, retryReason: 'FUNCTION_TIME_OUT' };
      this.deliveries.push({ ...attempt, outcome: 'timed-out', error: message, retryAfterSeconds: retry.retryAfterSeconds, retryReason: retry.retryReason });
    }
    if (attempt.retryCount >= MAX_EVENT_RETRIES) {
      this.deliveries.push({ ...attempt, outcome: 'retries-exhausted', error: `The event was retried ${String(MAX_EVENT_RETRIES)} times, the most Forge allows.` });
      return;
    }
    const next: RetryContext = { retryCount: attempt.retryCount + 1, retryReason: retry.retryReason, ...(retry.retryData === undefined ? {} : { retryData: retry.retryData }) };
    this.track(this.deliverLater(moduleKey, functionKey, event, next, retry.retryAfterSeconds * 1000 * (this.options.retryDelayScale ?? 1)));
  }

  /**
   * One async event handed to its consumer's function: the event is the function's only argument
   * besides the context, with no user behind it.
   * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/
   */
  private async invokeConsumer(call: { moduleKey: string; functionKey: string; event: unknown; timeoutMs: number; chainId: string }): Promise<ConsumerOutcome> {
    try {
      const handler = await this.loadFunction(call.functionKey);
      const value = await this.run(call.moduleKey, undefined, () => handler(call.event, { ...this.backendPayload(undefined), moduleKey: call.moduleKey }), { timeoutMs: call.timeoutMs, chainId: call.chainId });
      return { kind: 'returned', value };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return error instanceof FunctionTimeoutError ? { kind: 'timed-out', message } : { kind: 'threw', message };
    }
  }

  /**
   * A request to a web trigger URL handed to its function: the request is the first argument, the
   * context has the installation and no user (`asUser()` fails: "asUser API calls will not work in
   * webtrigger functions"), and the limit is 55 s.
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/
   */
  private async invokeWebTrigger(call: { moduleKey: string; functionKey: string; request: unknown; timeoutMs: number }): Promise<WebTriggerOutcome> {
    try {
      const handler = await this.loadFunction(call.functionKey);
      const value = await this.run(call.moduleKey, undefined, () => handler(call.request, { ...this.backendPayload(undefined), moduleKey: call.moduleKey }), { timeoutMs: call.timeoutMs });
      return { kind: 'returned', value };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return error instanceof FunctionTimeoutError ? { kind: 'timed-out', message } : { kind: 'threw', message };
    }
  }

  private async countedInFlight<T>(request: () => Promise<T>): Promise<T> {
    const invocation = this.invocations.getStore();
    if (invocation === undefined) return request();
    const open = (this.openRequests.get(invocation.invocationId) ?? 0) + 1;
    this.openRequests.set(invocation.invocationId, open);
    this.peakRequestsInFlight.set(invocation.moduleKey, Math.max(open, this.peakRequestsInFlight.get(invocation.moduleKey) ?? 0));
    try {
      return await request();
    } finally {
      const left = (this.openRequests.get(invocation.invocationId) ?? 1) - 1;
      if (left === 0) this.openRequests.delete(invocation.invocationId);
      else this.openRequests.set(invocation.invocationId, left);
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

  /**
   * Runs one invocation under the time limit. At the limit Forge stops the function: its process is
   * gone, so nothing it would still do reaches Jira or storage. The sandbox cannot kill the promise
   * chain, so it marks the invocation stopped and `forgeFetch` never answers it again (a request
   * already sent stays sent, as on Forge).
   */
  private async run<T>(moduleKey: string, accountId: string | undefined, work: () => Promise<T>, limits: { timeoutMs?: number; chainId?: string } = {}): Promise<T> {
    const invocationId = randomUUID();
    const timeoutMs = limits.timeoutMs ?? this.functionTimeoutMs;
    const invocation: Invocation = { invocationId, moduleKey, accountId, startedAt: Date.now(), chainId: limits.chainId ?? invocationId, timeoutMs, stopped: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        invocation.stopped = true;
        reject(new FunctionTimeoutError(`Forge function in ${moduleKey} timed out after ${String(timeoutMs / 1000)} s.`));
      }, timeoutMs);
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
    const invocation = this.invocations.getStore();
    if (invocation?.stopped === true) {
      // The closest to a stopped process: the request never leaves, and nothing after it runs.
      this.logs.push(`${invocation.moduleKey}: ${options.type} request ${path} after the function was stopped at its time limit; it never left.`);
      return new Promise<never>(() => undefined);
    }
    if (options.type === 'kvs') {
      return this.options.kvs.handle(path, { method: init?.method ?? 'POST', body: bodyText(init?.body) ?? null, headers: init?.headers });
    }
    if (options.type === 'fpp' && options.remote === 'stargate' && options.provider === 'app' && path.startsWith('/webhook/queue/')) {
      const answer = this.asyncEvents.handle(path, bodyText(init?.body), invocation?.chainId ?? randomUUID());
      return new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers: answer.headers });
    }
    if (options.type === 'fpp' && options.remote === 'stargate' && options.provider === 'app' && path === '/graphql') {
      const answer = this.webTriggers.handleGraphql(bodyText(init?.body));
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
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
    return accountId === undefined ? undefined : { kind: 'user', accountId, viaApp: true };
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

/**
 * The retry a trigger asked for by returning `new InvocationError(options)`: the object
 * `{ _retry: true, retryOptions }` (`@forge/events` out/invocationError.js, whose constructor returns
 * `toJSON()`), with `retryAfter` clamped as Forge does. A string says why the request is refused.
 */
const retryRequestOf = (result: unknown): { retryAfterSeconds: number; retryReason: string; retryData?: unknown } | string | undefined => {
  const candidate = result as { _retry?: unknown; retryOptions?: { retryAfter?: unknown; retryReason?: unknown; retryData?: unknown } } | null | undefined;
  if (candidate?._retry !== true) return undefined;
  const options = candidate.retryOptions ?? {};
  const retryAfter = typeof options.retryAfter === 'number' && Number.isFinite(options.retryAfter) ? options.retryAfter : 1;
  const retryData = options.retryData;
  // ECO-734: retryData that is not an object is not sent on retry.
  const sentData = retryData !== null && typeof retryData === 'object' && !Array.isArray(retryData) ? retryData : undefined;
  if (sentData !== undefined && Buffer.byteLength(JSON.stringify(sentData)) > MAX_RETRY_DATA_BYTES) {
    return `retryData is larger than ${String(MAX_RETRY_DATA_BYTES)} bytes; Forge does not retry with it.`;
  }
  return {
    retryAfterSeconds: Math.min(Math.max(retryAfter, 1), MAX_RETRY_AFTER_SECONDS),
    retryReason: typeof options.retryReason === 'string' ? options.retryReason : 'FUNCTION_RETRY_REQUEST',
    ...(sentData === undefined ? {} : { retryData: sentData }),
  };
};

const parseConfiguration = (configuration: string | undefined): unknown => {
  if (configuration === undefined) return undefined;
  try {
    return JSON.parse(configuration) as unknown;
  } catch {
    return configuration;
  }
};
