import type { Scenario } from '../scenarios/scenario.schema.js';
import { JiraError } from './jira.errors.js';
import { FaultInjector } from './jira.faults.js';
import { checkLatency, drawLatencyMs, NO_LATENCY, type JiraLatency } from './jira.latency.js';
import { Metering } from './jira.metering.js';
import type { Caller } from './jira.permissions.js';
import { RouteRegistry, type RouteDefinition, type RouteResult } from './jira.router.js';
import { JiraServices, type SearchAlias } from './jira.services.js';
import { JiraStore, type StoredNotification } from './jira.store.js';
import { parseIsoMillis } from './jira.time.js';
import type { FaultRule, JiraHooks, JiraHttpRequest, JiraHttpResponse, MeteringSnapshot } from './jira.types.js';
import { readSearchAliases } from './jql/search-aliases.js';
import { activityRoutes } from './routes/activity.routes.js';
import { agileRoutes } from './routes/agile.routes.js';
import { issueRoutes } from './routes/issue.routes.js';
import { linkAndPropertyRoutes } from './routes/link-property.routes.js';
import { groupRoutes } from './routes/group.routes.js';
import { metaRoutes } from './routes/meta.routes.js';
import { workflowRoutes } from './routes/workflow.routes.js';
import { roleRoutes } from './routes/role.routes.js';
import { searchRoutes } from './routes/search.routes.js';

export const ALL_ROUTES: RouteDefinition[] = [...metaRoutes, ...issueRoutes, ...activityRoutes, ...linkAndPropertyRoutes, ...searchRoutes, ...agileRoutes, ...roleRoutes, ...groupRoutes, ...workflowRoutes];

export interface JiraEmulatorOptions {
  /** the emulator's clock (epoch ms); default: the scenario's `site.now` advancing with real time */
  now?: () => number;
  /** entity-property search aliases; default: read from the repo's manifest.yml */
  searchAliases?: ReadonlyMap<string, SearchAlias>;
}

