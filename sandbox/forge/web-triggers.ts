import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { AppManifest } from './manifest';
import type { ProductAnswer } from './runtime';

/**
 * Forge's web triggers as the platform serves them. The app's own code uses Atlassian's package
 * unchanged: `webTrigger.getUrl`, `queryUrls` and `deleteUrl` POST GraphQL to `/graphql` through
 * `@forge/api`'s `__requestAtlassianAsApp` (node_modules/@forge/api/out/webTrigger.js: the
 * `createWebTriggerUrl`, `webTriggerUrlsByAppContext` and `deleteWebTriggerUrl` operations); the
 * runtime routes those requests here. A URL is served on the sandbox's own origin with the real
 * path shape (`https://<uuid>.hello.atlassian-dev.net/x1/<id>` on Forge, `<origin>/x1/<id>` here),
 * and a request to it invokes the `webtrigger` module's function with Forge's request shape.
 *
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/web-trigger-api/
 * @see https://developer.atlassian.com/platform/forge/events-reference/web-trigger/ (request and response)
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/
 * @see https://developer.atlassian.com/platform/forge/limits-invocation/ ("Runtime seconds (web-triggers) 55"; payloads 5 MB)
 * @see https://developer.atlassian.com/platform/forge/limits-web-trigger/ (create 500/min, get 1,000/min, delete 500/min)
 */

/** "Runtime seconds (web-triggers): 55. Maximum runtime permitted before the app is stopped." */
export const WEB_TRIGGER_TIMEOUT_MS = 55_000;
/**
 * "Webtrigger request and response sizes (including body, headers, query parameters, and all other
 * metadata) are subject to the function request and response payload sizes": 5 MB per invocation.
 * The sandbox measures the request as the JSON the function receives, which is what Forge serialises.
 */
export const MAX_WEB_TRIGGER_PAYLOAD_BYTES = 5 * 1024 * 1024;
/** "Create: 500 requests per minute per app, env, context". */
export const MAX_URL_CREATES_PER_MINUTE = 500;

/** What reaches the sandbox's HTTP server at `/x1/<id>…`. Header names keep the sender's case. */
export interface IncomingWebTriggerRequest {
  readonly method: string;
  /** The path as sent, starting with `/x1/<id>`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly queryParameters: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

export interface WebTriggerAnswer {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

/** How the function's invocation ended, as the runtime saw it. */
export type WebTriggerOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly message: string }
  | { readonly kind: 'timed-out'; readonly message: string };

export interface WebTriggerHooks {
  readonly invoke: (call: { moduleKey: string; functionKey: string; request: unknown; timeoutMs: number }) => Promise<WebTriggerOutcome>;
  /** `http://localhost:7700`: where the sandbox's server answers, so URLs made now point at it. */
  readonly origin: () => string;
  /** The function's time limit: {@link WEB_TRIGGER_TIMEOUT_MS}, shorter in tests. */
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

interface UrlRecord {
  readonly id: string;
  readonly moduleKey: string;
  readonly contextId: string;
  /** The URL `getUrl` made without `forceCreate`: the stable one for (module, context). */
  readonly stable: boolean;
  readonly createdAt: number;
  deleted: boolean;
}

/** One delivery to a web trigger, for tests and the sandbox's log. */
export interface WebTriggerDelivery {
  readonly urlId: string;
  readonly moduleKey: string | undefined;
  readonly method: string;
  readonly status: number;
  readonly outcome: 'answered' | 'unknown-url' | 'too-large' | 'threw' | 'timed-out' | 'incompatible-result';
  readonly error?: string;
}

const graphqlSchema = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).default({}) });
const createInputSchema = z.object({
  input: z.object({ appId: z.string(), envId: z.string(), triggerKey: z.string(), contextId: z.string().min(1) }).loose(),
  forceCreate: z.boolean().optional().nullable(),
});

/**
 * The function's answer, as Forge takes it: "If the function result is not compatible with the JSON
 * format, then an error response with status code 500 is sent."
 */
const responseSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  statusText: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
});

const PATH = /^\/(?:x1|public)\/([^/?#]+)(\/[^?#]*)?$/;

export class WebTriggersEmulator {
  private readonly urls = new Map<string, UrlRecord>();
  private creates: number[] = [];
  readonly deliveries: WebTriggerDelivery[] = [];

  constructor(
    private readonly manifest: AppManifest,
    private readonly hooks: WebTriggerHooks,
  ) {}

  /** Answers `@forge/api`'s `/graphql` request for web trigger URLs (create, list, delete). */
  handleGraphql(body: string | undefined): ProductAnswer {
    let parsed: z.infer<typeof graphqlSchema>;
    try {
      parsed = graphqlSchema.parse(JSON.parse(body ?? ''));
    } catch {
      return json(400, { errors: [{ message: 'Not a GraphQL request.' }] });
    }
    if (parsed.query.includes('createWebTriggerUrl')) return this.create(parsed.variables);
    if (parsed.query.includes('deleteWebTriggerUrl')) return this.delete(parsed.variables);
    if (parsed.query.includes('webTriggerUrlsByAppContext')) {
      const contextId = typeof parsed.variables['contextId'] === 'string' ? parsed.variables['contextId'] : '';
      const listed = [...this.urls.values()].filter((url) => !url.deleted && url.contextId === contextId).map((url) => ({ triggerKey: url.moduleKey, url: this.urlOf(url.id) }));
      return json(200, { data: { webTriggerUrlsByAppContext: listed } });
    }
    return json(200, { data: null, errors: [{ message: 'The sandbox serves only the web trigger URL operations of the GraphQL gateway.' }] });
  }

  /** The live URLs, for tests and the control API. */
  liveUrls(): ReadonlyArray<{ readonly id: string; readonly moduleKey: string; readonly url: string }> {
    return [...this.urls.values()].filter((url) => !url.deleted).map((url) => ({ id: url.id, moduleKey: url.moduleKey, url: this.urlOf(url.id) }));
  }

  /** The id in a web trigger URL (what `deleteUrl` parses), or undefined. */
  static idOf(url: string): string | undefined {
    const match = /\/(?:x1|public)\/([^/?#]+)/.exec(url);
    return match?.[1];
  }

  /**
   * A request to `<origin>/x1/<id>…`: the function of the URL's module is invoked with Forge's
   * request shape and a context with no user; its `{ statusCode, headers, body }` is the answer.
   */
  async receive(request: IncomingWebTriggerRequest): Promise<WebTriggerAnswer> {
    const match = PATH.exec(request.path);
    const id = match?.[1] ?? '';
    const record = this.urls.get(id);
    const base = { urlId: id, moduleKey: record?.moduleKey, method: request.method };
    if (record === undefined || record.deleted) {
      // Forge's answer for a deleted or unknown id is not documented; 404 is what any gateway says.
      this.deliveries.push({ ...base, status: 404, outcome: 'unknown-url' });
      return text(404, 'No web trigger at this URL.');
    }
    const module = this.manifest.modulesOfType('webtrigger').find((candidate) => candidate.key === record.moduleKey);
    const functionKey = module?.['function'];
    if (typeof functionKey !== 'string') {
      this.deliveries.push({ ...base, status: 404, outcome: 'unknown-url' });
      return text(404, 'No web trigger at this URL.');
    }
    const event = {
      method: request.method.toUpperCase(),
      path: request.path,
      userPath: match?.[2] ?? '',
      headers: request.headers,
      queryParameters: request.queryParameters,
      body: request.body,
    };
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_WEB_TRIGGER_PAYLOAD_BYTES) {
      // The platform refuses before invoking: the function never sees an oversized request.
      this.deliveries.push({ ...base, status: 413, outcome: 'too-large' });
      return text(413, 'The request is larger than the 5 MB a Forge function accepts.');
    }
    const outcome = await this.hooks.invoke({ moduleKey: record.moduleKey, functionKey, request: event, timeoutMs: this.hooks.timeoutMs });
    if (outcome.kind === 'timed-out') {
      // ECO-75: a web trigger stopped at its runtime limit answers 424 Failed Dependency.
      // @see https://jira.atlassian.com/browse/ECO-75
      this.deliveries.push({ ...base, status: 424, outcome: 'timed-out', error: outcome.message });
      this.hooks.log(`web trigger ${record.moduleKey}: ${outcome.message}`);
      return text(424, 'Failed Dependency');
    }
    if (outcome.kind === 'threw') {
      this.deliveries.push({ ...base, status: 500, outcome: 'threw', error: outcome.message });
      this.hooks.log(`web trigger ${record.moduleKey} threw: ${outcome.message}`);
      return text(500, 'Internal Server Error');
    }
    const response = responseSchema.safeParse(outcome.value);
    const size = response.success ? Buffer.byteLength(JSON.stringify(response.data)) : 0;
    if (!response.success || size > MAX_WEB_TRIGGER_PAYLOAD_BYTES) {
      const error = response.success ? 'The response is larger than 5 MB.' : 'The function returned something other than { statusCode, headers?, body? }.';
      this.deliveries.push({ ...base, status: 500, outcome: 'incompatible-result', error });
      this.hooks.log(`web trigger ${record.moduleKey}: ${error}`);
      return text(500, 'Internal Server Error');
    }
    const { statusCode, statusText, headers, body } = response.data;
    this.deliveries.push({ ...base, status: statusCode, outcome: 'answered' });
    return { status: statusCode, ...(statusText === undefined ? {} : { statusText }), headers: headers ?? {}, body: body ?? '' };
  }

  private urlOf(id: string): string {
    return `${this.hooks.origin()}/x1/${id}`;
  }

  private create(variables: Record<string, unknown>): ProductAnswer {
    const parsed = createInputSchema.safeParse(variables);
    if (!parsed.success) return json(200, { data: null, errors: [{ message: 'Invalid WebTriggerUrlInput.' }] });
    const { input, forceCreate } = parsed.data;
    if (!this.manifest.modulesOfType('webtrigger').some((module) => module.key === input.triggerKey)) {
      return json(200, { data: { createWebTriggerUrl: null }, errors: [{ message: `The app has no webtrigger module "${input.triggerKey}".` }] });
    }
    if (forceCreate !== true) {
      const stable = [...this.urls.values()].find((url) => url.stable && !url.deleted && url.moduleKey === input.triggerKey && url.contextId === input.contextId);
      if (stable !== undefined) return json(200, { data: { createWebTriggerUrl: { url: this.urlOf(stable.id) } } });
    }
    const now = Date.now();
    this.creates = this.creates.filter((at) => now - at < 60_000);
    if (this.creates.length >= MAX_URL_CREATES_PER_MINUTE) return json(429, { errors: [{ message: 'Rate limit exceeded: 500 web trigger URLs per minute.' }] });
    this.creates.push(now);
    const id = randomUUID();
    this.urls.set(id, { id, moduleKey: input.triggerKey, contextId: input.contextId, stable: forceCreate !== true, createdAt: now, deleted: false });
    return json(200, { data: { createWebTriggerUrl: { url: this.urlOf(id) } } });
  }

  private delete(variables: Record<string, unknown>): ProductAnswer {
    const id = typeof variables['id'] === 'string' ? variables['id'] : '';
    const record = this.urls.get(id);
    if (record === undefined || record.deleted) {
      return json(200, { data: { deleteWebTriggerUrl: { success: false, message: `No web trigger URL with id ${id}.` } } });
    }
    record.deleted = true;
    return json(200, { data: { deleteWebTriggerUrl: { success: true, message: null } } });
  }
}

const json = (status: number, body: unknown): ProductAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const text = (status: number, body: string): WebTriggerAnswer => ({ status, headers: { 'content-type': ['text/plain'] }, body });
