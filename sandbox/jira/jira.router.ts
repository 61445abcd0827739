import type { Caller } from './jira.permissions.js';
import type { JiraStore } from './jira.store.js';
import type { JiraServices } from './jira.services.js';

export interface RouteContext {
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  /** parsed JSON body (undefined when none was sent) */
  body: unknown;
  rawBody: string | undefined;
  store: JiraStore;
  services: JiraServices;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** core objects returned, for rate-limit points (1 per request + 1 per object for reads) */
  objects?: number;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** path template as in Jira's docs, e.g. `/rest/api/3/issue/{issueIdOrKey}` */
  template: string;
  /** reads cost 1 + objects; writes cost 1 (POSTs that only read, like search, are `read`) */
  cost: 'read' | 'write';
  handler: RouteHandler;
}

interface CompiledRoute extends RouteDefinition {
  regex: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export interface RouteMatch { route: RouteDefinition; params: Record<string, string> }

/**
 * One registry of method + path template → handler. Templates are matched segment by segment;
 * when several match (e.g. `/issue/bulkfetch` and `/issue/{issueIdOrKey}`) the one with more
 * literal segments wins, so registration order never matters.
 */
export class RouteRegistry {
  private readonly routes: CompiledRoute[] = [];

  register(...defs: RouteDefinition[]): this {
    for (const def of defs) {
      const paramNames: string[] = [];
      const segments = def.template.split('/');
      const pattern = segments
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (m?.[1] !== undefined) {
            paramNames.push(m[1]);
            return '([^/]+)';
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      this.routes.push({ ...def, regex: new RegExp(`^${pattern}/?$`), paramNames, literalSegments: segments.length - paramNames.length });
    }
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    let best: { route: CompiledRoute; values: string[] } | undefined;
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (m === null) continue;
      if (best === undefined || route.literalSegments > best.route.literalSegments) best = { route, values: m.slice(1) };
    }
    if (best === undefined) return undefined;
    const params: Record<string, string> = {};
    best.route.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(best.values[i] ?? '');
    });
    return { route: best.route, params };
  }

  /** Whether any method serves this path (for 405 vs 404). */
  matchesAnyMethod(path: string): boolean {
    return this.routes.some((r) => r.regex.test(path));
  }

  list(): RouteDefinition[] {
    return [...this.routes];
  }
}
