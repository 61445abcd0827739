import { readFileSync } from 'node:fs';

import { getMissingScopes, type RequiredScopes } from '@forge/manifest';
import { z } from 'zod';

/**
 * Which OAuth scopes a Jira REST operation needs, and whether an app's manifest holds them, judged the
 * way Forge judges them. The data is `data/jira-rest-scopes.json`, a copy of the team's extract of
 * Atlassian's OpenAPI specifications (its `about` says where each part comes from and under which
 * licence), vendored so a clean clone runs without `../shared`. Refresh it from
 * `../shared/platform/jira-rest-scopes.json` when Atlassian changes scopes.
 * @see https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/
 * @see https://developer.atlassian.com/cloud/jira/software/scopes-for-oauth-2-3LO-and-forge-apps/
 */

const scopeEntrySchema = z
  .object({ classic: z.array(z.string()).optional(), granular: z.array(z.string()).optional(), deprecated: z.boolean().optional() })
  .strict();
const scopeTableSchema = z.object({ about: z.array(z.string()), operations: z.record(z.string(), scopeEntrySchema) }).loose();

export type ScopeEntry = z.infer<typeof scopeEntrySchema>;

/** Where the table lives in the repository, for messages that tell a developer what to edit. */
export const SCOPE_TABLE_PATH = 'sandbox/forge/data/jira-rest-scopes.json';

interface OperationTemplate {
  readonly operation: string;
  readonly method: string;
  /** Path segments; `undefined` marks a `{parameter}` segment, which matches any one segment. */
  readonly segments: readonly (string | undefined)[];
  readonly entry: ScopeEntry;
}

const loadTemplates = (): OperationTemplate[] => {
  const table = scopeTableSchema.parse(JSON.parse(readFileSync(new URL('./data/jira-rest-scopes.json', import.meta.url), 'utf8')));
  return Object.entries(table.operations).map(([operation, entry]) => {
    const [method = '', path = ''] = operation.split(' ');
    return { operation, method, segments: segmentsOf(path).map((segment) => (/^\{[^}]+\}$/.test(segment) ? undefined : segment)), entry };
  });
};