/** Jira's burst limit headers on a 429. @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/#rate-limit-responses */
function rateLimitHeaders(rule: FaultRule, now: number): Record<string, string> {
  const retryAfter = rule.retryAfterSeconds ?? 5;
  return {
    'Retry-After': String(retryAfter),
    'RateLimit-Reason': 'jira-burst-based',
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-NearLimit': 'true',
    'X-RateLimit-Reset': new Date(now + retryAfter * 1000).toISOString(),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An in-memory Jira Cloud site: REST v3 + Agile 1.0 over a scenario, per-caller permissions,
 * changelog on every change, rate-limit metering and injectable faults. No HTTP: callers pass
 * requests in-process (the sandbox server and the Forge runtime emulator do).
 */
export class JiraEmulator {
  readonly scenario: Scenario;
  readonly metering: { snapshot(): MeteringSnapshot; reset(): void };
  readonly faults: { add(rule: FaultRule): string; clear(): void; list(): FaultRule[] };
  private readonly store: JiraStore;
  private readonly services: JiraServices;
  private readonly router = new RouteRegistry().register(...ALL_ROUTES);
  private readonly meter = new Metering();
  private readonly injector = new FaultInjector();
  private hooks: JiraHooks;
  private latency: JiraLatency = NO_LATENCY;

  private constructor(scenario: Scenario, hooks: JiraHooks, options: JiraEmulatorOptions) {
    this.scenario = scenario;
    this.hooks = hooks;
    this.store = new JiraStore(scenario);
    const start = parseIsoMillis(scenario.site.now);
    const realStart = Date.now();
    const now = options.now ?? (() => start + (Date.now() - realStart));
    this.services = new JiraServices(this.store, now, () => this.hooks, options.searchAliases ?? readSearchAliases());
    this.services.searchIndex.setLag(scenario.site.searchLagMs);
    this.metering = { snapshot: () => this.meter.snapshot(), reset: () => this.meter.reset() };
    this.faults = { add: (r) => this.injector.add(r), clear: () => this.injector.clear(), list: () => this.injector.list() };
  }

  static fromScenario(scenario: Scenario, hooks: JiraHooks = {}, options: JiraEmulatorOptions = {}): JiraEmulator {
    return new JiraEmulator(scenario, hooks, options);
  }

  setHooks(hooks: JiraHooks): void {
    this.hooks = hooks;
  }

  /** Every request waits this long before it is handled (see jira.latency.ts); faults' latency adds to it. */
  setLatency(latency: JiraLatency): void {
    this.latency = checkLatency(latency);
  }

  /** The emulator's current time (epoch ms). */
  now(): number {
    return this.services.now();
  }

  /** How far search lags behind writes (ms); 0 = search sees every write at once. */
  get searchLag(): number {
    return this.services.searchIndex.lag;
  }

  /** Sets the search lag; what was written before counts as indexed. */
  setSearchLag(ms: number): void {
    this.services.searchIndex.setLag(ms);
  }

  /** Route templates served, e.g. for a docs page or a coverage test. */
  routes(): Array<{ method: string; template: string }> {
    return this.router.list().map((r) => ({ method: r.method, template: r.template }));
  }

  async handle(caller: Caller, request: JiraHttpRequest): Promise<JiraHttpResponse> {
    const method = request.method.toUpperCase();
    const [rawPath = '', rawQuery = ''] = request.path.split('?', 2);
    const path = rawPath.replace(/\/+$/, '') || '/';
    const match = this.router.match(method, path);
    const operation = `${method} ${match?.route.template ?? path}`;
    const { latencyMs, failure } = this.injector.take(method, path);
    const waitMs = drawLatencyMs(this.latency) + latencyMs;
    if (waitMs > 0) await sleep(waitMs);
    if (failure !== undefined && !(failure.kind === '500' && failure.afterWrite === true)) {
      this.meter.record(operation, 1);
      if (failure.kind === '429') return respond(429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, rateLimitHeaders(failure, this.services.now()));
      if (failure.kind === '403') return respond(403, { errorMessages: ['You do not have permission to do this (refused by the Firebreak sandbox).'], errors: {} });
      return respond(500, { errorMessages: ['Internal server error (injected by the Firebreak sandbox).'], errors: {} });
    }
    if (match === undefined) {
      this.meter.record(operation, 1);
      return this.router.matchesAnyMethod(path)
        ? respond(405, { errorMessages: [`Method ${method} is not allowed for ${path}.`], errors: {} })
        : respond(404, { errorMessages: [`No Jira REST resource at ${path} in the Firebreak sandbox.`], errors: {} });
    }
    if (caller.kind === 'user' && this.store.user(caller.accountId) === undefined) {
      this.meter.record(operation, 1);
      return respond(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    }
    let result: RouteResult;
    try {
      const body = parseBody(request.body);
      result = await match.route.handler({
        caller, params: match.params, query: new URLSearchParams(rawQuery), body, rawBody: request.body, store: this.store, services: this.services,
      });
    } catch (error) {
      this.meter.record(operation, 1);
      if (error instanceof JiraError) return respond(error.status, { errorMessages: error.errorMessages, errors: error.errors });
      throw error;
    }
    if (match.route.cost === 'write' && result.status < 300) this.services.searchIndex.recordWrite();
    const points = match.route.cost === 'read' ? 1 + (result.objects ?? 0) : 1;
    this.meter.record(operation, points);
    if (failure !== undefined) return respond(500, { errorMessages: ['Internal server error (injected by the Firebreak sandbox after the request was carried out).'], errors: {} });
    return respond(result.status, result.body, result.headers);
  }

  listTransitionRules(workflowKey: string, transitionId: string): Array<{ id: string; key: string; configuration: string | undefined }> {
    return this.transition(workflowKey, transitionId).rules.map((r) => ({ id: r.id, key: r.key, configuration: r.configuration }));
  }

  upsertTransitionRule(workflowKey: string, transitionId: string, rule: { id?: string; key: string; configuration: string | undefined }): { id: string } {
    const transition = this.transition(workflowKey, transitionId);
    const existing = rule.id === undefined ? undefined : transition.rules.find((r) => r.id === rule.id);
    const configuration = rule.configuration === undefined ? {} : { configuration: rule.configuration };
    if (existing !== undefined) {
      existing.key = rule.key;
      if (rule.configuration === undefined) delete existing.configuration;
      else existing.configuration = rule.configuration;
      return { id: existing.id };
    }
    const id = rule.id ?? `rule-${this.store.nextId('rule', 1)}`;
    transition.rules.push({ id, key: rule.key, ...configuration });
    return { id };
  }

  removeTransitionRule(workflowKey: string, transitionId: string, ruleId: string): void {
    const transition = this.transition(workflowKey, transitionId);
    transition.rules = transition.rules.filter((r) => r.id !== ruleId);
  }

  /** The emails `POST issue/{key}/notify` queued, oldest first: what reached the people, for tests. */
  notificationsSent(): readonly StoredNotification[] {
    return this.store.notifications;
  }

  /** Part: updates. The site's outgoing mail switch; off, `POST issue/{key}/notify` answers 403. */
  setOutgoingEmail(enabled: boolean): void {
    this.store.outgoingEmail = enabled;
  }

  stateFingerprint(): string {
    return this.store.fingerprint();
  }

  private transition(workflowKey: string, transitionId: string) {
    const workflow = this.store.workflows.get(workflowKey);
    const transition = workflow?.transitions.find((t) => t.id === transitionId);
    if (transition === undefined) throw new Error(`No transition ${transitionId} in workflow "${workflowKey}"`);
    return transition;
  }
}

function parseBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new JiraError(400, ['Unexpected character in the request body: it is not valid JSON.']);
  }
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): JiraHttpResponse {
  const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
  return { status, headers: { ...(text === '' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }), ...headers }, body: text };
}
