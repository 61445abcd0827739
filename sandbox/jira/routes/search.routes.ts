import { badRequest, JiraError } from '../jira.errors.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import type { JiraStore, StoredIssue } from '../jira.store.js';
import { JqlError } from '../jql/jql.ast.js';
import { searchJql } from '../jql/jql.search.js';
import { decodeOffset, encodeOffset } from './activity.routes.js';
import { bodyObject, issueJson, issueViewOptions, type IssueViewOptions } from './route.helpers.js';

type Json = Record<string, unknown>;

/**
 * Runs JQL for a route against the search index (which may lag behind writes; `reconcile` names
 * issue ids to read as they are now), turning JQL problems into Jira's 400 answer.
 */
export function runJql(ctx: RouteContext, jql: string, requireBounded: boolean, within?: (i: StoredIssue) => boolean, reconcile?: ReadonlySet<string>): StoredIssue[] {
  try {
    return searchJql(jql, {
      store: ctx.services.searchIndex.view(reconcile), caller: ctx.caller, now: ctx.services.now(), aliases: ctx.services.searchAliases, requireBounded,
      ...(within !== undefined ? { within } : {}),
    });
  } catch (error) {
    if (error instanceof JqlError) throw new JiraError(400, [error.message]);
    throw error;
  }
}

/**
 * The matches of the queries whose first page was answered, per view of the site, so the pages
 * after it do not run the query again (a 5,000-issue sprint is 50 pages): the emulator's own speed,
 * not a behaviour. Reused only for a later page of the same query by the same caller while the site
 * took no write and the view is the same; any write runs the query again, as paging a live index does.
 */
interface PagedQuery {
  readonly generation: number;
  readonly at: number;
  readonly issues: StoredIssue[];
}
const pagedQueries = new WeakMap<JiraStore, Map<string, PagedQuery>>();
const PAGED_QUERY_KEEP_MS = 60_000;
const pagedKey = (ctx: RouteContext, jql: string, reconcile: ReadonlySet<string> | undefined): string => JSON.stringify([ctx.caller, jql, [...(reconcile ?? [])]]);

function firstPage(ctx: RouteContext, jql: string, reconcile: ReadonlySet<string> | undefined): StoredIssue[] {
  const issues = runJql(ctx, jql, true, undefined, reconcile);
  const view = ctx.services.searchIndex.view(reconcile);
  const queries = pagedQueries.get(view) ?? new Map<string, PagedQuery>();
  // Old entries go as new ones come: a test run asks thousands of distinct queries.
  for (const [key, entry] of queries) if (ctx.services.now() - entry.at > PAGED_QUERY_KEEP_MS || entry.generation !== ctx.services.searchIndex.generation) queries.delete(key);
  queries.set(pagedKey(ctx, jql, reconcile), { generation: ctx.services.searchIndex.generation, at: ctx.services.now(), issues });
  pagedQueries.set(view, queries);
  return issues;
}

function continuedSearch(ctx: RouteContext, jql: string, reconcile: ReadonlySet<string> | undefined): StoredIssue[] {
  const known = pagedQueries.get(ctx.services.searchIndex.view(reconcile))?.get(pagedKey(ctx, jql, reconcile));
  if (known !== undefined && known.generation === ctx.services.searchIndex.generation && ctx.services.now() - known.at <= PAGED_QUERY_KEEP_MS) return known.issues;
  return runJql(ctx, jql, true, undefined, reconcile);
}

/**
 * Enhanced search: ids only by default; pages of up to 5000 for id/key-only requests, 100 otherwise.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */
function search(ctx: RouteContext, source: Json | undefined) {
  const get = (k: string): unknown => (source === undefined ? (ctx.query.get(k) ?? undefined) : source[k]);
  const jql = get('jql');
  if (jql !== undefined && typeof jql !== 'string') throw badRequest('jql must be a string.');
  const options: IssueViewOptions = issueViewOptions(ctx, false, source);
  const requested = [...options.fields.include];
  const idsOnly = !options.fields.all && requested.every((f) => f === 'id' || f === 'key');
  const cap = idsOnly ? 5000 : 100;
  const rawMax = get('maxResults');
  const maxResults = Math.min(rawMax === undefined ? 50 : Number(rawMax), cap);
  if (!Number.isInteger(maxResults) || maxResults < 0) throw badRequest('maxResults must be a non-negative integer.');
  const token = get('nextPageToken');
  const offset = typeof token === 'string' && token !== '' ? decodeOffset(token) : 0;
  const reconcile = reconcileIds(source === undefined ? ctx.query.getAll('reconcileIssues') : source['reconcileIssues']);
  const issues = offset > 0 ? continuedSearch(ctx, jql ?? '', reconcile) : firstPage(ctx, jql ?? '', reconcile);
  const slice = issues.slice(offset, offset + maxResults);
  const more = offset + slice.length < issues.length;
  const bare = requested.length === 0 && !options.fields.all && options.expand.size === 0 && options.properties.length === 0;
  const render = (i: StoredIssue): Json => {
    if (bare) return { id: i.id };
    if (idsOnly && options.expand.size === 0 && options.properties.length === 0) return { id: i.id, ...(requested.includes('key') ? { key: i.key } : {}) };
    return issueJson(ctx, i, options);
  };
  return {
    status: 200,
    body: { issues: slice.map(render), ...(more ? { nextPageToken: encodeOffset(offset + slice.length) } : {}), isLast: !more },
    objects: slice.length,
  };
}

/**
 * `reconcileIssues`: up to 50 issue ids whose current state search must use (read-after-write).
 * @see https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 */
function reconcileIds(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  const list = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter((item) => item !== '');
  if (list.some((id) => !/^\d+$/.test(id))) throw badRequest('reconcileIssues must be a list of issue ids (numbers).');
  if (list.length > 50) throw badRequest('reconcileIssues accepts at most 50 issue ids.');
  return new Set(list);
}

/** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post */
function approximateCount(ctx: RouteContext) {
  const body = bodyObject(ctx);
  const jql = body['jql'];
  if (typeof jql !== 'string') throw badRequest('jql must be provided.');
  return { status: 200, body: { count: runJql(ctx, jql, true).length }, objects: 1 };
}

export const searchRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/api/3/search/jql', cost: 'read', handler: (ctx) => search(ctx, undefined) },
  { method: 'POST', template: '/rest/api/3/search/jql', cost: 'read', handler: (ctx) => search(ctx, bodyObject(ctx)) },
  { method: 'POST', template: '/rest/api/3/search/approximate-count', cost: 'read', handler: approximateCount },
  {
    method: 'GET', template: '/rest/api/3/search', cost: 'read',
    handler: () => {
      // @see https://developer.atlassian.com/changelog/#CHANGE-2046
      throw new JiraError(410, ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.']);
    },
  },
];