/** The path part only: no query string or fragment, no trailing slash. */
const segmentsOf = (path: string): string[] => (path.split(/[?#]/)[0] ?? '').replace(/\/+$/, '').split('/');

let templates: OperationTemplate[] | undefined;

export interface OperationMatch {
  /** The operation as the table names it: `GET /rest/api/3/issue/{issueIdOrKey}`. */
  readonly operation: string;
  readonly entry: ScopeEntry;
}

/**
 * The table's operation for a request. A path may match several templates (`/issue/bulkfetch` and
 * `/issue/{issueIdOrKey}`); like a router, the most literal one wins: at the first segment where two
 * candidates differ, a literal beats a parameter. A segment that contains `{` is a placeholder the
 * caller could not resolve (the manifest test passes `route` templates that way); it never equals a
 * literal, so it only matches a parameter.
 */
export const findOperation = (method: string, path: string): OperationMatch | undefined => {
  templates ??= loadTemplates();
  const wanted = method.toUpperCase();
  const segments = segmentsOf(path);
  const candidates = templates.filter(
    (template) =>
      template.method === wanted &&
      template.segments.length === segments.length &&
      template.segments.every((literal, index) => (literal === undefined ? segments[index] !== '' : literal === segments[index])),
  );
  const [best] = candidates.sort((a, b) => {
    for (let index = 0; index < a.segments.length; index += 1) {
      const aLiteral = a.segments[index] !== undefined;
      const bLiteral = b.segments[index] !== undefined;
      if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
    }
    return 0;
  });
  return best === undefined ? undefined : { operation: best.operation, entry: best.entry };
};

/**
 * The table's entry in the shape `getMissingScopes` takes. That function (node_modules/@forge/manifest/
 * out/scopes/index.js) grants a request when the app holds every scope of `current`, or every scope of
 * a non-empty `beta`; it grants it outright when `current` is empty (and refuses it outright when the
 * app declares no scope at all). `@forge/lint`'s permission linter feeds it the OpenAPI's "Current"
 * scopes as `current` and its "Beta" scopes as `beta`, so the classic set goes to `current` and the
 * granular set to `beta`. Where an operation has no classic set (the Agile API has granular scopes
 * only, and a few platform operations list an empty classic set), passing the granular set as `beta`
 * beside an empty `current` would grant it to every app, which Jira does not ("Unauthorized; scope
 * does not match" for Agile calls without their granular scopes): the granular set becomes `current`.
 * An operation whose table entry lists both sets empty needs no scope (`GET /rest/api/3/serverInfo`);
 * one with no scope data at all is `undefined`, and the caller must not guess.
 */
export const requiredScopesOf = (entry: ScopeEntry): RequiredScopes | undefined => {
  const classic = entry.classic ?? [];
  const granular = entry.granular ?? [];
  if (classic.length > 0) return { current: [...classic], beta: [...granular] };
  if (granular.length > 0) return { current: [...granular] };
  if (entry.classic !== undefined && entry.granular !== undefined) return { current: [] };
  return undefined;
};

export type ScopeVerdict =
  | { readonly kind: 'granted'; readonly operation: string }
  | { readonly kind: 'missing'; readonly operation: string; readonly missing: readonly string[]; readonly required: RequiredScopes }
  /** Not in the table, or in it without scope data: nothing says what it needs. */
  | { readonly kind: 'unknown'; readonly request: string };

/** Whether an app declaring `declared` scopes may make this request, by Atlassian's rule. */
export const checkScopes = async (method: string, path: string, declared: readonly string[]): Promise<ScopeVerdict> => {
  const request = `${method.toUpperCase()} ${segmentsOf(path).join('/')}`;
  const match = findOperation(method, path);
  const required = match === undefined ? undefined : requiredScopesOf(match.entry);
  if (match === undefined || required === undefined) return { kind: 'unknown', request };
  const missing = await getMissingScopes([...declared], required);
  return missing.length === 0 ? { kind: 'granted', operation: match.operation } : { kind: 'missing', operation: match.operation, missing, required };
};

/** "read:a + read:b, or read:c": the scope sets that would grant an operation, for messages. */
export const describeRequired = (required: RequiredScopes): string =>
  [required.current, required.beta ?? []]
    .filter((set) => set.length > 0)
    .map((set) => set.join(' + '))
    .join(', or ');

/**
 * What Forge answers when the app lacks an operation's scopes: Atlassian's API gateway refuses the
 * request with 401, the JSON body below and `x-failure-category: FAILURE_CLIENT_SCOPE_CHECK`. It is
 * an ordinary response, not a proxy error (no `forge-proxy-error` header), so `@forge/api`'s
 * `requestJira` resolves with it rather than throwing (see `handleProxyResponseErrors` in
 * node_modules/@forge/api/out/api/fetch.js), and `@forge/bridge`'s `requestJira` does the same.
 * The sandbox adds one header of its own, `x-sandbox-scope-check`, saying which scopes were missing;
 * the app never reads it.
 * @see https://community.developer.atlassian.com/t/forge-app-401-unauthorized-failure-client-scope-check-when-calling-ex-jira-cloudid-rest-api-3-project-search-from-webtrigger/96127
 * @see https://community.atlassian.com/forums/Jira-Service-Management/Forge-code-401-message-Unauthorized-scope-does-not-match/qaq-p/3255119
 */
export const SCOPE_MISMATCH_STATUS = 401;
export const SCOPE_MISMATCH_BODY = { code: 401, message: 'Unauthorized; scope does not match' } as const;

export interface ScopeRefusal {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** One line for the sandbox's log: what was refused and why. */
  readonly explanation: string;
}

/**
 * The refusal for a request the verdict does not grant. An operation the table does not know is
 * refused too, in the same shape (the app must handle that 401 anyway), with a message naming the
 * operation so the developer adds it to the table from its REST documentation: passing it would let
 * a call Forge may refuse reach the demo unnoticed.
 */
export const scopeRefusal = (verdict: Exclude<ScopeVerdict, { kind: 'granted' }>): ScopeRefusal => {
  const headers = { 'content-type': 'application/json', 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' };
  if (verdict.kind === 'unknown') {
    const explanation = `${verdict.request} is not an operation in ${SCOPE_TABLE_PATH}, so the sandbox cannot tell which scopes Forge would ask for: add it with the scopes its REST documentation lists.`;
    return {
      status: SCOPE_MISMATCH_STATUS,
      headers: { ...headers, 'x-sandbox-scope-check': explanation },
      body: JSON.stringify({ ...SCOPE_MISMATCH_BODY, message: `${SCOPE_MISMATCH_BODY.message} (sandbox: ${explanation})` }),
      explanation,
    };
  }
  const explanation = `${verdict.operation} needs ${describeRequired(verdict.required)}; manifest.yml lacks ${verdict.missing.join(', ')}.`;
  return { status: SCOPE_MISMATCH_STATUS, headers: { ...headers, 'x-sandbox-scope-check': explanation }, body: JSON.stringify(SCOPE_MISMATCH_BODY), explanation };
};
